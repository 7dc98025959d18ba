package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * A growable column of non-negative longs stored in an {@code int[]} (as unsigned 32-bit values)
 * while every value is below 2^32, switched to a {@code long[]} the first time one is not: node ids
 * and sizes are almost always below that, so this halves their memory in the common case.
 */
final class LongColumn {
    private int[] small;
    private long[] big;

    LongColumn(int capacity) {
        small = new int[capacity];
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
            if ((value >>> 32) == 0) {
                small[index] = (int) value;
                return;
            }
            widen();
        }
        big[index] = value;
    }

    long get(int index) {
        return big != null ? big[index] : small[index] & 0xFFFF_FFFFL;
    }

    private void widen() {
        long[] b = new long[small.length];
        for (int i = 0; i < small.length; i++) {
            b[i] = small[i] & 0xFFFF_FFFFL;
        }
        big = b;
        small = null;
    }

    /** Bytes used per value. */
    int width() {
        return big != null ? 8 : 4;
    }
}
