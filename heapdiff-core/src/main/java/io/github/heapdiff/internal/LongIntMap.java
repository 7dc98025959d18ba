package io.github.heapdiff.internal;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to non-negative {@code int} values, without
 * boxing. Not part of heapdiff's API.
 *
 * <p>{@link #withLookupCache} puts a small direct-mapped cache in front of the table, for callers
 * that look up the same few dozen keys millions of times while streaming megabytes past the CPU
 * caches (a heap dump's classes): a few kilobytes of hot entries stay cached where the whole table
 * would not. Lookups then write the cache, so such a map is for one thread only; a map without the
 * cache may be read by many threads once it is safely published and no longer written.
 */
public final class LongIntMap {

    private static final int FREE = -1;
    private static final int CACHE_BITS = 11;
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

    /** A map sized for about {@code expected} keys (it grows beyond). */
    public LongIntMap(int expected) {
        this(expected, 0);
    }

    private LongIntMap(int expected, int cacheBits) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        shift = 64 - Integer.numberOfTrailingZeros(cap);
        Arrays.fill(values, FREE);
        if (cacheBits > 0) {
            cacheKeys = new long[1 << cacheBits];
            cacheValues = new int[1 << cacheBits];
            Arrays.fill(cacheValues, FREE);
        } else {
            cacheKeys = null;
            cacheValues = null;
        }
        cacheShift = 64 - cacheBits;
    }

    /** A map with a lookup cache in front (see the class comment): for one thread only. */
    public static LongIntMap withLookupCache(int expected) {
        return new LongIntMap(expected, CACHE_BITS);
    }

    /**
     * A map with a lookup cache of 2^{@code cacheBits} entries (1 to 20) in front: more than the
     * default for a map with many hot keys, since a direct-mapped cache keeps two hot keys of the
     * same slot out of each other's way only when it is several times larger than their number.
     */
    public static LongIntMap withLookupCache(int expected, int cacheBits) {
        if (cacheBits < 1 || cacheBits > 20) {
            throw new IllegalArgumentException("cache bits must be 1 to 20: " + cacheBits);
        }
        return new LongIntMap(expected, cacheBits);
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /**
     * The value for {@code key}, or -1 when absent. A cache entry holding {@code key} holds its
     * current value (or -1 for a key 0 never put), since {@link #put} updates it.
     */
    public int get(long key) {
        long[] ck = cacheKeys;
        if (ck == null) {
            return find(key);
        }
        int c = (int) ((key * GOLDEN) >>> cacheShift);
        if (ck[c] == key) {
            return cacheValues[c];
        }
        int v = find(key);
        if (v != FREE) {
            ck[c] = key;
            cacheValues[c] = v;
        }
        return v;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int i = (int) ((key * GOLDEN) >>> shift);
        while (true) {
            int v = values[i];
            if (v == FREE || keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Maps {@code key} to {@code value >= 0}, replacing an earlier value. */
    public void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative: " + value);
        }
        insert(key, value, true);
    }

    /** Maps {@code key} to {@code value >= 0} unless already mapped; returns the value now mapped. */
    public int putIfAbsent(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative: " + value);
        }
        return insert(key, value, false);
    }

    private int insert(long key, int value, boolean replace) {
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
        } else if (!replace) {
            return values[i];
        }
        keys[i] = key;
        values[i] = value;
        if (cacheKeys != null) {
            int c = (int) (h >>> cacheShift);
            if (cacheKeys[c] == key) {
                cacheValues[c] = value;
            }
        }
        return value;
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
                insert(oldKeys[i], oldValues[i], true);
            }
        }
    }
}
