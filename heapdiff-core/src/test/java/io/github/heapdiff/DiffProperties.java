package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DiffProperties {

    @Provide
    Arbitrary<Snapshot> snapshots() {
        Arbitrary<GroupKey> keys = Combinators.combine(
                Arbitraries.of("Array", "Object", "Timer", "TraceSegment", "Map"),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.<List<String>>of(List.of(), List.of("a"), List.of("a", "b"), List.of("id", "genreIds")),
                Arbitraries.of(true, false))
                .as((type, count, names, truncated) -> {
                    if (count < 0) {
                        return GroupKey.of(type);
                    }
                    if (names.isEmpty()) {
                        return GroupKey.of(type, new Shape(List.of(), count, truncated && count > 0));
                    }
                    return GroupKey.of(type, truncated ? new Shape(names, names.size() + count, true) : Shape.of(names));
                });
        Arbitrary<ObjectGroup> groups = Combinators.combine(keys, Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.longs().between(0, 1L << 40))
                .as((k, c, b) -> ObjectGroup.of(k, GroupStats.of(c, b)));
        return Combinators.combine(groups.list().ofMaxSize(12), Arbitraries.of(true, false), Arbitraries.strings().alpha().ofLength(4))
                .as((gs, partial, name) -> {
                    Snapshot.Builder b = Snapshot.builder(SnapshotSource.of("s-" + name, "test")).partial(partial);
                    gs.forEach(b::add);
                    return b.build();
                });
    }

    @Property
    void a_snapshot_diffed_with_itself_has_no_growth(@ForAll("snapshots") Snapshot s) {
        for (GroupDelta d : s.diff(s).deltas()) {
            assertEquals(OptionalLong.of(0), d.countDelta());
            assertEquals(OptionalLong.of(0), d.shallowBytesDelta());
            assertFalse(d.grewAtEveryStep());
        }
    }

    @Property
    void count_deltas_are_antisymmetric(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        HeapDiff ab = a.diff(b);
        HeapDiff ba = b.diff(a);
        assertEquals(ab.deltas().size(), ba.deltas().size());
        for (GroupDelta d : ab.deltas()) {
            GroupDelta r = ba.delta(d.key()).orElseThrow();
            OptionalLong x = d.countDelta();
            OptionalLong y = r.countDelta();
            assertEquals(x.isPresent(), y.isPresent());
            if (x.isPresent()) {
                assertEquals(x.getAsLong(), -y.getAsLong());
            }
        }
    }

    @Property
    void group_sums_equal_totals(@ForAll("snapshots") Snapshot s) {
        for (Snapshot t : List.of(s, s.regroup(Grouping.TYPE))) {
            long count = 0;
            long bytes = 0;
            for (ObjectGroup g : t.groups()) {
                count += g.count();
                bytes += g.stats().shallowBytes().orElseThrow();
            }
            assertEquals(count, t.totals().count());
            assertEquals(bytes, t.totals().shallowBytes().orElseThrow());
        }
    }

    @Property
    void regrouping_then_diffing_equals_diffing_then_regrouping(@ForAll("snapshots") Snapshot a,
            @ForAll("snapshots") Snapshot b, @ForAll("snapshots") Snapshot c) {
        HeapDiff regroupedFirst = a.regroup(Grouping.TYPE).diff(b.regroup(Grouping.TYPE), c.regroup(Grouping.TYPE));
        HeapDiff diffedFirst = a.diff(b, c).regroup(Grouping.TYPE);
        assertEquals(regroupedFirst.deltas(), diffedFirst.deltas());
    }

    @Property
    void group_order_does_not_depend_on_insertion_order(@ForAll("snapshots") Snapshot s) {
        List<ObjectGroup> reversed = new ArrayList<>(s.groups());
        java.util.Collections.reverse(reversed);
        Snapshot.Builder b = Snapshot.builder(s.source()).partial(s.isPartial());
        reversed.forEach(b::add);
        assertEquals(s.groups(), b.build().groups());
    }
}
