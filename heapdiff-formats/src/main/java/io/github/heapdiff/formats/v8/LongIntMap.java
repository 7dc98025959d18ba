package io.github.heapdiff.formats.v8;

import java.util.Arrays;

/** An open-addressing map from long keys to non-negative ints; {@link #get} returns -1 when absent. */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    int get(long key) {
        int slot = mix(key) & mask;
        while (true) {
            int v = values[slot];
            if (v < 0) {
                return -1;
            }
            if (keys[slot] == key) {
                return v;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Maps {@code key} to {@code value} unless already mapped; returns the value now mapped. */
    int putIfAbsent(long key, int value) {
        int slot = mix(key) & mask;
        while (true) {
            int v = values[slot];
            if (v < 0) {
                break;
            }
            if (keys[slot] == key) {
                return v;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            rehash();
        }
        return value;
    }

    private void rehash() {
        long[] k = keys;
        int[] v = values;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        Arrays.fill(values, -1);
        mask = keys.length - 1;
        for (int i = 0; i < k.length; i++) {
            if (v[i] >= 0) {
                int slot = mix(k[i]) & mask;
                while (values[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k[i];
                values[slot] = v[i];
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
