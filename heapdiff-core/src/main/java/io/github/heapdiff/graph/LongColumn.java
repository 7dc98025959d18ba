package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * A growable column of non-negative longs stored in an {@code int[]} (as unsigned 32-bit values)
 * while every value fits, switched to a {@code long[]} the first time one does not: node ids and
 * sizes are almost always small enough, so this halves their memory in the common case.
 *
 * <p>A column made with an alignment shift stores {@code value >>> shift} while every value is a
 * multiple of {@code 2^shift}: heap addresses (HPROF object ids) are multiples of 8, so 64-bit
 * addresses up to 32 GB still take 4 bytes. The first value that is not a multiple drops the shift
 * (the stored values are re-encoded once, when they still fit) or widens the column.
 */
final class LongColumn {
    private int[] small;
    private long[] big;
    private int shift;

    LongColumn(int capacity) {
        this(capacity, 0);
    }

    /** A column that stores values as multiples of {@code 2^shift} while they all are. */
    LongColumn(int capacity, int shift) {
        small = new int[capacity];
        this.shift = shift;
    }

    int capacity() {
        return big != null ? big.length : small.length;
    }

    void grow(int capacity) {
        if (capacity == capacity()) {
            return;
        }
        if (big != null) {
            big = Arrays.copyOf(big, capacity);
        } else {
            small = Arrays.copyOf(small, capacity);
        }
    }

    void set(int index, long value) {
        if (big == null) {
            int s = shift;
            if ((value & ((1L << s) - 1)) == 0 && (value >>> s >>> 32) == 0) {
                small[index] = (int) (value >>> s);
                return;
            }
            reencode(value);
            if (big == null) {
                small[index] = (int) value;
                return;
            }
        }
        big[index] = value;
    }

    long get(int index) {
        return big != null ? big[index] : (small[index] & 0xFFFF_FFFFL) << shift;
    }

    /** Makes room for {@code value}: drops the shift when every value then still fits in 32 bits, else widens. */
    private void reencode(long value) {
        int s = shift;
        if (s > 0 && (value >>> 32) == 0) {
            int[] a = small;
            boolean fits = true;
            for (int v : a) {
                if ((v >>> (32 - s)) != 0) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                for (int i = 0; i < a.length; i++) {
                    a[i] <<= s;
                }
                shift = 0;
                return;
            }
        }
        widen();
    }

    private void widen() {
        long[] b = new long[small.length];
        for (int i = 0; i < small.length; i++) {
            b[i] = (small[i] & 0xFFFF_FFFFL) << shift;
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
            long[] a = new long[size];
            long[] from = big;
            for (int i = 1; i < size; i++) {
                a[i] = from[order[i]];
            }
            c.small = null;
            c.big = a;
        } else {
            int[] a = new int[size];
            int[] from = small;
            for (int i = 1; i < size; i++) {
                a[i] = from[order[i]];
            }
            c.small = a;
        }
        return c;
    }

    /** Bytes used per value. */
    int width() {
        return big != null ? 8 : 4;
    }
}
