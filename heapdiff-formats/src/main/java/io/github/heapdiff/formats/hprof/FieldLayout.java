package io.github.heapdiff.formats.hprof;

import java.util.Arrays;

/**
 * Where the instance fields of a class end and which gaps are left, as HotSpot (JDK 15 and
 * later) lays them out: a class inherits its superclass's layout and places its primitive fields,
 * largest first, each into the smallest gap that fits it (the gap nearest the end among equals),
 * or else at the end; then its reference fields the same way. Immutable.
 */
final class FieldLayout {

    private static final int[] NONE = new int[0];

    /** Gaps as (offset, size) pairs in ascending offset order. */
    private final int[] holes;
    /** The first byte after the last field. */
    private final int end;

    private FieldLayout(int[] holes, int end) {
        this.holes = holes;
        this.end = end;
    }

    /** The first byte after the last field (before alignment). */
    int end() {
        return end;
    }

    /** The instance size: the end aligned to {@link SizeModel#ALIGNMENT}. */
    int instanceSize() {
        return (int) SizeModel.align(end);
    }

    /**
     * Lays out a class's own fields of HPROF basic {@code types} after {@code parent} (the
     * superclass's layout), or after a header of {@code headerSize} bytes for a class without a
     * superclass, whose fields HotSpot simply appends.
     */
    static FieldLayout of(FieldLayout parent, int headerSize, byte[] types, SizeModel model) {
        Builder b = parent == null ? new Builder(NONE, headerSize, true)
                : new Builder(parent.holes, parent.end, false);
        int[] primitives = new int[types.length];
        int np = 0;
        int refs = 0;
        for (byte t : types) {
            if (t == Hprof.OBJECT) {
                refs++;
            } else {
                primitives[np++] = Hprof.primitiveSize(t);
            }
        }
        Arrays.sort(primitives, 0, np);
        int[] descending = new int[np];
        for (int i = 0; i < np; i++) {
            descending[i] = primitives[np - 1 - i];
        }
        b.addAll(descending, np);
        int[] oops = new int[refs];
        Arrays.fill(oops, model.referenceSize());
        b.addAll(oops, refs);
        return new FieldLayout(b.holes(), b.end);
    }

    /**
     * The end of a class mirror's static fields: HotSpot appends them after the
     * {@code java.lang.Class} instance fields ({@code base} bytes), primitives largest first, then
     * references.
     */
    static long staticsEnd(int base, int[] primitiveSizes, int referenceCount, SizeModel model) {
        Builder b = new Builder(NONE, base, true);
        int[] sorted = primitiveSizes.clone();
        Arrays.sort(sorted);
        int[] descending = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            descending[i] = sorted[sorted.length - 1 - i];
        }
        b.addAll(descending, descending.length);
        int[] oops = new int[referenceCount];
        Arrays.fill(oops, model.referenceSize());
        b.addAll(oops, referenceCount);
        return b.end;
    }

    private static final class Builder {
        private int[] holes;
        private int n;
        private int end;
        private final boolean appendOnly;

        Builder(int[] holes, int end, boolean appendOnly) {
            this.holes = Arrays.copyOf(holes, holes.length + 8);
            this.n = holes.length / 2;
            this.end = end;
            this.appendOnly = appendOnly;
        }

        int[] holes() {
            return Arrays.copyOf(holes, n * 2);
        }

        void addAll(int[] sizes, int count) {
            int lastSize = -1;
            boolean lastFailed = false;
            for (int k = 0; k < count; k++) {
                int s = sizes[k];
                if (appendOnly || (s == lastSize && lastFailed)) {
                    append(s);
                    continue;
                }
                lastSize = s;
                lastFailed = false;
                int best = -1;
                for (int i = n - 1; i >= 0; i--) {
                    if (fits(i, s) && (best < 0 || holes[2 * i + 1] < holes[2 * best + 1])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    append(s);
                    lastFailed = true;
                } else {
                    placeIn(best, s);
                }
            }
        }

        private boolean fits(int i, int s) {
            int o = holes[2 * i];
            int adj = o % s == 0 ? 0 : s - o % s;
            return holes[2 * i + 1] >= s + adj;
        }

        private void placeIn(int i, int s) {
            int o = holes[2 * i];
            int z = holes[2 * i + 1];
            int adj = o % s == 0 ? 0 : s - o % s;
            int rest = z - adj - s;
            remove(i);
            int at = i;
            if (adj > 0) {
                insert(at++, o, adj);
            }
            if (rest > 0) {
                insert(at, o + adj + s, rest);
            }
        }

        private void append(int s) {
            int adj = end % s == 0 ? 0 : s - end % s;
            if (adj > 0) {
                insert(n, end, adj);
            }
            end += adj + s;
        }

        private void remove(int i) {
            System.arraycopy(holes, 2 * (i + 1), holes, 2 * i, 2 * (n - i - 1));
            n--;
        }

        private void insert(int i, int offset, int size) {
            if (2 * (n + 1) > holes.length) {
                holes = Arrays.copyOf(holes, holes.length * 2 + 4);
            }
            System.arraycopy(holes, 2 * i, holes, 2 * (i + 1), 2 * (n - i));
            holes[2 * i] = offset;
            holes[2 * i + 1] = size;
            n++;
        }
    }
}
