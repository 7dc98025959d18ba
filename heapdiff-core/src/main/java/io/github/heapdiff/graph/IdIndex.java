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

    /**
     * The index of the first {@code n} ids of {@code ids}: a bitmap when they are dense enough for
     * one, else sorted ids. A caller may build it on another thread while it works on other
     * columns; it only reads the ids.
     */
    static IdIndex build(LongColumn ids, int n) {
        if (n == 0) {
            return new IdIndex(0, 0, null, null, new long[0], new int[0], 0);
        }
        // one pass: the range, and the low bits all ids share (those of the first: an id's
        // difference from the smallest has as many trailing zeros in common with the others'
        // as its difference from the first)
        long[] range = ids.range(n);
        long min = range[0];
        long max = range[1];
        long or = range[2];
        int shift = or == 0 ? 0 : Long.numberOfTrailingZeros(or);
        long span = ((max - min) >>> shift) + 1;
        // a bitmap of up to 64 bits a node (plus a rank entry every 64) is no larger than the sorted
        // array of 8-byte ids, and its lookups are O(1)
        if (span > 0 && span <= 64L * n && span <= (1L << 37)) {
            int words = (int) ((span + 63) >>> 6);
            // the distinct ids are at most n
            return bitmap(ids, n, min, shift, new long[words], new int[words], new int[n]);
        }
        return sortedIndex(ids, n);
    }

    private static IdIndex bitmap(LongColumn ids, int n, long min, int shift, long[] bits, int[] rankBase, int[] nodeAt) {
        int words = bits.length;
        int[][] narrow = ids.narrowChunks();
        // a narrow column's stored ints are the ids shifted right by its own shift, which the
        // ids' common low bits include: positions come from them without widening each id
        int storedShift = narrow == null ? 0 : Math.max(0, shift - ids.shift());
        long storedMin = narrow == null ? 0 : min >>> ids.shift();
        if (narrow != null) {
            for (int c = 0, base = 0; base < n; c++, base += IntChunks.CHUNK) {
                int[] a = narrow[c];
                for (int i = 0, len = Math.min(a.length, n - base); i < len; i++) {
                    long p = ((a[i] & 0xFFFF_FFFFL) - storedMin) >>> storedShift;
                    bits[(int) (p >>> 6)] |= 1L << p;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                long p = (ids.get(i) - min) >>> shift;
                bits[(int) (p >>> 6)] |= 1L << p;
            }
        }
        int r = 0;
        for (int w = 0; w < words; w++) {
            rankBase[w] = r;
            r += Long.bitCount(bits[w]);
        }
        int dup = 0;
        if (narrow != null) {
            for (int c = 0, base = 0; base < n; c++, base += IntChunks.CHUNK) {
                int[] a = narrow[c];
                for (int i = 0, len = Math.min(a.length, n - base); i < len; i++) {
                    long p = ((a[i] & 0xFFFF_FFFFL) - storedMin) >>> storedShift;
                    dup += place(bits, rankBase, nodeAt, p, base + i);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                dup += place(bits, rankBase, nodeAt, (ids.get(i) - min) >>> shift, i);
            }
        }
        return new IdIndex(min, shift, bits, rankBase, null, nodeAt, dup);
    }

    /**
     * Records node {@code i} at the rank of bitmap position {@code p} unless a node is there (as
     * {@code i + 1}: a new array's zeros are the empty entries); returns 1 for a duplicate.
     */
    private static int place(long[] bits, int[] rankBase, int[] nodeAt, long p, int i) {
        int w = (int) (p >>> 6);
        int rank = rankBase[w] + Long.bitCount(bits[w] & ((1L << p) - 1));
        if (nodeAt[rank] == 0) {
            nodeAt[rank] = i + 1;
            return 0;
        }
        return 1;
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
        int dup = 0;
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(sorted, ids.get(i));
            if (nodeAt[rank] == 0) {
                nodeAt[rank] = i + 1;
            } else {
                dup++;
            }
        }
        return new IdIndex(0, 0, null, null, sorted, nodeAt, dup);
    }

    /** The node with {@code id}, or -1 (entries hold the node plus one). */
    int find(long id) {
        if (bits == null) {
            int rank = Arrays.binarySearch(sorted, id);
            return rank < 0 ? -1 : nodeAt[rank] - 1;
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
        return nodeAt[rankBase[w] + Long.bitCount(bits[w] & ((1L << p) - 1))] - 1;
    }

    /** How many nodes were added with an id another node already had. */
    int duplicates() {
        return duplicates;
    }
}
