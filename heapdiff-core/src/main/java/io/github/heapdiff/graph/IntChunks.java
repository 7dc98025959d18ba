package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * A growable column of ints in chunks of {@value #CHUNK} entries, for the node columns while a
 * reader streams nodes of a dump whose size it does not know: growing never copies what is
 * stored (copying a big column to grow it, again and again, left as much garbage for full
 * collections to move as the column itself). {@link #toArray} flattens it once the count is
 * known. The first chunk starts small and grows, so that small graphs stay small. Not
 * thread-safe.
 */
final class IntChunks {

    static final int BITS = 20;
    static final int CHUNK = 1 << BITS;
    private static final int MASK = CHUNK - 1;

    private int[][] chunks = new int[0][];
    private int capacity;
    /** Where full-size chunks come from. */
    ChunkStock stock = ChunkStock.NONE;

    /** Makes room for entries {@code 0 .. size - 1}; new entries are 0. */
    void ensure(int size) {
        if (size <= capacity) {
            return;
        }
        if (chunks.length == 0 || capacity < CHUNK) {
            // the first chunk grows by copying (at most one chunk's worth) until it is full size
            int first = (int) Math.min(CHUNK, Math.max(Math.max(1024L, size), 2L * capacity));
            if (chunks.length == 0) {
                chunks = new int[][] {new int[first]};
            } else if (chunks[0].length < first) {
                chunks[0] = Arrays.copyOf(chunks[0], first);
            }
            capacity = first;
        }
        while (capacity < size) {
            int c = capacity >>> BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, Math.max(4, c * 2));
            }
            chunks[c] = stock.take();
            capacity += CHUNK;
        }
    }

    /**
     * Makes the first chunk full size at once (for a column known to grow big), while the
     * capacity still grows in the same steps, now without copying: the caller's test for room
     * is taken as often, and as early, as without this (see {@link GraphBuilder#expectLargeGraph}).
     */
    void reserveFirst() {
        if (chunks.length == 0) {
            chunks = new int[][] {new int[CHUNK]};
        }
    }

    int capacity() {
        return capacity;
    }

    int get(int i) {
        return chunks[i >>> BITS][i & MASK];
    }

    void set(int i, int value) {
        chunks[i >>> BITS][i & MASK] = value;
    }

    /**
     * Entries {@code 0 .. size - 1} in one array of {@code size + extra} ints (the extra ones 0),
     * releasing the chunks as they are copied; the column is empty afterwards.
     */
    int[] toArray(int size, int extra) {
        int[] out = new int[size + extra];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            System.arraycopy(chunks[c], 0, out, at, Math.min(Math.min(CHUNK, chunks[c].length), size - at));
            chunks[c] = null;
        }
        chunks = new int[0][];
        capacity = 0;
        return out;
    }
}
