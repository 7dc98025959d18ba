package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.ObjectGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Builds a class histogram in the parser's one pass: per class, instance counts and HPROF field
 * bytes; per array class and primitive type, array counts, total length and lengths modulo 8;
 * one {@code java.lang.Class} object per CLASS DUMP. Enough to price every group under any
 * {@link SizeModel} after the pass, without per-object state.
 *
 * <p>For 8-byte identifiers (HotSpot addresses) it also collects object spacing, the evidence for
 * the size model: for each pair of objects dumped one after the other at increasing addresses, a
 * model under which the first object would be larger than the gap is impossible, and a model
 * under which it fills the gap exactly gains a point. This generalises Eclipse MAT's check for
 * compressed references (an object array that would overlap the next object if its references
 * were 8 bytes) to instances and to header size.
 */
final class HistogramVisitor implements HeapVisitor {

    /**
     * Pairs after which spacing evidence is taken as settled when one candidate alone fits: early,
     * so that big dumps stop paying for the check while their hot loop is still being compiled.
     */
    static final long SETTLED_PAIRS = 1 << 16;

    private boolean detectSpacing;
    private final GroupNames.By grouping;
    private final boolean trackLoaders;
    private GroupNames names;
    private int idSize;
    private ClassTable classes;
    private StringTable strings;

    // Per class index: instances.
    private long[] instCount = new long[4096];
    private long[] instRaw = new long[4096];
    // Per class index: object arrays of that array class.
    private long[] arrCount = new long[4096];
    private long[] arrLength = new long[4096];
    private long[] arrMod8 = new long[4096 * 8];
    // Per primitive type (4 to 11).
    private final long[] primCount = new long[12];
    private final long[] primLength = new long[12];
    private final long[] primMod8 = new long[12 * 8];
    /** Element bytes written; Android's NODATA arrays have none in the file. */
    private final long[] primRaw = new long[12];
    private long classDumps;
    /** Instances, object arrays and primitive arrays read. */
    private long objectsRead;
    /** Whether the counts and sizes per class are kept: a summary's, not a graph's (whose nodes hold them). */
    private final boolean perClass;

    private final long[] roots = new long[RootKind.values().length];
    /** Objects per Android heap: credited when the heap changes, from the running total. */
    private final Map<String, long[]> heaps = new LinkedHashMap<>();
    private long[] currentHeap = new long[1];
    private long objectsAtHeapStart;

    // Object spacing: the previous object's address and sizes under the three 64-bit candidates.
    private long prevAddress;
    private long prev0;
    private long prev1;
    private long prev2;
    private final long[] exact = new long[3];
    private final long[] overlapping = new long[3];
    private long pairs;

    /** A histogram grouped by class. */
    HistogramVisitor(boolean detectSpacing) {
        this(detectSpacing, GroupNames.By.CLASS);
    }

    /**
     * A histogram grouped by {@code grouping}; grouping by class loader has it note which class
     * each class loader object is.
     */
    HistogramVisitor(boolean detectSpacing, GroupNames.By grouping) {
        this(detectSpacing, grouping, true);
    }

    /**
     * A histogram grouped by {@code grouping} that keeps its counts and sizes per class when
     * {@code perClass}; without them it only counts objects and roots, finds the size model and
     * names groups, as a graph read beside it needs (the graph's nodes hold the rest), and
     * {@link #groups} is not for it.
     */
    HistogramVisitor(boolean detectSpacing, GroupNames.By grouping, boolean perClass) {
        this.detectSpacing = detectSpacing;
        this.grouping = grouping;
        this.trackLoaders = grouping == GroupNames.By.CLASS_LOADER;
        this.perClass = perClass;
    }

    /** Object ids matter only while spacing evidence is being collected, or to find class loader objects. */
    @Override
    public boolean wantsObjectIds() {
        return detectSpacing || trackLoaders;
    }

    @Override
    public void start(int idSize, ClassTable classes, StringTable strings) {
        this.idSize = idSize;
        this.classes = classes;
        this.strings = strings;
        this.names = new GroupNames(grouping, classes);
    }

    /** How groups are named. */
    GroupNames names() {
        return names;
    }

    @Override
    public void root(RootKind kind, long objectId) {
        roots[kind.ordinal()]++;
    }

    @Override
    public void classDump(ClassInfo c) {
        classDumps++;
        names.classDumped(c);
    }

    @Override
    public void instance(long objectId, int classIndex, long length, HprofInput in) {
        objectsRead++;
        if (perClass) {
            if (classIndex >= instCount.length) {
                grow(classIndex);
            }
            instCount[classIndex]++;
            instRaw[classIndex] += length;
        }
        if (trackLoaders && names.isLoader(objectId)) {
            names.loaderInstance(objectId, classIndex);
        }
        if (detectSpacing) {
            spacing(objectId, classes.candidateSize(classIndex, 0), classes.candidateSize(classIndex, 1),
                    classes.candidateSize(classIndex, 2));
        }
    }

