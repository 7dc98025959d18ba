package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * A growable column of non-negative longs stored as unsigned 32-bit ints while every value fits,
 * switched to longs the first time one does not: node ids and sizes are almost always small
 * enough, so this halves their memory in the common case.
 *
 * <p>A column made with an alignment shift stores {@code value >>> shift} while every value is a
 * multiple of {@code 2^shift}: heap addresses (HPROF object ids) are multiples of 8, so 64-bit
 * addresses up to 32 GB still take 4 bytes. The first value that is not a multiple drops the shift
 * (the stored values are re-encoded once, when they still fit) or widens the column.
 *
 * <p>Values are kept in chunks of {@value IntChunks#CHUNK} (as {@link IntChunks}): growing never
 * copies what is stored. The first chunk starts small and grows, so that small columns stay
 * small.
 */
final class LongColumn {
    private static final int BITS = IntChunks.BITS;
    private static final int CHUNK = IntChunks.CHUNK;
    private static final int MASK = CHUNK - 1;

    private int[][] small;
    private long[][] big;
    private int capacity;
    private int shift;
    /** Where full-size narrow chunks come from. */
    ChunkStock stock = ChunkStock.NONE;

    LongColumn(int capacity) {
        this(capacity, 0);
    }

    /** A column that stores values as multiples of {@code 2^shift} while they all are. */
    LongColumn(int capacity, int shift) {
        small = new int[0][];
        this.shift = shift;
        grow(capacity);
    }

    int capacity() {
        return capacity;
    }

    /** Makes room for at least {@code capacity} values (a column never shrinks). */
    void grow(int capacity) {
        if (capacity <= this.capacity) {
            return;
        }
        int chunks = big != null ? big.length : small.length;
        if (chunks == 0 || this.capacity < CHUNK) {
            int first = (int) Math.min(CHUNK, Math.max(Math.max(16L, capacity), 2L * this.capacity));
            if (big != null) {
                big = chunks == 0 ? new long[][] {new long[first]}
                        : big[0].length >= first ? big : replaceFirst(big, Arrays.copyOf(big[0], first));
            } else {
                small = chunks == 0 ? new int[][] {new int[first]}
                        : small[0].length >= first ? small : replaceFirst(small, Arrays.copyOf(small[0], first));
            }
            this.capacity = first;
        }
        while (this.capacity < capacity) {
            int c = this.capacity >>> BITS;
            if (big != null) {
                if (c == big.length) {
                    big = Arrays.copyOf(big, Math.max(4, c * 2));
                }
                big[c] = new long[CHUNK];
            } else {
                if (c == small.length) {
                    small = Arrays.copyOf(small, Math.max(4, c * 2));
                }
                small[c] = stock.take();
            }
            this.capacity += CHUNK;
        }
    }

    /** As {@link IntChunks#reserveFirst}: the first chunk full size at once, the capacity growing as before. */
    void reserveFirst() {
        if (big == null && capacity < CHUNK) {
            if (small.length == 0) {
                small = new int[][] {new int[CHUNK]};
            } else {
                small[0] = Arrays.copyOf(small[0], CHUNK);
            }
        }
    }

    private static <T> T[] replaceFirst(T[] chunks, T first) {
        chunks[0] = first;
        return chunks;
    }

    void set(int index, long value) {
        if (big == null) {
            int s = shift;
            if ((value & ((1L << s) - 1)) == 0 && (value >>> s >>> 32) == 0) {
                small[index >>> BITS][index & MASK] = (int) (value >>> s);
                return;
            }
            reencode(value);
            if (big == null) {
                small[index >>> BITS][index & MASK] = (int) value;
                return;
            }
        }
        big[index >>> BITS][index & MASK] = value;
    }

    long get(int index) {
        return big != null ? big[index >>> BITS][index & MASK]
                : (small[index >>> BITS][index & MASK] & 0xFFFF_FFFFL) << shift;
    }

    /** Makes room for {@code value}: drops the shift when every value then still fits in 32 bits, else widens. */
    private void reencode(long value) {
        int s = shift;
        if (s > 0 && (value >>> 32) == 0) {
            boolean fits = true;
            scan:
            for (int[] a : small) {
                if (a == null) {
                    continue;
                }
                for (int v : a) {
                    if ((v >>> (32 - s)) != 0) {
                        fits = false;
                        break scan;
                    }
                }
            }
            if (fits) {
                for (int[] a : small) {
                    if (a == null) {
                        continue;
                    }
                    for (int i = 0; i < a.length; i++) {
                        a[i] <<= s;
                    }
                }
                shift = 0;
                return;
            }
        }
        widen();
    }

    private void widen() {
        long[][] b = new long[small.length][];
        for (int c = 0; c < small.length; c++) {
            int[] a = small[c];
            if (a == null) {
                continue;
            }
            long[] w = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                w[i] = (a[i] & 0xFFFF_FFFFL) << shift;
            }
            b[c] = w;
            small[c] = null; // the int chunk goes as soon as its long one is made
        }
        big = b;
        small = null;
        shift = 0;
    }

    /**
     * A column of {@code size} values whose entry {@code i} (from 1) is this column's entry
     * {@code order[i]}; entry 0 is 0. Same width and alignment as this one.
     */
    LongColumn permuted(int[] order, int size) {
        LongColumn c = new LongColumn(0, shift);
        if (big != null) {
            c.small = null;
            c.big = new long[0][];
        }
        c.grow(size);
        if (big != null) {
            for (int i = 1; i < size; i++) {
                int from = order[i];
                c.big[i >>> BITS][i & MASK] = big[from >>> BITS][from & MASK];
            }
        } else {
            int[][] src = small;
            int[][] dst = c.small;
            for (int i = 1; i < size; i++) {
                int from = order[i];
                dst[i >>> BITS][i & MASK] = src[from >>> BITS][from & MASK];
            }
        }
        return c;
    }

    /**
     * For a column of unsigned ints ({@link #width} 4): sets entry {@code i} of {@code into} to the
     * stored int of entry {@code order[i]} for {@code i} from 1 to {@code size - 1}, and entry 0 to
     * 0; a value is that int, unsigned, shifted left by {@link #shift}.
     */
    void gatherNarrow(int[] order, int size, Ints into) {
        checkNarrow();
        int[][] src = small;
        into.set(0, 0);
        for (int i = 1; i < size; i++) {
            int from = order[i];
            into.set(i, src[from >>> BITS][from & MASK]);
        }
    }

    /**
     * Over the first {@code n > 0} values: the smallest, the largest, the OR of each value XOR the
     * first (its set bits are those in which some value differs from the first), and where the
     * run of strictly ascending values that ends the column starts. One pass over the chunks as
     * they are stored.
     */
    long[] range(int n) {
        Span span;
        if (big != null) {
            span = new Span(big[0][0]);
            for (int c = 0, base = 0; base < n; c++, base += CHUNK) {
                long[] a = big[c];
                for (int i = 0, len = Math.min(a.length, n - base); i < len; i++) {
                    span.add(a[i], base + i);
                }
            }
            return new long[] {span.min, span.max, span.or, span.run};
        }
        // unsigned ints: compared as longs, shifted back at the end (a shift keeps order and XOR)
        span = new Span(small[0][0] & 0xFFFF_FFFFL);
        for (int c = 0, base = 0; base < n; c++, base += CHUNK) {
            int[] a = small[c];
            for (int i = 0, len = Math.min(a.length, n - base); i < len; i++) {
                span.add(a[i] & 0xFFFF_FFFFL, base + i);
            }
        }
        return new long[] {span.min << shift, span.max << shift, span.or << shift, span.run};
    }

    /** What {@link #range} gathers, value by value (a local object the compiler keeps in registers). */
    private static final class Span {
        private final long first;
        long min;
        long max;
        long or;
        private long prev;
        int run;

        Span(long first) {
            this.first = first;
            this.min = first;
            this.max = first;
            this.prev = first;
        }

        void add(long v, int index) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            or |= v ^ first;
            if (v <= prev) {
                run = index;
            }
            prev = v;
        }
    }

    /** The stored ints' chunks of a column of unsigned ints ({@link #width} 4), to read only; null for a column of longs. */
    int[][] narrowChunks() {
        return big != null ? null : small;
    }

    /** How far stored values are shifted (see the class comment). */
    int shift() {
        return shift;
    }

    /**
     * Hands the chunks of a column of unsigned ints over to the caller, who may write them: the
     * column is not read any more. Each full chunk holds {@value IntChunks#CHUNK} ints; there are
     * enough for the column's capacity.
     */
    int[][] releaseNarrowChunks() {
        checkNarrow();
        int[][] chunks = small;
        small = null;
        capacity = 0;
        return chunks;
    }

    private void checkNarrow() {
        if (big != null) {
            throw new IllegalStateException("the column holds longs");
        }
    }

    /** Bytes used per value. */
    int width() {
        return big != null ? 8 : 4;
    }
}
