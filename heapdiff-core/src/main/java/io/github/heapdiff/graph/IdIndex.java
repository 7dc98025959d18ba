package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * Finds a node by its id. Ids that are dense enough after removing their common alignment (heap
 * addresses, V8 node ids: at most 64 possible ids a node) are indexed with a bitmap plus a rank
 * table: one bit per possible id and O(1) lookups. Sparse ids fall back to a sorted array and binary search. When
 * several nodes share an id, the first one added wins.
 */
final class IdIndex {
    private final long min;
    private final int shift;
    private final long[] bits;
    private final int[] rankBase;
    private final long[] sorted;
    private final int[] nodeAt;
    private final int duplicates;

    private IdIndex(long min, int shift, long[] bits, int[] rankBase, long[] sorted, int[] nodeAt, int duplicates) {
        this.min = min;
        this.shift = shift;
        this.bits = bits;
        this.rankBase = rankBase;
        this.sorted = sorted;
        this.nodeAt = nodeAt;
        this.duplicates = duplicates;
    }

    static IdIndex build(LongColumn ids, int n) {
        return plan(ids, n).get();
    }

    /**
     * Plans the index of the {@code n} ids: finds their range and, when they are dense enough for a
     * bitmap, allocates its arrays on the calling thread; the returned step fills them (on any one
     * thread). A caller that runs the step on another thread while it allocates more itself keeps
     * the order of the big allocations fixed, so that the garbage collections a big graph needs
     * fall at the same points in every run.
     */
    static java.util.function.Supplier<IdIndex> plan(LongColumn ids, int n) {
        if (n == 0) {
            return () -> new IdIndex(0, 0, null, null, new long[0], new int[0], 0);
        }
        // one pass: the range, and the low bits all ids share (those of the first: an id's
        // difference from the smallest has as many trailing zeros in common with the others'
        // as its difference from the first)
        long first = ids.get(0);
        long min = first;
        long max = first;
        long or = 0;
        for (int i = 1; i < n; i++) {
            long id = ids.get(i);
            min = Math.min(min, id);
            max = Math.max(max, id);
            or |= id ^ first;
        }
        int shift = or == 0 ? 0 : Long.numberOfTrailingZeros(or);
        long span = ((max - min) >>> shift) + 1;
        // a bitmap of up to 64 bits a node (plus a rank entry every 64) is no larger than the sorted
        // array of 8-byte ids, and its lookups are O(1)
        if (span > 0 && span <= 64L * n && span <= (1L << 37)) {
            int words = (int) ((span + 63) >>> 6);
            long[] bits = new long[words];
            int[] rankBase = new int[words];
            int[] nodeAt = new int[n]; // the distinct ids, at most n
            long low = min;
            return () -> bitmap(ids, n, low, shift, bits, rankBase, nodeAt);
        }
        return () -> sortedIndex(ids, n);
    }

    private static IdIndex bitmap(LongColumn ids, int n, long min, int shift, long[] bits, int[] rankBase, int[] nodeAt) {
        int words = bits.length;
        for (int i = 0; i < n; i++) {
            long p = (ids.get(i) - min) >>> shift;
            bits[(int) (p >>> 6)] |= 1L << p;
        }
        int r = 0;
        for (int w = 0; w < words; w++) {
            rankBase[w] = r;
            r += Long.bitCount(bits[w]);
        }
        Arrays.fill(nodeAt, 0, r, -1);
        int dup = 0;
        for (int i = 0; i < n; i++) {
            long p = (ids.get(i) - min) >>> shift;
            int w = (int) (p >>> 6);
            int rank = rankBase[w] + Long.bitCount(bits[w] & ((1L << p) - 1));
            if (nodeAt[rank] < 0) {
                nodeAt[rank] = i;
            } else {
                dup++;
            }
        }
        return new IdIndex(min, shift, bits, rankBase, null, nodeAt, dup);
    }

    private static IdIndex sortedIndex(LongColumn ids, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ids.get(i);
        }
        Arrays.sort(keys);
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[u++] = keys[i];
            }
        }
        long[] sorted = Arrays.copyOf(keys, u);
        int[] nodeAt = new int[u];
        Arrays.fill(nodeAt, -1);
        int dup = 0;
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(sorted, ids.get(i));
            if (nodeAt[rank] < 0) {
                nodeAt[rank] = i;
            } else {
                dup++;
            }
        }
        return new IdIndex(0, 0, null, null, sorted, nodeAt, dup);
    }

    /** The node with {@code id}, or -1. */
    int find(long id) {
        if (bits == null) {
            int rank = Arrays.binarySearch(sorted, id);
            return rank < 0 ? -1 : nodeAt[rank];
        }
        long d = id - min;
        if (d < 0 || (d & ((1L << shift) - 1)) != 0) {
            return -1;
        }
        long p = d >>> shift;
        int w = (int) (p >>> 6);
        if ((p >>> 6) >= bits.length || (bits[w] & (1L << p)) == 0) {
            return -1;
        }
        // the bit stands for exactly this id (aligned, in range): no need to read the node's id back
        return nodeAt[rankBase[w] + Long.bitCount(bits[w] & ((1L << p) - 1))];
    }

    /** How many nodes were added with an id another node already had. */
    int duplicates() {
        return duplicates;
    }
}
