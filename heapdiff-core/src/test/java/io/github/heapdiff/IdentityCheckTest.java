package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class IdentityCheckTest {

    static final GroupKey LEAK = GroupKey.of("Leak");
    static final GroupKey CONFIG = GroupKey.of("Config");

    static Snapshot snapshot(String name, Map<String, String> metadata, long[] leak, long[] config) {
        SnapshotSource source = SnapshotSource.of(name, "test");
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            source = source.withMetadata(e.getKey(), e.getValue());
        }
        return Snapshot.builder(source).identities(true)
                .add(group(LEAK, leak))
                .add(group(CONFIG, config))
                .build();
    }

    static ObjectGroup group(GroupKey key, long[] ids) {
        return new ObjectGroup(key, GroupStats.ofCount(ids.length), List.of(), Optional.empty(), Optional.empty(),
                ObjectIds.of(ids));
    }

    static long[] range(long from, long to) {
        return LongStream.range(from, to).map(i -> 2 * i + 1).toArray();
    }

    @Test
    void later_snapshots_of_one_process_are_tracked() {
        Snapshot a = snapshot("a", Map.of(IdentityCheck.HIGH_WATER_KEY, "199"), range(0, 50), range(50, 100));
        // 100 new Leak objects, with ids above a's high-water mark as one process hands them out
        long[] leak = LongStream.concat(LongStream.of(range(0, 50)), LongStream.of(range(100, 200))).toArray();
        Snapshot b = snapshot("b", Map.of(IdentityCheck.HIGH_WATER_KEY, "399"), leak, range(50, 100));
        HeapDiff d = a.diff(b);
        assertEquals(IdentityCheck.Status.TRACKED, d.identityCheck().status(), d.identityCheck().reason());
        assertEquals(new IdentityHistory.Step(100, 0, 50), d.delta(LEAK).orElseThrow().identity().orElseThrow()
                .steps().get(0));
    }

    @Test
    void snapshots_whose_old_ids_mostly_differ_are_counted_only_and_the_diff_says_why() {
        Snapshot a = snapshot("a.heapsnapshot", Map.of(), range(0, 50), range(50, 100));
        // same id range, but the objects with those ids are mostly of the other type: another process
        Snapshot b = snapshot("b.heapsnapshot", Map.of(), range(40, 100), range(0, 40));
        HeapDiff d = a.diff(b);
        assertEquals(IdentityCheck.Status.DIFFERENT_PROCESSES, d.identityCheck().status());
        assertEquals("a.heapsnapshot and b.heapsnapshot look like different processes: of the 100 objects of "
                + "b.heapsnapshot with identities up to a.heapsnapshot's high-water mark 199, 10 (10%) are in "
                + "a.heapsnapshot with the same type, less than 90%; comparing counts only", d.identityCheck().reason());
        assertFalse(d.isIdentityTracked());
        assertEquals(Optional.empty(), d.delta(LEAK).orElseThrow().identity());
        assertEquals(OptionalLong.of(10), d.delta(LEAK).orElseThrow().countDelta());
    }

    @Test
    void a_high_water_mark_that_goes_down_means_another_process() {
        Snapshot a = snapshot("a", Map.of(IdentityCheck.HIGH_WATER_KEY, "999"), range(0, 50), range(50, 100));
        Snapshot b = snapshot("b", Map.of(IdentityCheck.HIGH_WATER_KEY, "500"), range(0, 50), range(50, 100));
        IdentityCheck c = a.diff(b).identityCheck();
        assertEquals(IdentityCheck.Status.DIFFERENT_PROCESSES, c.status());
        assertTrue(c.reason().contains("high-water mark of 500, below the 999"), c.reason());
    }

    @Test
    void identities_of_different_schemes_are_not_compared() {
        Snapshot a = snapshot("a", Map.of(IdentityCheck.SCHEME_KEY, "v8-heap-object-id"), range(0, 5), range(5, 9));
        Snapshot b = snapshot("b", Map.of(IdentityCheck.SCHEME_KEY, "other"), range(0, 5), range(5, 9));
        IdentityCheck c = a.diff(b).identityCheck();
        assertEquals(IdentityCheck.Status.DIFFERENT_PROCESSES, c.status());
        assertTrue(c.reason().contains("identities of different kinds"), c.reason());
    }

    @Test
    void a_snapshot_without_identities_leaves_them_unavailable() {
        Snapshot a = snapshot("a", Map.of(), range(0, 5), range(5, 9));
        Snapshot b = Snapshot.builder(SnapshotSource.of("listing.txt", "test")).add(LEAK, GroupStats.ofCount(9)).build();
        IdentityCheck c = a.diff(b).identityCheck();
        assertEquals(IdentityCheck.Status.NOT_AVAILABLE, c.status());
        assertEquals("listing.txt carries no object identities; comparing counts", c.reason());
    }

    @Test
    void the_check_looks_at_types_so_objects_changing_shape_still_match() {
        GroupKey thin = GroupKey.of("Leak", Shape.of(List.of("a")));
        GroupKey wide = GroupKey.of("Leak", Shape.of(List.of("a", "b")));
        Snapshot a = Snapshot.builder(SnapshotSource.of("a", "t")).identities(true)
                .add(group(thin, range(0, 10))).build();
        // every object gained a property: it moved to another shape group, but it is the same object
        Snapshot b = Snapshot.builder(SnapshotSource.of("b", "t")).identities(true)
                .add(group(wide, range(0, 10))).build();
        HeapDiff d = a.diff(b);
        assertTrue(d.isIdentityTracked(), d.identityCheck().reason());
    }
}
