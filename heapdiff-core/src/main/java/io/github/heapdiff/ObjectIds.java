package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * An immutable, sorted set of object identities (for example V8 heap snapshot node ids) kept
 * compactly in a primitive array.
 *
 * <p>Identities are only comparable between snapshots of one process: V8 keeps a node's id for
 * the object's lifetime, while HPROF object ids are addresses and are never kept. Set
 * operations cost O(n + m). A set made by {@link #adoptUnsorted(long[])} sorts itself on first
 * use. Thread-safe.
 */
public final class ObjectIds {

    private static final ObjectIds EMPTY = new ObjectIds(new long[0]);

    private long[] ids;
    private volatile boolean sorted;

    private ObjectIds(long[] sortedDistinct) {
        this.ids = sortedDistinct;
        this.sorted = true;
    }

    private ObjectIds(long[] unsorted, boolean sorted) {
        this.ids = unsorted;
        this.sorted = sorted;
    }

    /**
     * A set adopting {@code ids} in any order, possibly with repeats, without copying; it is
     * sorted and deduplicated on first use, so that a reader does not pay for identities nobody
     * diffs. The caller must not modify the array afterwards.
     */
    public static ObjectIds adoptUnsorted(long[] ids) {
        return ids.length == 0 ? EMPTY : new ObjectIds(ids, false);
    }

    /** The identities, sorted and distinct (sorting them now if they were adopted unsorted). */
    private long[] ids() {
        if (!sorted) {
            synchronized (this) {
                if (!sorted) {
                    ids = sortDistinct(ids);
                    sorted = true;
                }
            }
        }
        return ids;
    }

    /** Sorts in place (radix sort for big arrays of non-negative values) and drops repeats. */
    static long[] sortDistinct(long[] a) {
        boolean ascending = true;
        for (int i = 1; i < a.length && ascending; i++) {
            ascending = a[i - 1] < a[i];
        }
        if (ascending) {
            return a;
        }
        if (a.length < 1024) {
            Arrays.sort(a);
        } else {
            radixSort(a, new long[a.length]);
        }
        int u = 0;
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                a[u++] = a[i];
            }
        }
        return u == a.length ? a : Arrays.copyOf(a, u);
    }

    /**
     * Sorts non-negative longs by LSD radix sort in 11-bit digits, skipping digits on which all
     * values agree (ids of one snapshot need two or three passes); any negative value falls back
     * to {@link Arrays#sort(long[])}.
     */
    static void radixSort(long[] a, long[] scratch) {
        int n = a.length;
        long or = 0;
        long and = -1;
        for (long v : a) {
            or |= v;
            and &= v;
        }
        if (or < 0) {
            Arrays.sort(a);
            return;
        }
        long varying = or ^ and;
        long[] src = a;
        long[] dst = scratch;
        int[] count = new int[2049];
        for (int shift = 0; shift < 64 && (varying >>> shift) != 0; shift += 11) {
            if (((varying >>> shift) & 0x7FF) == 0) {
                continue;
            }
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((src[i] >>> shift) & 0x7FF) + 1]++;
            }
            for (int d = 0; d < 2048; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[count[(int) ((v >>> shift) & 0x7FF)]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /** The empty set. */
    public static ObjectIds empty() {
        return EMPTY;
    }

    /** A set of the given identities, in any order, duplicates removed; the array is copied. */
    public static ObjectIds of(long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[n++] = copy[i];
            }
        }
        return n == 0 ? EMPTY : new ObjectIds(n == copy.length ? copy : Arrays.copyOf(copy, n));
    }

    /**
     * A set adopting {@code sortedDistinct} without copying, for readers that build large sets.
     * The caller must not modify the array afterwards.
     *
     * @throws IllegalArgumentException if the array is not strictly ascending
     */
    public static ObjectIds adopt(long[] sortedDistinct) {
        for (int i = 1; i < sortedDistinct.length; i++) {
            checkArgument(sortedDistinct[i - 1] < sortedDistinct[i],
                    "identities must be strictly ascending, but index %s holds %s after %s",
                    i, sortedDistinct[i], sortedDistinct[i - 1]);
        }
        return sortedDistinct.length == 0 ? EMPTY : new ObjectIds(sortedDistinct);
    }

    /** The number of identities. */
    public int size() {
        return ids().length;
    }

    /** Returns true when the set is empty. */
    public boolean isEmpty() {
        return ids().length == 0;
    }

    /** Returns true when {@code id} is in the set. O(log n). */
    public boolean contains(long id) {
        return Arrays.binarySearch(ids(), id) >= 0;
    }

    /** The identity at {@code index} in ascending order. */
    public long get(int index) {
        return ids()[index];
    }

    /** The number of identities in both this set and {@code other}. */
    public int countCommon(ObjectIds other) {
        long[] a = ids();
        long[] b = other.ids();
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }

    /** The union of this set and {@code other}. */
    public ObjectIds union(ObjectIds other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        long[] a = ids();
        long[] b = other.ids();
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            out[n++] = next;
        }
        return new ObjectIds(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The identities of this set that are not in {@code other}. */
    public ObjectIds minus(ObjectIds other) {
        long[] mine = ids();
        long[] theirs = other.ids();
        long[] out = new long[mine.length];
        int n = 0;
        int j = 0;
        for (long id : mine) {
            while (j < theirs.length && theirs[j] < id) {
                j++;
            }
            if (j >= theirs.length || theirs[j] != id) {
                out[n++] = id;
            }
        }
        return n == 0 ? EMPTY : new ObjectIds(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The identities in both this set and {@code other}. */
    public ObjectIds intersect(ObjectIds other) {
        long[] mine = ids();
        long[] theirs = other.ids();
        long[] out = new long[Math.min(mine.length, theirs.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < mine.length && j < theirs.length) {
            if (mine[i] < theirs[j]) {
                i++;
            } else if (mine[i] > theirs[j]) {
                j++;
            } else {
                out[n++] = mine[i];
                i++;
                j++;
            }
        }
        return n == 0 ? EMPTY : new ObjectIds(Arrays.copyOf(out, n));
    }

    /** A copy of the identities in ascending order. */
    public long[] toArray() {
        return ids().clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectIds other && Arrays.equals(ids(), other.ids());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids());
    }

    @Override
    public String toString() {
        return "ObjectIds[" + ids().length + "]";
    }
}
