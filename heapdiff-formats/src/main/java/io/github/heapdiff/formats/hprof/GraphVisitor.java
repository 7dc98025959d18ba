package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.internal.LongIntMap;
import io.github.heapdiff.Origin;
import io.github.heapdiff.graph.EdgeKind;
import io.github.heapdiff.graph.GraphBuilder;
import io.github.heapdiff.graph.HeapGraph;
import io.github.heapdiff.graph.TypeTrait;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Streams a heap dump into the graph engine (graph mode), while a {@link HistogramVisitor} beside
 * it collects what the summary needs too (object spacing for the size model, root and heap
 * counts, class loader objects).
 *
 * <p>Nodes are named by id (the dump's object ids): every instance, object array, primitive array
 * and class object is a node; an instance's non-null reference fields are {@link EdgeKind#FIELD}
 * edges named by the field, except the {@code referent} of {@code java.lang.ref.Reference}
 * subclasses (weak, soft, phantom and final references), a {@link EdgeKind#WEAK} edge that does not
 * retain; object array slots are {@link EdgeKind#ELEMENT} edges; a class object has
 * {@link EdgeKind#STATIC_FIELD} edges for its static references (including pseudo-statics such as
 * {@code <resolved_references>}) and {@link EdgeKind#INTERNAL} edges to its superclass
 * ({@code <super>}), class loader ({@code <classloader>}), signers and protection domain; and a
 * class loader object has an {@link EdgeKind#INTERNAL} edge ({@code <loaded class>}) to each class
 * the dump says it loaded before the loader's own INSTANCE DUMP (HotSpot writes class dumps first),
 * since a loader keeps its classes alive, as it does in the VM: so a class's statics are retained
 * by its loader, not by whichever Java collection the loader also lists its classes in. Every
 * root sub-record but Android's {@code UNREACHABLE} declares a GC root.
 *
 * <p>Instances read before their class is resolved keep their field bytes aside and become nodes
 * when the read ends. Node sizes are the bytes the dump holds for each object while reading; once
 * the size model is known, {@link #finish} turns them into estimated VM sizes under it (the same
 * estimates the summary gives) and keeps the dump's bytes as each group's raw bytes.
 *
 * <p>Grouped by class, the objects that are plumbing rather than owners are marked as
 * {@link TypeTrait#INFRASTRUCTURE}, so that owners and accumulation points look through them: object
 * arrays (backing stores), and the classes nested in a collection class that are not collections
 * themselves (entries, nodes and tree bins of maps, nodes of lists and queues). A collection class
 * is one with {@code java.util.AbstractCollection}, {@code java.util.AbstractMap} or
 * {@code java.util.Dictionary} among its superclasses; the collections themselves are not
 * infrastructure, so the map that holds a leak is where its accumulation point stops. Not
 * thread-safe; one per read.
 */
final class GraphVisitor implements HeapVisitor {

    private static final byte INSTANCES = 0;
    private static final byte OBJECT_ARRAYS = 1;
    private static final byte CLASS_OBJECTS = 2;
    private static final byte PRIMITIVE_ARRAYS = 3;
    /** Android's arrays dumped without their elements: sized by length, no raw bytes. */
    private static final byte NODATA_ARRAYS = 4;

    private static final int NOT_COMPUTED = -2;
    private static final Set<String> COLLECTION_BASES = Set.of("java.util.AbstractCollection", "java.util.AbstractMap",
            "java.util.Dictionary");

    private final GraphBuilder g;
    private final HistogramVisitor histogram;
    private int idSize;
    private ClassTable classes;
    private StringTable strings;

    // per class index
    private int[] objectType = filled(4096);
    private int[] mirrorType = filled(4096);
    private int[] mirrorNode = filled(4096);
    private int[][] slotNames = new int[4096][];
    /** Per class index: the edge code of each reference slot (a field, or the weak referent). */
    private byte[][] slotCodes = new byte[4096][];
    /** Per class index: the offsets of the reference slots in the field bytes (with the names and codes). */
    private int[][] slotOffsets = new int[4096][];
    private int[] weakSlot = filledWith(4096, NOT_COMPUTED);
    /** Per class index: true when it is {@code java.lang.ClassLoader} or a subclass (computed with the slots). */
    private boolean[] loaderClass = new boolean[4096];
    /** The classes each class loader loaded, by loader id: an index into {@link #loadedClasses}. */
    private final LongIntMap loaderIndex = new LongIntMap(64);
    private final java.util.List<long[]> loadedClasses = new java.util.ArrayList<>();

    // per engine type: what its nodes are, and the class index or primitive type
    private byte[] typeKind = new byte[4096];
    private int[] typeOf = new int[4096];
    private final int[] primitiveType = filled(12);
    private final int[] nodataType = filled(12);

    private final int nameSuper;
    private final int nameLoader;
    private final int nameSigners;
    private final int nameDomain;
    private final int nameLoaded;
    private final Map<Long, Integer> names = new HashMap<>();

    // the elements of an object array too big for the input's buffer, read a block at a time
    private static final int BATCH = 4096;
    private final byte[] elementBlock = new byte[BATCH * 8];
    private static final byte FIELD = GraphBuilder.edgeCode(EdgeKind.FIELD, true);
    private static final byte WEAK = GraphBuilder.edgeCode(EdgeKind.WEAK, false);
    private static final byte ELEMENT = GraphBuilder.edgeCode(EdgeKind.ELEMENT, true);

    /** Whether the dump declared a sticky-class (system class) root. */
    private boolean stickyClasses;

    /** The field bytes of an instance too big for the input's buffer, as far as its references go. */
    private byte[] unbuffered = new byte[0];

    // instances read before their class was resolved: ids, classes, field bytes
    private byte[] stash = new byte[0];
    private int stashUsed;
    private long[] stashIds = new long[0];
    private int[] stashClass = new int[0];
    private int[] stashStart = new int[0];
    private int stashCount;

    GraphVisitor(GraphBuilder graph, HistogramVisitor histogram) {
        this.g = graph;
        this.histogram = histogram;
        this.nameSuper = g.intern("<super>");
        this.nameLoader = g.intern("<classloader>");
        this.nameSigners = g.intern("<signers>");
        this.nameDomain = g.intern("<protection domain>");
        this.nameLoaded = g.intern("<loaded class>");
    }

    private static int[] filled(int n) {
        return filledWith(n, -1);
    }

    private static int[] filledWith(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    @Override
    public boolean wantsFieldBytes() {
        return true;
    }

    @Override
    public boolean wantsArrayElements() {
        return true;
    }

    @Override
    public boolean wantsObjectIds() {
        return true;
    }

    @Override
    public void start(int idSize, ClassTable classes, StringTable strings) {
        this.idSize = idSize;
        this.classes = classes;
        this.strings = strings;
        histogram.start(idSize, classes, strings);
    }

    @Override
    public void root(RootKind kind, long objectId) {
        histogram.root(kind, objectId);
        stickyClasses |= kind == RootKind.STICKY_CLASS;
        if (kind.retains()) {
            g.rootById(objectId, kind.displayName());
        }
    }

    @Override
    public void heap(int heapId, String name) {
        histogram.heap(heapId, name);
    }

    // ------------------------------------------------------------------ objects

    @Override
    public void classDump(ClassInfo c) {
        histogram.classDump(c);
        int ci = c.index;
        ensureClass(ci);
        int t = mirrorType[ci];
        if (t < 0) {
            t = newType(CLASS_OBJECTS, ci);
            mirrorType[ci] = t;
        }
        mirrorNode[ci] = g.node(t, c.id, c.staticRawBytes);
        for (int i = 0; i < c.staticTypes.length; i++) {
            if (c.staticTypes[i] == Hprof.OBJECT && c.staticValues[i] != 0) {
                g.reference(EdgeKind.STATIC_FIELD, name(c.staticNames[i]), c.staticValues[i], true);
            }
        }
        internal(nameSuper, c.superId);
        internal(nameLoader, c.loaderId);
        internal(nameSigners, c.signersId);
        internal(nameDomain, c.protectionDomainId);
        if (c.loaderId != 0) {
            int l = loaderIndex.get(c.loaderId);
            if (l < 0) {
                l = loadedClasses.size();
                loaderIndex.put(c.loaderId, l);
                loadedClasses.add(new long[] {0, 0, 0, 0, 0});
            }
            long[] list = loadedClasses.get(l);
            int count = (int) list[0];
            if (count + 1 == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                loadedClasses.set(l, list);
            }
            list[count + 1] = c.id;
            list[0] = count + 1;
        }
    }

    private void internal(int name, long target) {
        if (target != 0) {
            g.reference(EdgeKind.INTERNAL, name, target, true);
        }
    }

    @Override
    public void instance(long objectId, int classIndex, long length, HprofInput in) throws IOException {
        histogram.instance(objectId, classIndex, length, in);
        if (classes.fieldBytes(classIndex) != length) {
            stash(objectId, classIndex, length, in);
            return;
        }
        g.node(instanceType(classIndex), objectId, length);
        if (in.lim - in.pos >= length) {
            fieldReferences(objectId, classIndex, in.buf, in.pos);
            return;
        }
        // not buffered (a class with more field bytes than the input buffers): the prefix that holds
        // the references, through the input (the offsets ascend)
        int[] offsets = slotOffsets(classIndex);
        int prefix = offsets.length == 0 ? 0 : offsets[offsets.length - 1] + idSize;
        if (unbuffered.length < prefix) {
            unbuffered = new byte[prefix];
        }
        in.readFully(unbuffered, 0, prefix);
        fieldReferences(objectId, classIndex, unbuffered, 0);
    }

    /** The reference slots' offsets of resolved class {@code ci} (their names and codes computed with them). */
    private int[] slotOffsets(int ci) {
        int[] offsets = slotOffsets[ci];
        if (offsets == null) {
            slotNames(ci);
            offsets = slotOffsets[ci];
        }
        return offsets;
    }

    /**
     * Adds the non-null reference fields of the instance of resolved class {@code ci} added last,
     * whose field bytes are at {@code fields[p]}, and its edges to the classes it loaded if it is
     * a class loader.
     */
    private void fieldReferences(long objectId, int ci, byte[] fields, int p) {
        int[] offsets = slotOffsets(ci);
        if (offsets.length == 0) {
            return;
        }
        g.referencesAt(fields, p, offsets, idSize, slotCodes[ci], slotNames[ci]);
        if (loaderClass[ci]) {
            loadedClasses(objectId);
        }
    }

    /** Edges from a class loader object to the classes it loaded, as far as they were dumped before it. */
    private void loadedClasses(long loaderId) {
        int l = loaderIndex.get(loaderId);
        if (l < 0) {
            return;
        }
        long[] list = loadedClasses.get(l);
        for (int i = 1; i <= list[0]; i++) {
            g.reference(EdgeKind.INTERNAL, nameLoaded, list[i], true);
        }
    }


    @Override
    public void objectArray(long objectId, int classIndex, long length, HprofInput in) throws IOException {
        histogram.objectArray(objectId, classIndex, length, in);
        ensureClass(classIndex);
        int t = objectType[classIndex];
        if (t < 0) {
            t = newType(OBJECT_ARRAYS, classIndex);
            objectType[classIndex] = t;
        }
        int idSize = this.idSize;
        g.node(t, objectId, length * idSize);
        if (in.lim - in.pos >= length * idSize) {
            g.elementsAt(in.buf, in.pos, (int) length, idSize, 0, ELEMENT);
            return;
        }
        // not buffered (more elements than the input buffers): through the input, a block at a time
        for (long i = 0; i < length; i += BATCH) {
            int n = (int) Math.min(BATCH, length - i);
            in.readFully(elementBlock, 0, n * idSize);
            // indexes beyond the largest a name holds (only a forged dump has them) are named by that index
            int named = (int) Math.max(0, Math.min(n, Integer.MAX_VALUE - i));
            g.elementsAt(elementBlock, 0, named, idSize, (int) Math.min(i, Integer.MAX_VALUE), ELEMENT);
            java.nio.ByteBuffer block = java.nio.ByteBuffer.wrap(elementBlock);
            for (int j = named; j < n; j++) {
                long v = idSize == 8 ? block.getLong(j * 8) : block.getInt(j * 4) & 0xFFFF_FFFFL;
                if (v != 0) {
                    g.reference(EdgeKind.ELEMENT, Integer.MAX_VALUE, v, true);
                }
            }
        }
    }

    @Override
    public void primitiveArray(long objectId, int type, long length, boolean withData) {
        histogram.primitiveArray(objectId, type, length, withData);
        int[] byType = withData ? primitiveType : nodataType;
        int t = byType[type];
        if (t < 0) {
            t = newType(withData ? PRIMITIVE_ARRAYS : NODATA_ARRAYS, type);
            byType[type] = t;
        }
        g.node(t, objectId, length * Hprof.primitiveSize(type));
    }

    // ------------------------------------------------------------------ types and names

    private int instanceType(int ci) {
        if (ci >= objectType.length) {
            ensureClass(ci);
        }
        int t = objectType[ci];
        if (t < 0) {
            t = newType(INSTANCES, ci);
            objectType[ci] = t;
        }
        return t;
    }

    private int newType(byte kind, int of) {
        int t = g.unnamedType();
        if (t >= typeKind.length) {
            typeKind = Arrays.copyOf(typeKind, t * 2);
            typeOf = Arrays.copyOf(typeOf, t * 2);
        }
        typeKind[t] = kind;
        typeOf[t] = of;
        return t;
    }

    private void ensureClass(int ci) {
        if (ci < objectType.length) {
            return;
        }
        int n = Math.max(ci + 1, objectType.length * 2);
        int old = objectType.length;
        objectType = Arrays.copyOf(objectType, n);
        mirrorType = Arrays.copyOf(mirrorType, n);
        mirrorNode = Arrays.copyOf(mirrorNode, n);
        slotNames = Arrays.copyOf(slotNames, n);
        slotCodes = Arrays.copyOf(slotCodes, n);
        slotOffsets = Arrays.copyOf(slotOffsets, n);
        weakSlot = Arrays.copyOf(weakSlot, n);
        loaderClass = Arrays.copyOf(loaderClass, n);
        Arrays.fill(objectType, old, n, -1);
        Arrays.fill(mirrorType, old, n, -1);
        Arrays.fill(mirrorNode, old, n, -1);
        Arrays.fill(weakSlot, old, n, NOT_COMPUTED);
    }

    /** The engine's string index for HPROF string {@code id} ({@code ?} while the string is missing). */
    private int name(long id) {
        Integer known = names.get(id);
        if (known != null) {
            return known;
        }
        int index = g.intern(strings.get(id).orElse("?"));
        names.put(id, index);
        return index;
    }

    /** The name of each reference slot of resolved class {@code ci}, and its weak slot. */
    private int[] slotNames(int ci) {
        int[] s = slotNames[ci];
        if (s != null) {
            return s;
        }
        ClassInfo c = classes.get(ci);
        s = new int[c.referenceNames.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = name(c.referenceNames[k]);
        }
        slotNames[ci] = s;
        weakSlot[ci] = referentSlot(c);
        byte[] codes = new byte[s.length];
        Arrays.fill(codes, FIELD);
        if (weakSlot[ci] >= 0) {
            codes[weakSlot[ci]] = WEAK;
        }
        slotCodes[ci] = codes;
        slotOffsets[ci] = c.referenceOffsets;
        loaderClass[ci] = extendsClass(c, "java.lang.ClassLoader");
        return s;
    }

    /**
     * The slot of {@code java.lang.ref.Reference.referent} among the reference slots of resolved
     * class {@code c} (own class first, then each superclass), or -1 when {@code c} is not a
     * subclass of {@code Reference}.
     */
    private int referentSlot(ClassInfo c) {
        int before = 0;
        ClassInfo at = c;
        Set<Long> seen = new HashSet<>();
        while (at != null && seen.add(at.id)) {
            ClassInfo sup = superOf(at);
            int own = at.referenceOffsets.length - (sup == null ? 0 : sup.referenceOffsets.length);
            if (at != c && "java.lang.ref.Reference".equals(classes.name(at))) {
                for (int i = 0, k = 0; i < at.fieldTypes.length; i++) {
                    if (at.fieldTypes[i] == Hprof.OBJECT) {
                        if (strings.get(at.fieldNames[i]).orElse("").equals("referent")) {
                            return before + k;
                        }
                        k++;
                    }
                }
                return -1;
            }
            before += own;
            at = sup;
        }
        return -1;
    }

    /** Returns true when {@code c} is the class named {@code name} or a subclass of it. */
    private boolean extendsClass(ClassInfo c, String name) {
        Set<Long> seen = new HashSet<>();
        for (ClassInfo at = c; at != null && seen.add(at.id); at = superOf(at)) {
            if (name.equals(classes.name(at))) {
                return true;
            }
        }
        return false;
    }

    private ClassInfo superOf(ClassInfo c) {
        if (c.superId == 0) {
            return null;
        }
        int s = classes.indexOf(c.superId);
        return s < 0 ? null : classes.get(s);
    }

    // ------------------------------------------------------------------ instances before their class

    private void stash(long objectId, int classIndex, long length, HprofInput in) throws IOException {
        if ((long) stashUsed + length > Integer.MAX_VALUE - 64) {
            throw new HprofProblem(in.offset(), "at most 2 GB of instances before the class dumps of their classes",
                    "an instance of " + length + " field bytes after " + stashUsed + " such bytes");
        }
        if (stashCount == stashIds.length) {
            int n = Math.max(16, stashCount * 2);
            stashIds = Arrays.copyOf(stashIds, n);
            stashClass = Arrays.copyOf(stashClass, n);
            stashStart = Arrays.copyOf(stashStart, n + 1);
        }
        stashIds[stashCount] = objectId;
        stashClass[stashCount] = classIndex;
        stashStart[stashCount] = stashUsed;
        // copied in blocks as they arrive, so that a length field cannot make it allocate ahead of the input
        long left = length;
        while (left > 0) {
            int k = (int) Math.min(left, 1 << 16);
            if (stashUsed + k > stash.length) {
                stash = Arrays.copyOf(stash, (int) Math.min(Integer.MAX_VALUE - 64,
                        Math.max(stashUsed + (long) k, stash.length * 2L)));
            }
            in.readFully(stash, stashUsed, k);
            stashUsed += k;
            left -= k;
        }
        stashCount++;
        stashStart[stashCount] = stashUsed;
    }

    /** Adds the instances read before their class was resolved; the parser has checked that every class is. */
    private void replayStash() {
        for (int i = 0; i < stashCount; i++) {
            int ci = stashClass[i];
            int from = stashStart[i];
            int length = stashStart[i + 1] - from;
            g.node(instanceType(ci), stashIds[i], length);
            fieldReferences(stashIds[i], ci, stash, from);
        }
        stash = null;
        stashIds = null;
        stashClass = null;
        stashStart = null;
    }

    // ------------------------------------------------------------------ the end

    /**
     * Completes the graph once the parser is done and the size model chosen: adds the instances
     * read before their classes, completes the graph, names types by {@code groups}, marks
     * infrastructure, labels class objects, records origins, and sets every node's size under
     * {@code model} with the dump's bytes as raw bytes.
     *
     * <p>A dump that declares no sticky-class root at all (the serviceability agent's, written by
     * {@code jhsdb jmap --binaryheap} or {@code jmap -F}, names only threads and their locals) gets
     * every class of the bootstrap loader as a system-class root, as HotSpot's own dumps declare
     * them: a JVM never unloads those classes, so what their statics hold is live.
     *
     * @return how many such roots were added (0 when the dump declares sticky-class roots)
     */
    int finish(SizeModel model, GroupNames groups) {
        int inferred = 0;
        if (!stickyClasses) {
            for (ClassInfo c : classes.all()) {
                if (c.dumped() && c.loaderId == 0) {
                    g.rootById(c.id, RootKind.STICKY_CLASS.displayName());
                    inferred++;
                }
            }
        }
        replayStash();
        int types = g.typeCount();
        // the sizes are set as the graph is completed, beside the id index's thread
        long[] raw = resize(model, types);
        HeapGraph graph = g.complete();
        for (int t = 0; t < types; t++) {
            g.rawBytes(t, raw[t]);
        }
        // class loader objects, by the class of their node
        for (ClassInfo c : classes.all()) {
            if (c.dumped() && c.loaderId != 0 && groups.isLoader(c.loaderId)) {
                OptionalInt node = graph.nodeWithId(c.loaderId);
                if (node.isPresent()) {
                    int t = graph.type(node.getAsInt());
                    if (typeKind[t] == INSTANCES) {
                        groups.loaderInstance(c.loaderId, typeOf[t]);
                    }
                }
            }
        }
        boolean byClass = groups.by() == GroupNames.By.CLASS;
        Set<Integer> internals = byClass ? collectionInternals() : Set.of();
        for (int t = 0; t < types; t++) {
            int of = typeOf[t];
            switch (typeKind[t]) {
                case INSTANCES -> {
                    ClassInfo c = classes.get(of);
                    if (internals.contains(of)) {
                        g.nameType(t, groups.of(c), TypeTrait.INFRASTRUCTURE);
                    } else {
                        g.nameType(t, groups.of(c));
                    }
                    origin(t, c, groups);
                }
                case OBJECT_ARRAYS -> {
                    ClassInfo c = classes.get(of);
                    if (byClass) {
                        g.nameType(t, groups.of(c), TypeTrait.INFRASTRUCTURE);
                    } else {
                        g.nameType(t, groups.of(c));
                    }
                    origin(t, c, groups);
                }
                case CLASS_OBJECTS -> g.nameType(t, groups.classObject());
                default -> g.nameType(t, groups.primitiveArray(of));
            }
        }
        for (ClassInfo c : classes.all()) {
            if (c.index < mirrorNode.length && mirrorNode[c.index] >= 0) {
                g.label(mirrorNode[c.index], "class " + classes.name(c));
            }
        }
        return inferred;
    }

    private void origin(int type, ClassInfo c, GroupNames groups) {
        if (groups.by() != GroupNames.By.CLASS) {
            return;
        }
        String name = classes.name(c);
        String element = name;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        if (element.indexOf('.') < 0) {
            return; // primitive elements or the unnamed package: nothing to tell
        }
        String loader = c.loaderId == 0 ? "bootstrap" : groups.loader(c.loaderId);
        g.origin(type, new Origin(GroupNames.packageOf(name), Optional.of(loader), "class loader"));
    }

    /** The class indexes of collection internals among the classes with instances; see the class comment. */
    private Set<Integer> collectionInternals() {
        Set<String> collections = new HashSet<>();
        for (ClassInfo c : classes.all()) {
            if (c.resolved && isCollection(c)) {
                collections.add(classes.name(c));
            }
        }
        Set<Integer> out = new HashSet<>();
        for (ClassInfo c : classes.all()) {
            if (!c.resolved || c.index >= objectType.length || objectType[c.index] < 0) {
                continue;
            }
            String name = classes.name(c);
            if (collections.contains(name)) {
                continue;
            }
            for (int d = name.indexOf('$'); d > 0; d = name.indexOf('$', d + 1)) {
                if (collections.contains(name.substring(0, d))) {
                    out.add(c.index);
                    break;
                }
            }
        }
        return out;
    }

    private boolean isCollection(ClassInfo c) {
        Set<Long> seen = new HashSet<>();
        for (ClassInfo at = c; at != null && seen.add(at.id); at = superOf(at)) {
            if (COLLECTION_BASES.contains(classes.name(at))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Has the graph set node sizes under {@code model} (when it is completed); returns the array
     * that then holds each type's raw bytes, the dump's bytes (the sizes so far).
     */
    private long[] resize(SizeModel model, int types) {
        long[] raw = new long[types];
        // sizes that depend on the type alone, looked up once per type rather than once per node
        long[] fixed = new long[types];
        for (int t = 0; t < types; t++) {
            fixed[t] = switch (typeKind[t]) {
                case INSTANCES -> classes.get(typeOf[t]).instanceSizes[model.ordinal()];
                case CLASS_OBJECTS -> histogram.mirrorSize(classes.get(typeOf[t]), model);
                default -> -1;
            };
        }
        byte[] kinds = typeKind;
        int[] of = typeOf;
        int ids = idSize;
        int refSize = model.referenceSize();
        g.resizeNodes((t, size) -> {
            byte kind = kinds[t];
            if (kind != NODATA_ARRAYS) {
                raw[t] += size;
            }
            long f = fixed[t];
            if (f >= 0) {
                return f;
            }
            if (kind == OBJECT_ARRAYS) {
                return model.arraySize(size / ids, refSize);
            }
            int e = Hprof.primitiveSize(of[t]);
            return model.arraySize(size / e, e);
        });
        return raw;
    }
}