    @Override
    public void objectArray(long objectId, int classIndex, long length, HprofInput in) {
        objectsRead++;
        if (perClass) {
            if (classIndex >= instCount.length) {
                grow(classIndex);
            }
            arrCount[classIndex]++;
            arrLength[classIndex] += length;
            arrMod8[classIndex * 8 + (int) (length & 7)]++;
        }
        if (detectSpacing) {
            spacing(objectId, SizeModel.HOTSPOT_64_COOPS.arraySize(length, 4), SizeModel.HOTSPOT_64_CCP.arraySize(length, 8),
                    SizeModel.HOTSPOT_64.arraySize(length, 8));
        }
    }

    @Override
    public void primitiveArray(long objectId, int type, long length, boolean withData) {
        objectsRead++;
        if (perClass) {
            primCount[type]++;
            primLength[type] += length;
            primMod8[type * 8 + (int) (length & 7)]++;
            if (withData) {
                primRaw[type] += length * Hprof.primitiveSize(type);
            }
        }
        if (detectSpacing) {
            int e = Hprof.primitiveSize(type);
            spacing(objectId, SizeModel.HOTSPOT_64_COOPS.arraySize(length, e), SizeModel.HOTSPOT_64_CCP.arraySize(length, e),
                    SizeModel.HOTSPOT_64.arraySize(length, e));
        }
    }

    @Override
    public void heap(int heapId, String name) {
        long now = objects();
        currentHeap[0] += now - objectsAtHeapStart;
        objectsAtHeapStart = now;
        long[] next = heaps.get(name);
        if (next == null) {
            next = new long[1];
            heaps.put(name, next);
        }
        currentHeap = next;
    }

    private void spacing(long address, long s0, long s1, long s2) {
        long prev = prevAddress;
        if (Long.compareUnsigned(address, prev) > 0 && prev != 0) {
            long gap = address - prev;
            check(0, gap, prev0);
            check(1, gap, prev1);
            check(2, gap, prev2);
            if (++pairs % SETTLED_PAIRS == 0 && settled()) {
                detectSpacing = false;
            }
        }
        prevAddress = address;
        prev0 = s0;
        prev1 = s1;
        prev2 = s2;
    }

    private void check(int m, long gap, long size) {
        if (size > 0) {
            if (Long.compareUnsigned(gap, size) < 0) {
                overlapping[m]++;
            } else if (gap == size) {
                exact[m]++;
            }
        }
    }

    /**
     * Returns true when the evidence cannot change the choice any more: exactly one candidate has
     * never overlapped and it fits exactly many times, while every other candidate has overlapped
     * many times (overlaps only accumulate).
     */
    private boolean settled() {
        int fitting = 0;
        for (int m = 0; m < 3; m++) {
            if (overlapping[m] == 0) {
                if (exact[m] < SETTLED_PAIRS / 4) {
                    return false;
                }
                fitting++;
            } else if (overlapping[m] < SETTLED_PAIRS / 64) {
                return false;
            }
        }
        return fitting == 1;
    }

    private void grow(int index) {
        int n = Math.max(index + 1, instCount.length * 2);
        instCount = Arrays.copyOf(instCount, n);
        instRaw = Arrays.copyOf(instRaw, n);
        arrCount = Arrays.copyOf(arrCount, n);
        arrLength = Arrays.copyOf(arrLength, n);
        arrMod8 = Arrays.copyOf(arrMod8, n * 8);
    }

    /** The number of objects: instances, arrays and class objects. */
    long objects() {
        return classDumps + objectsRead;
    }

    /** The number of CLASS DUMP records. */
    long classDumps() {
        return classDumps;
    }

