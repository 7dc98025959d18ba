package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * An immutable, sorted set of object identities (for example V8 heap snapshot node ids) kept
 * compactly in a primitive array.
 *
 * <p>Identities are only comparable between snapshots of one process: V8 keeps a node's id for
 * the object's lifetime, while HPROF object ids are addresses and are never kept. Set
 * operations cost O(n + m). Thread-safe.
 */
public final class ObjectIds {

    private static final ObjectIds EMPTY = new ObjectIds(new long[0]);

    private final long[] ids;

    private ObjectIds(long[] sortedDistinct) {
        this.ids = sortedDistinct;
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
        return ids.length;
    }

    /** Returns true when the set is empty. */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** Returns true when {@code id} is in the set. O(log n). */
    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /** The identity at {@code index} in ascending order. */
    public long get(int index) {
        return ids[index];
    }

    /** The number of identities in both this set and {@code other}. */
    public int countCommon(ObjectIds other) {
        long[] a = ids;
        long[] b = other.ids;
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
        long[] a = ids;
        long[] b = other.ids;
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
        long[] out = new long[ids.length];
        int n = 0;
        int j = 0;
        for (long id : ids) {
            while (j < other.ids.length && other.ids[j] < id) {
                j++;
            }
            if (j >= other.ids.length || other.ids[j] != id) {
                out[n++] = id;
            }
        }
        return n == 0 ? EMPTY : new ObjectIds(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The identities in both this set and {@code other}. */
    public ObjectIds intersect(ObjectIds other) {
        long[] out = new long[Math.min(ids.length, other.ids.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length && j < other.ids.length) {
            if (ids[i] < other.ids[j]) {
                i++;
            } else if (ids[i] > other.ids[j]) {
                j++;
            } else {
                out[n++] = ids[i];
                i++;
                j++;
            }
        }
        return n == 0 ? EMPTY : new ObjectIds(Arrays.copyOf(out, n));
    }

    /** A copy of the identities in ascending order. */
    public long[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectIds other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "ObjectIds[" + ids.length + "]";
    }
}
