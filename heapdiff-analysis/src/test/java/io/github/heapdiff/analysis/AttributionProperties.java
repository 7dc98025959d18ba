package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AttributionProperties {

    private static final List<String> TYPES = List.of("Session", "Timer", "Array", "Object", "acme.Cache", "acme.Entry",
            "java.util.HashMap", "(string)", "Config", "[J");

    @Provide
    Arbitrary<List<List<Long>>> histories() {
        Arbitrary<List<Long>> counts = Arbitraries.longs().between(0, 50_000).list().ofSize(TYPES.size());
        return counts.list().ofMinSize(2).ofMaxSize(4);
    }

    private static List<Snapshot> snapshots(List<List<Long>> histories) {
        return histories.stream().map(counts -> {
            Snapshot.Builder b = Snapshot.builder(SnapshotSource.of("s", "test"));
            for (int i = 0; i < TYPES.size(); i++) {
                if (counts.get(i) > 0) {
                    b.add(GroupKey.of(TYPES.get(i)), GroupStats.ofCount(counts.get(i)));
                }
            }
            return b.build();
        }).toList();
    }

    @Property(tries = 300)
    void every_group_that_grew_is_in_exactly_one_finding(@ForAll("histories") List<List<Long>> histories) {
        HeapDiff diff = HeapDiff.of(snapshots(histories));
        LeakReport r = diff.rank(Rankings.composite()).attribute(Heuristics.defaults());
        Set<GroupKey> seen = new HashSet<>();
        for (Finding f : r.findings()) {
            assertTrue(seen.add(f.group().key()), "twice: " + f.group().key());
            for (Companion c : f.companions()) {
                assertTrue(seen.add(c.key()), "twice: " + c.key());
            }
        }
        Set<GroupKey> grew = new HashSet<>();
        for (GroupDelta d : diff.deltas()) {
            if (AnalysisContext.grew(d)) {
                grew.add(d.key());
            }
        }
        assertEquals(grew, seen);
        for (int i = 0; i < r.findings().size(); i++) {
            assertEquals(i + 1, r.findings().get(i).rank());
        }
    }

    @Property(tries = 100)
    void a_snapshot_diffed_with_itself_has_no_finding(@ForAll("histories") List<List<Long>> histories) {
        Snapshot s = snapshots(histories).get(0);
        LeakReport r = s.diff(s, s).rank(Rankings.composite()).attribute(Heuristics.defaults());
        assertTrue(r.findings().isEmpty());
        assertFalse(r.hasLikelyLeak());
    }

    @Property(tries = 200)
    void the_report_does_not_depend_on_the_ranking_object_or_repetition(@ForAll("histories") List<List<Long>> histories) {
        List<Snapshot> s = snapshots(histories);
        String a = ReportWriter.json().toString(HeapDiff.of(s).rank(Rankings.composite()).attribute(Heuristics.defaults()));
        String b = ReportWriter.json().toString(HeapDiff.of(s).rank(Rankings.named("composite")).attribute(Heuristics.defaults()));
        assertEquals(a, b);
    }
}