    /** Root sub-records by kind, in kind order, without zero counts: {@code ROOT JNI GLOBAL: 12, ...}. */
    String rootCounts() {
        StringBuilder sb = new StringBuilder();
        for (RootKind k : RootKind.values()) {
            if (roots[k.ordinal()] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k.recordName()).append(": ").append(roots[k.ordinal()]);
            }
        }
        return sb.toString();
    }

    /** Objects by Android heap, in the order the heaps first appear; empty when the dump names no heap. */
    String heapCounts() {
        long now = objects();
        currentHeap[0] += now - objectsAtHeapStart;
        objectsAtHeapStart = now;
        StringBuilder sb = new StringBuilder();
        heaps.forEach((name, n) -> {
            if (n[0] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(name).append(": ").append(n[0]);
            }
        });
        return sb.toString();
    }

    /** The size model object spacing supports best, if any: the candidate with the most exact fits among those never overlapping. */
    java.util.Optional<SizeModel> spacingModel() {
        int best = -1;
        for (int m = 0; m < 3; m++) {
            if (overlapping[m] == 0 && exact[m] > 0 && (best < 0 || exact[m] > exact[best])) {
                best = m;
            }
        }
        return best < 0 ? java.util.Optional.empty() : java.util.Optional.of(SizeModel.SPACING_CANDIDATES[best]);
    }

    /** The spacing evidence per candidate, for metadata. */
    String spacingEvidence() {
        StringBuilder sb = new StringBuilder(pairs + " adjacent object pairs");
        for (int m = 0; m < 3; m++) {
            sb.append("; ").append(SizeModel.SPACING_CANDIDATES[m].id()).append(": ").append(exact[m]).append(" exact, ")
                    .append(overlapping[m]).append(" overlapping");
        }
        return sb.toString();
    }

    /**
     * The groups: one per Java binary name (classes of one name from different loaders add up),
     * with counts, estimated shallow bytes under {@code model} and raw HPROF bytes.
     */
    List<ObjectGroup> groups(SizeModel model) {
        if (!perClass) {
            throw new IllegalStateException("a histogram without counts per class has no groups");
        }
        Map<String, long[]> byName = new TreeMap<>();
        List<ClassInfo> all = classes.all();
        for (int i = 0; i < all.size() && i < instCount.length; i++) {
            ClassInfo c = all.get(i);
            if (instCount[i] > 0) {
                add(byName, names.of(c), instCount[i], Math.multiplyExact(instCount[i], c.instanceSizes[model.ordinal()]),
                        instRaw[i]);
            }
            if (arrCount[i] > 0) {
                int e = model.referenceSize();
                add(byName, names.of(c), arrCount[i], arrayBytes(model, e, arrCount[i], arrLength[i], arrMod8, i * 8),
                        Math.multiplyExact(arrLength[i], (long) idSize));
            }
        }
        for (int t = Hprof.BOOLEAN; t <= Hprof.LONG; t++) {
            if (primCount[t] > 0) {
                int e = Hprof.primitiveSize(t);
                add(byName, names.primitiveArray(t), primCount[t],
                        arrayBytes(model, e, primCount[t], primLength[t], primMod8, t * 8), primRaw[t]);
            }
        }
        if (classDumps > 0) {
            long bytes = 0;
            long raw = 0;
            for (ClassInfo c : all) {
                if (c.dumped()) {
                    bytes += mirrorSize(c, model);
                    raw += c.staticRawBytes;
                }
            }
            add(byName, names.classObject(), classDumps, bytes, raw);
        }
        List<ObjectGroup> out = new ArrayList<>(byName.size());
        byName.forEach((name, v) -> out.add(ObjectGroup.of(GroupKey.of(name),
                new GroupStats(v[0], OptionalLong.of(v[1]), OptionalLong.empty(), OptionalLong.of(v[2])))));
        return out;
    }

    private static void add(Map<String, long[]> byName, String name, long count, long bytes, long raw) {
        long[] v = byName.computeIfAbsent(name, k -> new long[3]);
        v[0] = Math.addExact(v[0], count);
        v[1] = Math.addExact(v[1], bytes);
        v[2] = Math.addExact(v[2], raw);
    }

    /**
     * The total size of {@code count} arrays of {@code e}-byte elements with {@code lengthSum}
     * elements in all and {@code mod8[at..at+7]} arrays per length modulo 8: the headers, the
     * elements, and each array's alignment padding, which depends only on its length modulo 8.
     */
    static long arrayBytes(SizeModel model, int e, long count, long lengthSum, long[] mod8, int at) {
        long base = model.arrayBase(e);
        long bytes = Math.addExact(Math.multiplyExact(count, base), Math.multiplyExact(lengthSum, (long) e));
        for (int r = 0; r < 8; r++) {
            long n = mod8[at + r];
            if (n > 0) {
                bytes = Math.addExact(bytes, n * SizeModel.padding(base + (long) e * r));
            }
        }
        return bytes;
    }

    private long[] classInstanceSizes;

    /** The size of a {@code java.lang.Class} instance without statics under {@code model}: from its own class dump when present. */
    private long classInstanceSize(SizeModel model) {
        if (classInstanceSizes == null) {
            classInstanceSizes = new long[SizeModel.values().length];
            java.util.Arrays.fill(classInstanceSizes, -1);
        }
        long known = classInstanceSizes[model.ordinal()];
        if (known >= 0) {
            return known;
        }
        long size = SizeModel.align(model.headerSize());
        for (ClassInfo c : classes.all()) {
            if (c.resolved && classes.name(c).equals("java.lang.Class")) {
                size = c.layouts[model.ordinal()].instanceSize();
                break;
            }
        }
        classInstanceSizes[model.ordinal()] = size;
        return size;
    }

    /**
     * The estimated size of class {@code c}'s mirror: the {@code java.lang.Class} fields, then the
     * static fields appended after them. Pseudo-statics the VM adds to dumps (names in angle
     * brackets, such as {@code <resolved_references>}) are references in the dump but no fields of
     * the mirror, so they take no space.
     */
    long mirrorSize(ClassInfo c, SizeModel model) {
        long base = classInstanceSize(model);
        int refs = 0;
        int[] prims = new int[c.staticTypes.length];
        int np = 0;
        for (int i = 0; i < c.staticTypes.length; i++) {
            if (strings.startsWith(c.staticNames[i], '<')) {
                continue;
            }
            if (c.staticTypes[i] == Hprof.OBJECT) {
                refs++;
            } else {
                prims[np++] = Hprof.primitiveSize(c.staticTypes[i]);
            }
        }
        return SizeModel.align(FieldLayout.staticsEnd((int) base, Arrays.copyOf(prims, np), refs, model));
    }
}
