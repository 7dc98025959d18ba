package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HeapDiffTest {

    static final GroupKey SEGMENT = GroupKey.of("TraceSegment", new Shape(List.of("name", "transaction"), 13, true));
    static final GroupKey CONFIG = GroupKey.of("Object", Shape.of(List.of("id", "genreIds")));
    static final GroupKey BACKOFF = GroupKey.of("ExponentialBackoffStrategy", new Shape(List.of(), 6, true));
    static final GroupKey ARGS = GroupKey.of("Arguments", Shape.of(List.of("0", "length")));

    static Snapshot before() {
        return Snapshot.builder(SnapshotSource.of("before.txt", "test"))
                .add(SEGMENT, GroupStats.ofCount(19_917))
                .add(CONFIG, GroupStats.ofCount(8_775))
                .add(ARGS, GroupStats.ofCount(4_643))
                .build();
    }

    static Snapshot after() {
        return Snapshot.builder(SnapshotSource.of("after.txt", "test")).partial(true)
                .add(SEGMENT, GroupStats.ofCount(209_896))
                .add(CONFIG, GroupStats.ofCount(8_775))
                .add(BACKOFF, GroupStats.ofCount(14_099))
                .build();
    }

    @Test
    void follows_each_group_across_snapshots() {
        HeapDiff diff = before().diff(after());
        GroupDelta seg = diff.delta(SEGMENT).orElseThrow();
        assertEquals(OptionalLong.of(189_979), seg.countDelta());
        assertEquals(10.54, seg.countRatio().orElseThrow(), 0.005);
        assertTrue(seg.grewAtEveryStep());
        assertTrue(diff.delta(CONFIG).orElseThrow().isUnchanged());
        assertTrue(diff.delta(BACKOFF).orElseThrow().isNew());
    }

    @Test
    void a_group_missing_from_an_elided_listing_is_not_shown_never_gone() {
        GroupDelta args = before().diff(after()).delta(ARGS).orElseThrow();
        assertEquals(Observation.Presence.NOT_SHOWN, args.last().presence());
        assertFalse(args.isGone());
        assertTrue(args.hasUnknown());
        assertEquals(OptionalLong.empty(), args.countDelta());
        assertEquals(OptionalDouble.empty(), args.countRatio());
    }

    @Test
    void a_group_missing_from_a_complete_snapshot_is_gone() {
        Snapshot after = Snapshot.builder(SnapshotSource.of("after", "test")).add(SEGMENT, GroupStats.ofCount(1)).build();
        GroupDelta args = before().diff(after).delta(ARGS).orElseThrow();
        assertTrue(args.isGone());
        assertEquals(OptionalLong.of(-4_643), args.countDelta());
    }

    @Test
    void snapshots_with_different_groupings_are_compared_by_type() {
        Snapshot byType = Snapshot.builder(SnapshotSource.of("t", "test"))
                .add(GroupKey.of("TraceSegment"), GroupStats.ofCount(30_000)).build();
        HeapDiff diff = before().diff(byType);
        assertEquals(Grouping.TYPE, diff.grouping());
        assertEquals(OptionalLong.of(30_000 - 19_917), diff.delta(GroupKey.of("TraceSegment")).orElseThrow().countDelta());
    }

    @Test
    void identities_tell_added_removed_and_survived_and_the_leak_set() {
        GroupKey k = GroupKey.of("Leak");
        Snapshot s1 = identified("1", k, 1, 3, 5);
        Snapshot s2 = identified("2", k, 3, 5, 7, 9, 11);
        Snapshot s3 = identified("3", k, 5, 7, 11, 13);
        HeapDiff diff = s1.diff(s2, s3);
        assertTrue(diff.isIdentityTracked());
        IdentityHistory h = diff.delta(k).orElseThrow().identity().orElseThrow();
        assertEquals(new IdentityHistory.Step(3, 1, 2), h.steps().get(0));
        assertEquals(new IdentityHistory.Step(1, 2, 3), h.steps().get(1));
        assertEquals(OptionalLong.of(2), h.persistentNew()); // 7 and 11: new in 2, alive in 3
    }

    private static Snapshot identified(String name, GroupKey k, long... ids) {
        return Snapshot.builder(SnapshotSource.of(name, "test")).identities(true)
                .add(new ObjectGroup(k, GroupStats.ofCount(ids.length), List.of(), java.util.Optional.empty(),
                        java.util.Optional.empty(), ObjectIds.of(ids)))
                .build();
    }

    @Test
    void capture_times_must_not_run_backwards() {
        Snapshot late = Snapshot.builder(SnapshotSource.of("late", "t").withCaptureTime(Instant.parse("2026-01-02T00:00:00Z"))).build();
        Snapshot early = Snapshot.builder(SnapshotSource.of("early", "t").withCaptureTime(Instant.parse("2026-01-01T00:00:00Z"))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> late.diff(early));
        assertTrue(e.getMessage().contains("oldest first"), e.getMessage());
    }

    @Test
    void a_diff_needs_a_later_snapshot() {
        assertThrows(IllegalArgumentException.class, () -> before().diff());
    }

    @Test
    void regrouping_a_shape_snapshot_adds_counts_and_drops_retained() {
        Snapshot s = Snapshot.builder(SnapshotSource.of("s", "t"))
                .add(GroupKey.of("Array", Shape.counted(1)), GroupStats.of(10, 100, 1000))
                .add(GroupKey.of("Array", Shape.counted(2)), GroupStats.of(5, 80, 500))
                .add(GroupKey.of("Map", Shape.counted(0)), GroupStats.of(1, 8, 9000))
                .build();
        Snapshot t = s.regroup(Grouping.TYPE);
        assertEquals(GroupStats.of(15, 180), t.group(GroupKey.of("Array")).orElseThrow().stats());
        assertEquals(GroupStats.of(1, 8, 9000), t.group(GroupKey.of("Map")).orElseThrow().stats());
        assertEquals(s.totals().count(), t.totals().count());
        assertThrows(IllegalArgumentException.class, () -> t.regroup(Grouping.SHAPE));
    }
}
