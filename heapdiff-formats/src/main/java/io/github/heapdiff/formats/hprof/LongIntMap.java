package io.github.heapdiff.formats.hprof;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to non-negative {@code int} values, without
 * boxing.
 *
 * <p>A small direct-mapped cache sits in front of the table: a heap dump looks up the same few
 * dozen classes millions of times while streaming megabytes past the CPU caches, and a few
 * kilobytes of hot entries stay cached where the whole table would not.
 */
final class LongIntMap {

    private static final int FREE = -1;
    /** Cache entries (as a power of two) unless the constructor asks for more. */
    static final int CACHE_BITS = 11;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private int[] values;
    /** 64 minus the number of index bits: Fibonacci hashing takes the top bits of the product. */
    private int shift;
    private int size;
    private final long[] cacheKeys;
    private final int[] cacheValues;
    /** 64 minus the number of cache index bits. */
    private final int cacheShift;

    LongIntMap(int expected) {
        this(expected, CACHE_BITS);
    }

    /**
     * A map for about {@code expected} keys with a cache of 2^{@code cacheBits} entries (more
     * than the default for a map whose hot keys are many: being direct-mapped, the cache keeps
     * two hot keys of the same slot out of each other's way only when it is several times larger
     * than their number).
     */
    LongIntMap(int expected, int cacheBits) {
        cacheKeys = new long[1 << cacheBits];
        cacheValues = new int[1 << cacheBits];
        cacheShift = 64 - cacheBits;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        shift = 64 - Integer.numberOfTrailingZeros(cap);
        Arrays.fill(values, FREE);
        Arrays.fill(cacheValues, FREE);
    }

    /** The number of keys. */
    int size() {
        return size;
    }

    /**
     * The value for {@code key}, or -1 when absent. Small enough to be inlined even by the client
     * compiler: a cache entry holding {@code key} holds its current value (or -1 for a key 0 never
     * put), since {@link #put} updates it.
     */
    int get(long key) {
        int c = (int) ((key * GOLDEN) >>> cacheShift);
        return cacheKeys[c] == key ? cacheValues[c] : miss(key, c);
    }

    private int miss(long key, int c) {
        long h = key * GOLDEN;
        int mask = keys.length - 1;
        int i = (int) (h >>> shift);
        while (true) {
            int v = values[i];
            if (v == FREE) {
                return FREE;
            }
            if (keys[i] == key) {
                cacheKeys[c] = key;
                cacheValues[c] = v;
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Maps {@code key} to {@code value >= 0}, replacing an earlier value. */
    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        long h = key * GOLDEN;
        int i = (int) (h >>> shift);
        while (values[i] != FREE && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == FREE) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
        int c = (int) (h >>> cacheShift);
        if (cacheKeys[c] == key) {
            cacheValues[c] = value;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        shift--;
        Arrays.fill(values, FREE);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
