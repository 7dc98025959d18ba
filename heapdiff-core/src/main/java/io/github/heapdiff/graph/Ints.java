package io.github.heapdiff.graph;

/**
 * Ints in one flat array or in chunks of {@value IntChunks#CHUNK}: for arrays that a phase can fill
 * into chunks another phase left behind (a dead column's, a dead buffer's) rather than into a new
 * array the heap may not have room for.
 */
final class Ints {
    /** The index bits of a flat array's single chunk: every int index. */
    private static final int FLAT_BITS = 31;
    private final int[][] chunks;
    private final int bits;
    private final int mask;

    private Ints(int[][] chunks, int bits) {
        this.chunks = chunks;
        this.bits = bits;
        this.mask = (int) ((1L << bits) - 1);
    }

    static Ints flat(int[] a) {
        return new Ints(new int[][] {a}, FLAT_BITS);
    }

    /** Over {@code chunks} of {@value IntChunks#CHUNK} ints each (the first may be shorter when it is the only one). */
    static Ints chunked(int[][] chunks) {
        return new Ints(chunks, IntChunks.BITS);
    }

    /**
     * Whether {@code chunks} (as {@link #chunked} takes them) hold at least {@code n} ints: enough
     * of them, each present and of full size unless it is the only one.
     */
    static boolean roomIn(int[][] chunks, int n) {
        if (chunks == null || (long) chunks.length << IntChunks.BITS < n) {
            return false;
        }
        for (int c = 0, at = 0; at < n; c++, at += IntChunks.CHUNK) {
            if (chunks[c] == null || chunks[c].length < Math.min(IntChunks.CHUNK, n - at)
                    || c > 0 && chunks[0].length < IntChunks.CHUNK) {
                return false;
            }
        }
        return true;
    }

    /** The chunks of chunked ints (to fill with something else once these are dead), or null for a flat array. */
    int[][] chunks() {
        return bits == FLAT_BITS ? null : chunks;
    }

    int get(int i) {
        return chunks[i >>> bits][i & mask];
    }

    void set(int i, int v) {
        chunks[i >>> bits][i & mask] = v;
    }

    /** Gives a flat array back to the pool (chunks are left to the collector). */
    void release(IntPool pool) {
        if (bits == FLAT_BITS) {
            pool.give(chunks[0]);
        }
    }
}
