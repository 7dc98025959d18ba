package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.internal.LongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes of a dump by class object id, with dense indexes for per-class arrays.
 *
 * <p>A class is <em>resolved</em> once it and every superclass has a CLASS DUMP; then its
 * instance field bytes, field layouts under every {@link SizeModel} and reference field offsets
 * are computed. Class dumps may come in any order and after instances of the class: a class
 * waits for its superclass and is resolved, with every subclass waiting for it, when that
 * arrives. A superclass chain that never completes (a missing class dump, a cycle) is reported by
 * {@link #check()}.
 */
final class ClassTable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassTable.class);

    private final int idSize;
    private final StringTable strings;
    // classes are many, and a dump's objects name hundreds of them over and over: a cache of
    // 16,384 entries keeps hot classes from evicting each other
    private final LongIntMap byId = LongIntMap.withLookupCache(4096, 14);
    private final List<ClassInfo> classes = new ArrayList<>();
    /** Subclasses waiting for a superclass's dump or resolution, by superclass id. */
    private final Map<Long, List<ClassInfo>> waiting = new HashMap<>();
    /** Per index: the expected INSTANCE DUMP field bytes, or -1 until resolved. Read on the hot path. */
    private long[] fieldBytes = new long[4096];
    /** Per index: where a record first used the class as an object's class, or -1. */
    private long[] firstUse = new long[4096];
    /** Per index: which kinds of object used it ({@link #USED_BY_INSTANCE}, {@link #USED_BY_ARRAY}). */
    private byte[] usedBy = new byte[4096];
    /** Per index and spacing candidate ({@link SizeModel#SPACING_CANDIDATES}): the instance size, 0 until resolved. */
    private long[] candidateSizes = new long[4096 * 3];

    /** Object kinds for {@link #use}. */
    static final int USED_BY_INSTANCE = 1;
    static final int USED_BY_ARRAY = 2;
    private int dumped;

    ClassTable(int idSize, StringTable strings) {
        this.idSize = idSize;
        this.strings = strings;
        Arrays.fill(fieldBytes, -1);
        Arrays.fill(firstUse, -1);
    }

    /** The number of classes known by id (named, dumped or used). */
    int size() {
        return classes.size();
    }

    /** The number of CLASS DUMP records. */
    int dumpedCount() {
        return dumped;
    }

    /** The class at dense {@code index}. */
    ClassInfo get(int index) {
        return classes.get(index);
    }

    /** All classes, in index order. */
    List<ClassInfo> all() {
        return classes;
    }

    /** The index of class {@code id}, or -1. */
    int indexOf(long id) {
        return byId.get(id);
    }

    /** The index of class {@code id}, adding a placeholder when the id is new. */
    int intern(long id) {
        int i = byId.get(id);
        return i >= 0 ? i : add(id);
    }

    private int add(long id) {
        int i = classes.size();
        classes.add(new ClassInfo(id, i));
        byId.put(id, i);
        if (i >= fieldBytes.length) {
            int old = fieldBytes.length;
            fieldBytes = Arrays.copyOf(fieldBytes, old * 2);
            Arrays.fill(fieldBytes, old, fieldBytes.length, -1);
            firstUse = Arrays.copyOf(firstUse, old * 2);
            Arrays.fill(firstUse, old, firstUse.length, -1);
            usedBy = Arrays.copyOf(usedBy, old * 2);
            candidateSizes = Arrays.copyOf(candidateSizes, old * 2 * 3);
        }
        return i;
    }

    /** The INSTANCE DUMP field bytes expected for class {@code index}, or -1 while it is unresolved. */
    long fieldBytes(int index) {
        return fieldBytes[index];
    }

    /** Records a LOAD CLASS: class {@code id} is named by string {@code nameId}. A later record for the same class wins. */
    void load(long id, long nameId, long offset) {
        ClassInfo c = get(intern(id));
        if (c.nameId != 0 && c.nameId != nameId) {
            LOG.debug("LOAD CLASS at byte offset {} renames class 0x{} (string 0x{} -> 0x{})", offset,
                    Long.toHexString(id), Long.toHexString(c.nameId), Long.toHexString(nameId));
        }
        c.nameId = nameId;
        c.loadOffset = offset;
    }

    /** Records that an object is of (or, for arrays, has array class) class {@code index}. */
    void use(int index, int kind) {
        usedBy[index] |= (byte) kind;
    }

    /**
     * Records the offset of an object of class {@code index} read before the class was resolved:
     * the place to blame if the class never is.
     */
    void useUnresolved(int index, long offset) {
        if (firstUse[index] < 0) {
            firstUse[index] = offset;
        }
    }

    /** The size of an instance of class {@code index} under spacing candidate {@code m}, or 0 while unresolved. */
    long candidateSize(int index, int m) {
        return candidateSizes[index * 3 + m];
    }

    /**
     * Registers the CLASS DUMP already filled into {@code c} (its {@code dumpOffset} set) and
     * resolves it, and every subclass waiting for it, when its superclass chain is complete.
     *
     * @throws HprofProblem if instances read earlier disagree with the resolved layout
     */
    void dumped(ClassInfo c) {
        dumped++;
        if (c.superId == 0) {
            resolve(c);
            return;
        }
        int s = byId.get(c.superId);
        if (s >= 0 && classes.get(s).resolved) {
            resolve(c);
        } else {
            waiting.computeIfAbsent(c.superId, k -> new ArrayList<>(2)).add(c);
        }
    }

    private void resolve(ClassInfo first) {
        List<ClassInfo> work = new ArrayList<>();
        work.add(first);
        while (!work.isEmpty()) {
            ClassInfo c = work.remove(work.size() - 1);
            ClassInfo sup = c.superId == 0 ? null : classes.get(byId.get(c.superId));
            compute(c, sup);
            List<ClassInfo> subs = waiting.remove(c.id);
            if (subs != null) {
                work.addAll(subs);
            }
        }
    }

    private void compute(ClassInfo c, ClassInfo sup) {
        long own = 0;
        int refs = 0;
        for (byte t : c.fieldTypes) {
            own += Hprof.valueSize(t, idSize);
            if (t == Hprof.OBJECT) {
                refs++;
            }
        }
        long superBytes = sup == null ? 0 : sup.instanceFieldBytes;
        c.instanceFieldBytes = own + superBytes;
        SizeModel[] models = SizeModel.values();
        c.layouts = new FieldLayout[models.length];
        c.instanceSizes = new long[models.length];
        for (SizeModel m : models) {
            FieldLayout parent = sup == null ? null : sup.layouts[m.ordinal()];
            FieldLayout l = FieldLayout.of(parent, m.headerSize(), c.fieldTypes, m);
            c.layouts[m.ordinal()] = l;
            long size = l.instanceSize();
            if (m.usesClassDumpSizes() && c.recordedInstanceSize > 0) {
                size = c.recordedInstanceSize;
            }
            c.instanceSizes[m.ordinal()] = size;
        }
        // Reference field offsets: own fields first, then the superclass's (shifted by the own bytes).
        int superRefs = sup == null ? 0 : sup.referenceOffsets.length;
        c.referenceOffsets = new int[refs + superRefs];
        c.referenceNames = new long[refs + superRefs];
        int k = 0;
        int off = 0;
        for (int i = 0; i < c.fieldTypes.length; i++) {
            if (c.fieldTypes[i] == Hprof.OBJECT) {
                c.referenceOffsets[k] = off;
                c.referenceNames[k++] = c.fieldNames[i];
            }
            off += Hprof.valueSize(c.fieldTypes[i], idSize);
        }
        for (int j = 0; j < superRefs; j++) {
            c.referenceOffsets[k] = (int) (own + sup.referenceOffsets[j]);
            c.referenceNames[k++] = sup.referenceNames[j];
        }
        c.resolved = true;
        fieldBytes[c.index] = c.instanceFieldBytes;
        for (int m = 0; m < SizeModel.SPACING_CANDIDATES.length; m++) {
            candidateSizes[c.index * 3 + m] = c.instanceSizes[SizeModel.SPACING_CANDIDATES[m].ordinal()];
        }
        if (c.pendingLength >= 0 && (c.pendingVaries || c.pendingLength != c.instanceFieldBytes)) {
            throw new HprofProblem(c.pendingOffset, "an INSTANCE DUMP with " + c.instanceFieldBytes
                    + " field bytes, as the CLASS DUMP of its class 0x" + Long.toHexString(c.id) + " at byte offset "
                    + c.dumpOffset + " and its superclasses lay out", c.pendingVaries ? "instances of the class with differing field byte counts"
                    : c.pendingLength + " field bytes");
        }
    }

    /**
     * Reads the reference fields of an instance of resolved class {@code index} from its field
     * bytes, which start at {@code in.buf[start]}: one id per entry of the class's
     * {@link ClassInfo#referenceOffsets} (0 for null), named by {@link ClassInfo#referenceNames}.
     * What a graph builder needs to emit the instance's named edges, with nothing else decoded.
     *
     * @param ids receives the ids; at least {@code referenceOffsets.length} long
     * @return the number of references written
     */
    int references(int index, HprofInput in, int start, long[] ids) {
        int[] offsets = classes.get(index).referenceOffsets;
        for (int i = 0; i < offsets.length; i++) {
            ids[i] = in.idAt(start + offsets[i], idSize);
        }
        return offsets.length;
    }

    /** Notes an INSTANCE DUMP of {@code length} field bytes read before its class {@code index} was resolved. */
    void pendingInstance(int index, long length, long offset) {
        ClassInfo c = classes.get(index);
        if (c.pendingLength < 0) {
            c.pendingLength = length;
            c.pendingOffset = offset;
        } else if (c.pendingLength != length) {
            c.pendingVaries = true;
        }
    }

    /**
     * The binary name of class {@code c}; requires its LOAD CLASS and STRING, which {@link #check()}
     * verifies. Made once per name string (graph mode asks for each class's name, and its
     * superclasses', several times).
     */
    String name(ClassInfo c) {
        int slot = strings.slot(c.nameId);
        if (slot < 0) {
            return ClassNames.binaryName("0x" + Long.toHexString(c.id));
        }
        if (c.name == null || c.nameSlot != slot) { // a later LOAD CLASS or STRING record renames the class
            c.name = ClassNames.binaryName(strings.at(slot));
            c.nameSlot = slot;
        }
        return c.name;
    }

    /**
     * Checks that every class used by an object or dumped is complete: a CLASS DUMP, a resolved
     * superclass chain, a LOAD CLASS name with its STRING, names for every field; and that array
     * classes are used for arrays only.
     *
     * @throws HprofProblem at the first class that is not
     */
    void check() {
        for (ClassInfo c : classes) {
            if (usedBy[c.index] == 0 && !c.dumped()) {
                continue;
            }
            long first = firstUse[c.index] >= 0 ? firstUse[c.index] : c.dumpOffset;
            String hex = "0x" + Long.toHexString(c.id);
            if (!c.dumped()) {
                throw new HprofProblem(first, "a CLASS DUMP for class " + hex + ", the class of the object recorded here",
                        "no CLASS DUMP with that id in the dump");
            }
            if (c.nameId == 0) {
                throw new HprofProblem(c.dumpOffset, "a LOAD CLASS record naming class " + hex + " (dumped here)",
                        "no LOAD CLASS for that id");
            }
            if (!strings.contains(c.nameId)) {
                throw new HprofProblem(c.loadOffset, "a STRING record 0x" + Long.toHexString(c.nameId)
                        + " with the name of class " + hex + " (loaded here)", "no STRING with that id");
            }
            if (!c.resolved) {
                throw unresolved(c);
            }
            checkNames(c, c.fieldNames, "instance field");
            checkNames(c, c.staticNames, "static field");
            String name = name(c);
            if ((usedBy[c.index] & USED_BY_INSTANCE) != 0 && ClassNames.isArray(name)) {
                throw new HprofProblem(first, "an INSTANCE DUMP of a class that is not an array class",
                        "an instance of array class " + name + " (" + hex + ")");
            }
            if ((usedBy[c.index] & USED_BY_ARRAY) != 0 && !ClassNames.isArray(name)) {
                throw new HprofProblem(first, "an OBJ ARRAY DUMP whose class is an array class",
                        "class " + name + " (" + hex + "), which is not an array class");
            }
        }
    }

    private void checkNames(ClassInfo c, long[] names, String what) {
        for (long n : names) {
            if (!strings.contains(n)) {
                throw new HprofProblem(c.dumpOffset, "a STRING record 0x" + Long.toHexString(n) + " naming an " + what
                        + " of class 0x" + Long.toHexString(c.id), "no STRING with that id");
            }
        }
    }

    private HprofProblem unresolved(ClassInfo c) {
        ClassInfo at = c;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (true) {
            if (!seen.add(at.id)) {
                return new HprofProblem(c.dumpOffset, "a superclass chain of class 0x" + Long.toHexString(c.id)
                        + " that ends in a class without superclass", "a cycle through class 0x" + Long.toHexString(at.id));
            }
            int s = byId.get(at.superId);
            if (s < 0 || !classes.get(s).dumped()) {
                return new HprofProblem(at.dumpOffset, "a CLASS DUMP for super class 0x" + Long.toHexString(at.superId)
                        + " of class 0x" + Long.toHexString(at.id) + " (dumped here)", "no CLASS DUMP with that id");
            }
            at = classes.get(s);
        }
    }
}
