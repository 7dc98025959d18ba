package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * Finds a node by its id. Ids that are dense enough after removing their common alignment (heap
 * addresses, V8 node ids: at most 64 possible ids a node) are indexed with a bitmap plus a rank
 * table: one bit per possible id and O(1) lookups. Sparse ids fall back to a sorted array and binary search. When
 * several nodes share an id, the first one added wins.
 *
 * <p>When the ids strictly ascend from some node on, as a heap dump lists objects by address after
 * a few out of order (HotSpot's class objects), and that run is most of them, only the run goes
 * into the bitmap: the node of an id there is the run's first node plus the id's rank, so no
 * table maps ranks to nodes; the few ids before the run are sorted beside it.
 */
final class IdIndex {
    // the bitmap: ids from min, aligned to 2^shift (null bits: sorted ids only)
    private final long min;
    private final int shift;
    private final long[] bits;
    private final int[] rankBase;
    /** The node of each rank in the bitmap, plus one (a new array's zeros are empty entries); null for a run. */
    private final int[] nodeAt;
    /** With a run ({@code nodeAt} null): the node of rank 0. */
    private final int runStart;
    /** The distinct ids the bitmap leaves out, ascending, and the first node with each; null when it has them all. */
    private final long[] sorted;
    private final int[] sortedNode;
    private final int duplicates;

    private IdIndex(long min, int shift, long[] bits, int[] rankBase, int[] nodeAt, int runStart, long[] sorted,
            int[] sortedNode, int duplicates) {
        this.min = min;
        this.shift = shift;
        this.bits = bits;
        this.rankBase = rankBase;
        this.nodeAt = nodeAt;
        this.runStart = runStart;
        this.sorted = sorted;
        this.sortedNode = sortedNode;
        this.duplicates = duplicates;
    }

    /**
     * The index of the first {@code n} ids of {@code ids}: a bitmap when they are dense enough for
     * one, else sorted ids. A caller may build it on another thread while it works on other
     * columns; it only reads the ids.
     */
    static IdIndex build(LongColumn ids, int n) {
        if (n == 0) {
            return new IdIndex(0, 0, null, null, null, 0, new long[0], new int[0], 0);
        }
        // one pass: the range, the low bits all ids share (those of the first: an id's difference
        // from the smallest has as many trailing zeros in common with the others' as its
        // difference from the first), and where the ascending run at the end starts
        long[] range = ids.range(n);
        long min = range[0];
        long max = range[1];
        long or = range[2];
        int run = (int) range[3];
        int shift = or == 0 ? 0 : Long.numberOfTrailingZeros(or);
        if (run <= n / 4 && n - run >= 2) {
            IdIndex index = run(ids, n, run, shift);
            if (index != null) {
                return index;
            }
        }
        long span = ((max - min) >>> shift) + 1;
        if (dense(span, n)) {
            int words = (int) ((span + 63) >>> 6);
            // the distinct ids are at most n
            return bitmap(ids, n, min, shift, new long[words], new int[n]);
        }
        long[] sorted = distinctSorted(ids, 0, n);
        int[] sortedNode = new int[sorted.length];
        int dup = firstNodes(ids, 0, n, sorted, sortedNode);
        return new IdIndex(0, 0, null, null, null, 0, sorted, sortedNode, dup);
    }

    /**
     * A bitmap of up to 64 bits a node (plus a rank entry every 64) is no larger than the sorted
     * array of 8-byte ids, and its lookups are O(1).
     */
    private static boolean dense(long span, int n) {
        return span > 0 && span <= 64L * n && span <= (1L << 37);
    }

    /**
     * The index with the ids from node {@code run} on (strictly ascending) in the bitmap and those
     * before sorted beside it; null when the run is too sparse for a bitmap or an id before it is
     * also in it (the earlier node would have to win over the run's).
     */
    private static IdIndex run(LongColumn ids, int n, int run, int shift) {
        long min = ids.get(run);
        long span = ((ids.get(n - 1) - min) >>> shift) + 1;
        if (!dense(span, n - run)) {
            return null;
        }
        int words = (int) ((span + 63) >>> 6);
        long[] bits = new long[words];
        setBits(ids, run, n, min, shift, bits);
        int[] rankBase = ranks(bits);
        long[] sorted = distinctSorted(ids, 0, run);
        int[] sortedNode = new int[sorted.length];
        int dup = firstNodes(ids, 0, run, sorted, sortedNode);
        IdIndex index = new IdIndex(min, shift, bits, rankBase, null, run, sorted, sortedNode, dup);
        for (long id : sorted) {
            if (index.inBitmap(id) >= 0) {
                return null;
            }
        }
        return index;
    }

    private static IdIndex bitmap(LongColumn ids, int n, long min, int shift, long[] bits, int[] nodeAt) {
        setBits(ids, 0, n, min, shift, bits);
        int[] rankBase = ranks(bits);
        int dup = visit(ids, 0, n, min, shift, bits, rankBase, nodeAt);
        return new IdIndex(min, shift, bits, rankBase, nodeAt, 0, null, null, dup);
    }

    /** Sets the bit of the id of each node from {@code from} to {@code n} in {@code bits}. */
    private static void setBits(LongColumn ids, int from, int n, long min, int shift, long[] bits) {
        visit(ids, from, n, min, shift, bits, null, null);
    }

    /**
     * One pass over the ids of nodes {@code from} to {@code n} in {@code bits}, the bitmap of ids
     * from {@code min} aligned to {@code 2^shift}: without a rank table, sets each id's bit; with
     * one, records each node at its id's rank (see {@link #place}) and returns how many were
     * duplicates. A narrow column's stored ints are the ids shifted right by its own shift, which
     * the ids' common low bits include: positions come from them chunk by chunk, without widening
     * each id.
     */
    private static int visit(LongColumn ids, int from, int n, long min, int shift, long[] bits, int[] rankBase,
            int[] nodeAt) {
        boolean place = rankBase != null;
        int dup = 0;
        int[][] narrow = ids.narrowChunks();
        if (narrow == null) {
            for (int i = from; i < n; i++) {
                long p = (ids.get(i) - min) >>> shift;
                if (place) {
                    dup += place(bits, rankBase, nodeAt, p, i);
                } else {
                    bits[(int) (p >>> 6)] |= 1L << p;
                }
            }
            return dup;
        }
        int storedShift = Math.max(0, shift - ids.shift());
        long storedMin = min >>> ids.shift();
        for (int c = from >>> IntChunks.BITS, base = c << IntChunks.BITS; base < n; c++, base += IntChunks.CHUNK) {
            int[] a = narrow[c];
            for (int i = Math.max(0, from - base), len = Math.min(a.length, n - base); i < len; i++) {
                long p = ((a[i] & 0xFFFF_FFFFL) - storedMin) >>> storedShift;
                if (place) {
                    dup += place(bits, rankBase, nodeAt, p, base + i);
                } else {
                    bits[(int) (p >>> 6)] |= 1L << p;
                }
            }
        }
        return dup;
    }

    /** The rank table of a bitmap: how many bits are set in the words before each. */
    private static int[] ranks(long[] bits) {
        int[] rankBase = new int[bits.length];
        int r = 0;
        for (int w = 0; w < bits.length; w++) {
            rankBase[w] = r;
            r += Long.bitCount(bits[w]);
        }
        return rankBase;
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

    /** The distinct ids of nodes {@code from} to {@code to}, ascending. */
    private static long[] distinctSorted(LongColumn ids, int from, int to) {
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = ids.get(i);
        }
        Arrays.sort(keys);
        int u = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[u++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, u);
    }

    /** Fills {@code sortedNode} with the first of nodes {@code from} to {@code to} with each id of {@code sorted}; returns how many others share one. */
    private static int firstNodes(LongColumn ids, int from, int to, long[] sorted, int[] sortedNode) {
        Arrays.fill(sortedNode, -1);
        int dup = 0;
        for (int i = from; i < to; i++) {
            int rank = Arrays.binarySearch(sorted, ids.get(i));
            if (sortedNode[rank] < 0) {
                sortedNode[rank] = i;
            } else {
                dup++;
            }
        }
        return dup;
    }

    /** The node with {@code id}, or -1. */
    int find(long id) {
        if (bits != null) {
            int node = inBitmap(id);
            if (node >= 0 || sorted == null) {
                return node;
            }
        }
        int rank = Arrays.binarySearch(sorted, id);
        return rank < 0 ? -1 : sortedNode[rank];
    }

    /** The node the bitmap has for {@code id}, or -1. */
    private int inBitmap(long id) {
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
        int rank = rankBase[w] + Long.bitCount(bits[w] & ((1L << p) - 1));
        return nodeAt == null ? runStart + rank : nodeAt[rank] - 1;
    }

    /** How many nodes were added with an id another node already had. */
    int duplicates() {
        return duplicates;
    }
}
