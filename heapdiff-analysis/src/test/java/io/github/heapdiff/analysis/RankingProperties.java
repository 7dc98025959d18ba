package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Ranking;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RankingProperties {

    record Row(String type, long before, long after) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Row> row = net.jqwik.api.Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2),
                Arbitraries.longs().between(0, 50), Arbitraries.longs().between(0, 50))
                .as(Row::new);
        return row.list().ofMaxSize(25).uniqueElements(Row::type);
    }

    @Provide
    Arbitrary<Ranking> rankings() {
        return Arbitraries.of(Rankings.byCountGrowth(), Rankings.byByteGrowth(), Rankings.byRelativeGrowth(),
                Rankings.steadyGrowth());
    }

    private static Snapshot build(String name, List<Row> rows, boolean after) {
        Snapshot.Builder b = Snapshot.builder(SnapshotSource.of(name, "test"));
        for (Row r : rows) {
            long c = after ? r.after() : r.before();
            if (c > 0) {
                b.add(GroupKey.of(r.type()), GroupStats.of(c, c * 16));
            }
        }
        return b.build();
    }

    @Property
    void ranking_order_does_not_depend_on_input_order(@ForAll("rows") List<Row> rows, @ForAll("rankings") Ranking ranking,
            @ForAll long seed) {
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        List<GroupKey> a = keys(build("1", rows, false).diff(build("2", rows, true)).rank(ranking).ranked());
        List<GroupKey> b = keys(build("1", shuffled, false).diff(build("2", shuffled, true)).rank(ranking).ranked());
        assertEquals(a, b);
    }

    @Property
    void count_ranking_is_sorted_by_delta_then_key(@ForAll("rows") List<Row> rows) {
        var ranked = build("1", rows, false).diff(build("2", rows, true)).rank(Rankings.byCountGrowth()).ranked();
        for (int i = 1; i < ranked.size(); i++) {
            long prev = ranked.get(i - 1).countDelta().getAsLong();
            long cur = ranked.get(i).countDelta().getAsLong();
            assert prev > cur || (prev == cur && ranked.get(i - 1).key().compareTo(ranked.get(i).key()) < 0);
        }
        long growers = rows.stream().filter(r -> r.after() > r.before()).count();
        assertEquals(growers, ranked.size());
    }

    private static List<GroupKey> keys(List<io.github.heapdiff.GroupDelta> ds) {
        return ds.stream().map(io.github.heapdiff.GroupDelta::key).toList();
    }
}
