package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The id index finds, for every id, the first node added with it, and -1 for any other id, however
 * the ids are laid out: in address order as dumps mostly list them, after a few out of order (as
 * HotSpot lists its class objects first, some with ids in the others' range), with runs out of order, with
 * duplicates, dense enough for the bitmap (in clusters, or throughout the range) or so sparse
 * that it falls back to sorted ids.
 */
class IdIndexProperties {

    @Property(tries = 300)
    void findsTheFirstNodeOfEveryIdAndNothingElse(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int size) {
        check(seed, size);
    }

    /** As above, for columns of more than one chunk (the index reads narrow columns chunk by chunk). */
    @Property(tries = 4)
    void findsEveryIdAcrossChunks(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200_000) int beyond) {
        check(seed, IntChunks.CHUNK + beyond);
    }

    private static void check(long seed, int size) {
        Random r = new Random(seed);
        int n = size;
        int shift = r.nextInt(4); // ids share 0-3 low zero bits
        long min = r.nextInt(3) == 0 ? r.nextLong() >>> 2 : r.nextInt(1 << 20);
        // gaps between neighbouring ids: small (dense, the bitmap); small with one the size of two or
        // three bitmap regions (two clusters, as in a heap's used parts); or now and then huge (sparse)
        int layout = r.nextInt(5);
        if (layout == 1) {
            n = Math.max(n, 4000);
        }
        int far = r.nextInt(n);
        long[] ids = new long[n];
        long at = min;
        for (int i = 0; i < n; i++) {
            long gap = switch (layout) {
                case 0 -> r.nextInt(4) == 0 ? r.nextInt(1 << 20) * 1000L : r.nextInt(70);
                case 1 -> i == far ? 140_000 + r.nextInt(40_000) : r.nextInt(8);
                default -> r.nextInt(70);
            };
            at += (1L + gap) << shift;
            ids[i] = at;
        }
        if (r.nextBoolean()) {
            // as a heap dump lists them: a few nodes first (class objects) out of order, below, within
            // or above the others' range, some with the id of a later node (the earlier must win), then
            // the rest strictly ascending
            int p = r.nextInt(n / 4 + 1);
            for (int i = 0; i < p; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> ids[i] = Math.max(0, min - ((1L + r.nextInt(1000)) << shift));
                    case 1 -> ids[i] = at + ((1L + r.nextInt(1000)) << shift);
                    case 2 -> ids[i] = r.nextInt(8) == 0 && p < n ? ids[p + r.nextInt(n - p)] : ids[i];
                    default -> { }
                }
            }
            for (int i = p - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                long t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
        } else {
            // out of order: a few nodes moved elsewhere and a reversed run
            for (int k = r.nextInt(4); k > 0; k--) {
                int i = r.nextInt(n);
                int j = r.nextInt(n);
                long t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
            if (r.nextBoolean()) {
                int from = r.nextInt(n);
                int to = Math.min(n, from + r.nextInt(200));
                for (int i = from, j = to - 1; i < j; i++, j--) {
                    long t = ids[i];
                    ids[i] = ids[j];
                    ids[j] = t;
                }
            }
            // duplicates: a node with the id of another, before or after it
            for (int k = r.nextInt(3); k > 0; k--) {
                ids[r.nextInt(n)] = ids[r.nextInt(n)];
            }
        }
        // a column stored as shifted ints (as for heap addresses) or plain ones, that drops its
        // shift or widens to longs as the ids demand
        LongColumn column = new LongColumn(n, r.nextInt(5));
        Map<Long, Integer> first = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            column.set(i, ids[i]);
            if (first.putIfAbsent(ids[i], i) != null) {
                duplicates++;
            }
        }

        IdIndex index = IdIndex.build(column, n);

        for (int i = 0; i < n; i++) {
            assertEquals(first.get(ids[i]), index.find(ids[i]), "id " + ids[i] + " of node " + i);
        }
        assertEquals(duplicates, index.duplicates());
        // ids no node has: beside each id, between the aligned ones, beyond both ends
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            for (long probe : new long[] {ids[i] + 1, ids[i] - 1, ids[i] + (1L << shift), ids[i] - (1L << shift)}) {
                assertEquals(first.getOrDefault(probe, -1), index.find(probe), "id " + probe);
            }
        }
        // aligned ids anywhere in the range and a little beyond it, in the gaps between clusters too
        long low = Math.min(min, ids[0]);
        long range = Math.max(1, (at - low) >>> shift);
        for (int k = 0; k < 2000; k++) {
            long probe = low + ((Math.floorMod(r.nextLong(), range + 200) - 100) << shift);
            assertEquals(first.getOrDefault(probe, -1), index.find(probe), "id " + probe);
        }
        assertEquals(-1, index.find(Long.MIN_VALUE));
        assertEquals(-1, index.find(Long.MAX_VALUE));
    }
}
