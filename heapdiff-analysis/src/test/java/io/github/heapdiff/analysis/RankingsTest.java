package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.RankedDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingsTest {

    static Snapshot snapshot(String name, Object... keyCountBytes) {
        Snapshot.Builder b = Snapshot.builder(SnapshotSource.of(name, "test"));
        for (int i = 0; i < keyCountBytes.length; i += 3) {
            b.add(GroupKey.of((String) keyCountBytes[i]),
                    GroupStats.of(((Number) keyCountBytes[i + 1]).longValue(), ((Number) keyCountBytes[i + 2]).longValue()));
        }
        return b.build();
    }

    static List<String> order(RankedDiff r) {
        return r.ranked().stream().map(d -> d.key().render()).toList();
    }

    final HeapDiff diff = snapshot("1", "A", 100, 1000, "B", 10, 5000, "C", 1, 10, "Flat", 50, 50)
            .diff(snapshot("2", "A", 300, 3000, "B", 40, 20000, "C", 5, 50, "Flat", 50, 50),
                    snapshot("3", "A", 250, 2500, "B", 90, 45000, "C", 9, 90, "Flat", 50, 50, "New", 7, 70));

    @Test
    void count_growth_puts_the_most_objects_added_first() {
        assertEquals(List.of("A", "B", "C", "New"), order(diff.rank(Rankings.byCountGrowth())));
    }

    @Test
    void byte_growth_puts_the_most_bytes_added_first() {
        assertEquals(List.of("B", "A", "C", "New"), order(diff.rank(Rankings.byByteGrowth())));
    }

    @Test
    void relative_growth_damps_small_groups_and_keeps_new_ones_finite() {
        RankedDiff r = diff.rank(Rankings.byRelativeGrowth());
        assertEquals(List.of("B", "New", "C", "A"), order(r));
        assertEquals(91.0 / 11.0, r.entries().get(0).score(), 1e-9);
        assertEquals(8.0, r.entries().get(1).score(), 1e-9);
    }

    @Test
    void steady_growth_leaves_out_groups_that_shrank_at_some_step() {
        assertEquals(List.of("B", "C"), order(diff.rank(Rankings.steadyGrowth())));
    }

    @Test
    void retained_growth_ranks_nothing_without_retained_sizes() {
        assertTrue(diff.rank(Rankings.byRetainedGrowth()).entries().isEmpty());
    }

    @Test
    void named_rankings_resolve_and_unknown_names_list_the_choices() {
        assertEquals("steady-growth", Rankings.named("steady").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rankings.named("size"));
        assertTrue(e.getMessage().contains("count, bytes, retained, ratio, steady"), e.getMessage());
    }

    @Test
    void ties_break_on_the_group_key() {
        HeapDiff tie = snapshot("1", "Zeta", 1, 1, "Alpha", 1, 1).diff(snapshot("2", "Zeta", 5, 5, "Alpha", 5, 5));
        assertEquals(List.of("Alpha", "Zeta"), order(tie.rank(Rankings.byCountGrowth())));
    }
}
