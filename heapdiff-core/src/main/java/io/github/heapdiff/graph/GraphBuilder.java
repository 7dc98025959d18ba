package io.github.heapdiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.heapdiff.Grouping;
import io.github.heapdiff.Origin;
import io.github.heapdiff.ProgressListener;
import io.github.heapdiff.SnapshotReadException;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a reader of an object-level format (V8 heap snapshot, HPROF) streams the object graph:
 * types, nodes, edges, GC roots and the strings that name edges. Readers get it from
 * {@code SnapshotSink.graph()}; the loader turns what it holds into the snapshot's groups and
 * graph facts once the reader returns.
 *
 * <h2>Two ways to name nodes</h2>
 * <ul>
 *   <li><b>By index</b> ({@link #node}, {@link #edge}, {@link #root}): nodes are numbered
 *       0, 1, 2, ... in the order they are added, and edges name their source and target by that
 *       number. Edges come after their source node, grouped by source in ascending order
 *       (targets may be any node added by the end). This is V8's layout.</li>
 *   <li><b>By id</b> ({@link #node}, {@link #reference}, {@link #rootById}): each node carries
 *       an id such as a heap address; a reference belongs to the node added last and names its
 *       target by id. Targets may come later in the input or never: after the reader is done,
 *       the engine resolves ids, and references to ids no node has are dropped and counted
 *       ({@code graph.dangling-references} in the snapshot's metadata). This is HPROF's layout.</li>
 * </ul>
 * The first edge call decides the way; mixing them is an error. In both ways {@link #node}
 * records an id: the node's identity for diffs (V8 node ids) or its address (HPROF).
 *
 * <h2>Retention</h2>
 * Each edge says whether it keeps its target alive. The reader decides (a V8 weak edge, a
 * shortcut edge not from the root, a WeakMap table-to-value edge, a Java
 * {@code Reference.referent}); the engine ignores edges that do not retain when it computes
 * dominators, retained sizes and retainer paths. Edges from a node to itself never retain.
 *
 * <h2>Limits</h2>
 * Nodes and edges are numbered with {@code int}s: at most {@link #MAX_NODES} nodes and
 * {@link #MAX_EDGES} edges per snapshot. Beyond that the builder throws a
 * {@link SnapshotReadException} saying so (read such a dump in
 * {@link ReadMode#SUMMARY summary mode}, which stores no edges). Sizes and ids are {@code long}s.
 * Memory, in graph mode, measured on V8 snapshots of 2 to 4 million nodes: about 21 bytes per
 * node and 9 per edge once read, and about 51 bytes per node and 9 per edge at the peak of the
 * analysis (without a kept graph, the edge arrays are reused or released as the analysis goes
 * on). By id (HPROF), measured on a dump of 15 million objects and 24 million references: 16
 * bytes per node and 9 per reference while reading (ids of aligned addresses below 32 GB take 4
 * bytes), and about 37 bytes per node and 9 per edge at the peak of the analysis, which then runs
 * its shortest-path and depth-first passes one after the other unless the heap has room for
 * both side by side. Summary mode stores no edges.
 *
 * <h2>After the reader</h2>
 * {@link #complete()} resolves ids and freezes the graph, returning a read-only {@link HeapGraph}
 * for a reader's own post-processing (for example finding where a type was defined); after it
 * a reader may still call {@link #origin}, {@link #nameType}, {@link #stopRetaining},
 * {@link #resizeNodes} (also before it: see there), {@link #rawBytes} and {@link #label}. The loader calls
 * {@link #summarise()}. Not thread-safe: one builder per read.
 */
public final class GraphBuilder {

    /** The most nodes a graph holds. */
    public static final int MAX_NODES = Integer.MAX_VALUE - 64;

    /** The most edges a graph holds. */
    public static final int MAX_EDGES = Integer.MAX_VALUE - 64;

    static final int KIND_MASK = 0x0F;
    static final int NO_RETAIN = 0x80;
    static final int KINDS = EdgeKind.values().length;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphBuilder.class);

    private enum Mode { UNDECIDED, BY_INDEX, BY_ID }

    final String source;
    final String format;
    final ReadOptions options;
    final ProgressListener progress;
    final boolean storeEdges;
    final boolean computeShapes;

    private Mode mode = Mode.UNDECIDED;
    private boolean identities;

    // types
    String[] typeNames = new String[16];
    byte[] typeTraits = new byte[16];
    Origin[] typeOrigins = new Origin[16];
    int typeCount;

    // nodes: types (and edge starts) in chunks while the reader streams, flat arrays from complete() on
    int nodeCount;
    private IntChunks types = new IntChunks();
    int[] nodeType;
    LongColumn nodeId = new LongColumn(0, 3);
    LongColumn nodeSize = new LongColumn(0);

    // edges
    int edgeCount;
    long edgesSeen;
    private IntChunks starts = new IntChunks();
    /** Full-size chunks for the columns and the reference buffer of a graph by id, made ahead on a helper thread once it needs them. */
    private final ChunkStock stock = new ChunkStock();
    int[] edgeStart;
    int[] edgeTarget = new int[0];
    /** The by-id way's references while the reader streams them; null otherwise. */
    private ReferenceBuffer references;
    /** True once references are stored by id: node() then starts each node's edge range itself. */
    private boolean byIdStored;
    int[] edgeName = new int[0];
    byte[] edgeFlags = new byte[0];
    private int currentFrom = -1;
    private boolean targetsToCheck;

    // roots: node indexes (by index) or ids (by id), with a kind each
    long[] rootRefs = new long[4];
    int[] rootKinds = new int[4];
    private boolean[] rootByIdFlags = new boolean[4];
    int rootCount;
    final Map<String, Integer> rootKindIndex = new HashMap<>();
    String[] rootKindNames = new String[4];

    // strings
    String[] strings = new String[0];
    private Map<String, Integer> interned;

    // shapes
    ShapeTable shapes;
    private IntChunks shapeChunks;
    int[] nodeShape;
    private int[] pendingNames = new int[16];
    private int pendingCount;
    private int pendingNode = -1;
    final Set<String> shapeExcluded = new HashSet<>();

    // what a reader tells after the read: raw bytes per type (-1: none), display labels of single nodes
    long[] typeRawBytes;
    final Map<Integer, String> nodeLabels = new HashMap<>();

    // results of complete()
    int danglingReferences;
    int duplicateIds;
    int danglingRoots;
    IdIndex idIndex;
    HeapGraph graph;
    boolean summarised;

    private GraphBuilder(String source, String format, ReadOptions options, ProgressListener progress) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.storeEdges = options.mode() == ReadMode.GRAPH;
        this.computeShapes = options.grouping().orElse(Grouping.TYPE) == Grouping.SHAPE;
        if (computeShapes) {
            shapes = new ShapeTable();
            shapeChunks = new IntChunks();
        }
    }

    /**
     * A builder for one read of {@code source}, for loaders and tests; readers get theirs from
     * {@code SnapshotSink.graph()}.
     *
     * @param source the source name, for messages
     * @param format the format id, for messages
     * @param options the caller's options: the mode decides whether edges are stored, the grouping
     *     whether shapes are computed
     * @param progress where the engine reports its steps
     */
    public static GraphBuilder create(String source, String format, ReadOptions options, ProgressListener progress) {
        return new GraphBuilder(source, format, options, progress);
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Declares that node ids are identities that survive between snapshots of one process (V8
     * node ids), so that groups keep their members' ids for identity diffs.
     */
    public void identities() {
        this.identities = true;
    }

    boolean hasIdentities() {
        return identities;
    }

    /** Returns true when edges are stored for dominators (graph mode); in summary mode they are only counted. */
    public boolean storesEdges() {
        return storeEdges;
    }

    /** Returns true when the caller asked for shape grouping, so that property edges of shaped types are collected. */
    public boolean computesShapes() {
        return computeShapes;
    }

    /** Leaves property names equal to {@code name} out of shapes (V8's {@code __proto__}). */
    public void excludeFromShapes(String name) {
        shapeExcluded.add(Objects.requireNonNull(name, "name"));
    }

    /**
     * Sizes the node arrays for {@code count} nodes. A hint only: more nodes may be added. The
     * reader must have checked the count against what the input can hold.
     */
    public void expectNodes(long count) {
        checkArgument(count >= 0, "node count must not be negative: %s", count);
        if (count > MAX_NODES) {
            throw tooLarge("nodes", count, MAX_NODES);
        }
        if (count > types.capacity()) {
            growNodes((int) count);
        }
    }

    /** Sizes the edge arrays for {@code count} edges; a hint as for {@link #expectNodes}. */
    public void expectEdges(long count) {
        checkArgument(count >= 0, "edge count must not be negative: %s", count);
        if (count > MAX_EDGES) {
            throw tooLarge("edges", count, MAX_EDGES);
        }
        if (storeEdges && mode != Mode.BY_ID && count > edgeTarget.length) {
            growEdges((int) count);
        }
    }

    /**
     * Tells the builder that the graph will be big (a million nodes and references or more) before
     * its size is known: the node columns and the buffer of references by id take their first
     * chunks at full size at once, rather than growing them by copying, whose smaller copies are
     * the first garbage of a big read and lie below everything read after them (a full collection
     * would move all of that down over them). What each has room for still grows in the same
     * steps, so that the tests for room in the paths that add nodes and references are taken as
     * early and as often as before (taken for the first time only when a full chunk ends, they
     * would throw the compiled code of those paths away).
     */
    public void expectLargeGraph() {
        types.reserveFirst();
        starts.reserveFirst();
        nodeId.reserveFirst();
        nodeSize.reserveFirst();
        largeGraph = true;
        if (references != null) {
            references.reserveFirst();
        }
    }

    /** Whether {@link #expectLargeGraph} was called. */
    private boolean largeGraph;

    // ------------------------------------------------------------------ types

    /** Creates a type named {@code name}; types with equal names are merged into one group. */
    public int type(String name, TypeTrait... traits) {
        int t = unnamedType(traits);
        typeNames[t] = Objects.requireNonNull(name, "name");
        return t;
    }

    /**
     * Creates a type whose name the reader learns later (V8 names come at the end of the file);
     * name it with {@link #nameType} before the read ends, or it is called {@code (unknown)}.
     */
    public int unnamedType(TypeTrait... traits) {
        if (typeCount == typeNames.length) {
            int cap = typeCount * 2;
            typeNames = Arrays.copyOf(typeNames, cap);
            typeTraits = Arrays.copyOf(typeTraits, cap);
            typeOrigins = Arrays.copyOf(typeOrigins, cap);
        }
        int t = typeCount++;
        typeTraits[t] = (byte) traitBits(traits);
        return t;
    }

    /** Names type {@code type} and adds {@code traits} to it; {@link TypeTrait#SHAPED} cannot be added late. */
    public void nameType(int type, String name, TypeTrait... traits) {
        checkType(type);
        int bits = traitBits(traits);
        checkArgument((bits & bit(TypeTrait.SHAPED)) == 0 || (typeTraits[type] & bit(TypeTrait.SHAPED)) != 0,
                "SHAPED must be declared when type %s is created, before its edges arrive", type);
        typeNames[type] = Objects.requireNonNull(name, "name");
        typeTraits[type] |= (byte) bits;
    }

    /** Records where type {@code type} comes from. */
    public void origin(int type, Origin origin) {
        checkType(type);
        typeOrigins[type] = Objects.requireNonNull(origin, "origin");
    }

    /**
     * Adds {@code bytes} to the raw bytes of type {@code type}: the bytes the dump itself holds for
     * the type's nodes where the format has such a figure of its own (HPROF's field and element
     * bytes as written; see {@link io.github.heapdiff.GroupStats#rawBytes()}). A group gets raw
     * bytes, summed over its types, when any of its types was given some; other groups have none.
     * May be called after {@link #complete()}, before {@link #summarise()}.
     *
     * @throws IllegalArgumentException for a {@link TypeTrait#SHAPED} type (its nodes are split
     *     between groups by shape, which a per-type figure cannot follow) or negative bytes
     */
    public void rawBytes(int type, long bytes) {
        checkType(type);
        checkArgument(bytes >= 0, "raw bytes must not be negative: %s", bytes);
        checkArgument((typeTraits[type] & bit(TypeTrait.SHAPED)) == 0,
                "type %s is SHAPED; raw bytes are per type and cannot be split by shape", type);
        checkState(!summarised, "the graph is already summarised");
        if (typeRawBytes == null || typeRawBytes.length < typeCount) {
            int old = typeRawBytes == null ? 0 : typeRawBytes.length;
            typeRawBytes = typeRawBytes == null ? new long[typeCount] : Arrays.copyOf(typeRawBytes, typeCount);
            Arrays.fill(typeRawBytes, old, typeCount, -1);
        }
        typeRawBytes[type] = Math.addExact(Math.max(0, typeRawBytes[type]), bytes);
    }

    /** The number of types created. */
    public int typeCount() {
        return typeCount;
    }

    private void checkType(int type) {
        checkArgument(type >= 0 && type < typeCount, "no type %s: %s types were created", type, typeCount);
    }

    static int bit(TypeTrait t) {
        return 1 << t.ordinal();
    }

    private static int traitBits(TypeTrait[] traits) {
        int b = 0;
        for (TypeTrait t : traits) {
            b |= bit(t);
        }
        return b;
    }

    // ------------------------------------------------------------------ strings

    /** Sets entry {@code index} of the string table that edge names point into. */
    public void string(int index, String value) {
        checkArgument(index >= 0, "string index must not be negative: %s", index);
        Objects.requireNonNull(value, "value");
        if (index >= strings.length) {
            strings = Arrays.copyOf(strings, Math.max(index + 1, strings.length + (strings.length >> 1) + 16));
        }
        strings[index] = value;
        if (interned != null) {
            interned.putIfAbsent(value, index);
        }
    }

    /** Returns the string table index of {@code value}, adding it after the highest index so far if new. */
    public int intern(String value) {
        Objects.requireNonNull(value, "value");
        if (interned == null) {
            interned = new HashMap<>();
            for (int i = 0; i < strings.length; i++) {
                if (strings[i] != null) {
                    interned.putIfAbsent(strings[i], i);
                }
            }
        }
        Integer known = interned.get(value);
        if (known != null) {
            return known;
        }
        int index = highestString() + 1;
        string(index, value);
        return index;
    }

    private int highestString() {
        for (int i = strings.length - 1; i >= 0; i--) {
            if (strings[i] != null) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ nodes

    /**
     * Adds a node and returns its index (0, 1, 2, ... in the order added).
     *
     * @param type a type made by {@link #type} or {@link #unnamedType}
     * @param id the node's id: its identity or address; for the by-id way, the id references name
     * @param shallowSize the node's own size in bytes, not negative
     */
    public int node(int type, long id, long shallowSize) {
        if (type < 0 || type >= typeCount) {
            checkType(type);
        }
        checkArgument(shallowSize >= 0, "shallow size must not be negative: %s", shallowSize);
        checkState(graph == null, "the graph is complete; no more nodes can be added");
        int n = nodeCount;
        if (n == types.capacity()) {
            if (n >= MAX_NODES) {
                throw tooLarge("nodes", (long) n + 1, MAX_NODES);
            }
            growNodes(n + 1);
        }
        types.set(n, type);
        nodeId.set(n, id);
        nodeSize.set(n, shallowSize);
        nodeCount = n + 1;
        if (byIdStored) {
            // by id, a node's references follow it at once: its edges start here
            starts.set(n, edgeCount);
            currentFrom = n;
        }
        return n;
    }

    private void growNodes(int capacity) {
        types.ensure(capacity);
        if (byIdStored) {
            starts.ensure(types.capacity() + 1);
        }
        nodeId.grow(types.capacity());
        nodeSize.grow(types.capacity());
        if (computeShapes) {
            shapeChunks.ensure(types.capacity());
        }
    }

    /**
     * The memory the analysis may plan with: the JVM's maximum heap, or the caller's
     * {@linkplain ReadOptions#memoryBudget() budget} when that is smaller.
     */
    long planningMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        return Math.min(heap, options.memoryBudget().orElse(heap));
    }

    /** The number of nodes added. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Computes a node's shallow size from its type and the size it was added with; see {@link #resizeNodes}. */
    @FunctionalInterface
    public interface NodeSizer {
        /**
         * The node's new shallow size, not negative.
         *
         * @param type the node's type
         * @param size the size the node has now
         */
        long size(int type, long size);
    }

    /**
     * Replaces every node's shallow size by what {@code sizer} makes of its type and present size:
     * for readers that learn how to size objects only at the end of the input (an HPROF reader
     * detects the VM's object layout from the whole dump), so that they add nodes with a figure
     * they can convert later (such as the bytes the dump records) and set the sizes once. One
     * pass over the nodes, before {@link #summarise()}: called after {@link #complete()}, at once;
     * called before, by {@link #complete()}, beside its other work on a big graph (the sizer then
     * runs on a thread of its own, once, and {@code complete()} returns once it is done).
     *
     * @throws IllegalArgumentException if {@code sizer} returns a negative size
     */
    public void resizeNodes(NodeSizer sizer) {
        Objects.requireNonNull(sizer, "sizer");
        checkState(!summarised, "the graph is already summarised");
        if (graph == null) {
            checkState(pendingSizer == null, "the nodes are already to be resized when the graph is completed");
            pendingSizer = sizer;
            return;
        }
        applySizes(sizer);
    }

    /** The sizer {@link #resizeNodes} was given before {@link #complete()}, or null. */
    private NodeSizer pendingSizer;

    private void applySizes(NodeSizer sizer) {
        int[] types = nodeType;
        LongColumn sizes = nodeSize;
        int n = nodeCount;
        int v = 0;
        int[][] narrow = sizes.shift() == 0 ? sizes.narrowChunks() : null;
        if (narrow != null) {
            // the stored unsigned ints are the sizes: rewritten in place, chunk by chunk, while the
            // new ones fit too (a big graph's 15 million nodes at a few nanoseconds each less than
            // through the column's get and set)
            chunks:
            for (int c = 0; v < n; c++) {
                int[] a = narrow[c];
                int base = c << IntChunks.BITS;
                for (int i = v - base, len = Math.min(a.length, n - base); i < len; i++) {
                    long s = sizer.size(types[base + i], a[i] & 0xFFFF_FFFFL);
                    if ((s >>> 32) != 0) {
                        // negative, or too big for an unsigned int: stored the general way, which
                        // widens the column (the sizer is not asked twice), and so are the rest
                        v = base + i;
                        setSize(sizes, types, v, s);
                        v++;
                        break chunks;
                    }
                    a[i] = (int) s;
                }
                v = Math.min(n, base + a.length);
            }
        }
        for (; v < n; v++) {
            setSize(sizes, types, v, sizer.size(types[v], sizes.get(v)));
        }
    }

    private static void setSize(LongColumn sizes, int[] types, int v, long s) {
        if (s < 0) {
            throw new IllegalArgumentException("node " + v + " of type " + types[v] + " resized to " + s);
        }
        sizes.set(v, s);
    }

    /**
     * Gives node {@code node} a label that retainer paths show instead of its type name, for
     * objects whose type says little about them: a Java class object is a {@code java.lang.Class}
     * in its group, {@code class acme.Agent} on a path. For a few nodes (a map entry each); may be
     * called after {@link #complete()}, before {@link #summarise()}.
     */
    public void label(int node, String label) {
        checkArgument(node >= 0 && node < nodeCount, "no node %s: %s nodes were added", node, nodeCount);
        checkArgument(!label.isEmpty(), "a label must not be empty");
        checkState(!summarised, "the graph is already summarised");
        nodeLabels.put(node, label);
    }

    /** The label of {@code node}, or null. */
    String labelOf(int node) {
        return nodeLabels.isEmpty() ? null : nodeLabels.get(node);
    }

    // ------------------------------------------------------------------ edges

    /**
     * Adds an edge between nodes named by index (the V8 way).
     *
     * @param from the source node's index: at least the previous edge's source and below
     *     {@link #nodeCount()}
     * @param kind the kind of reference
     * @param nameOrIndex for {@linkplain EdgeKind#isIndexed() indexed} kinds the index, else the
     *     string table index of the name (negative: no name)
     * @param to the target node's index; checked against the node count when the graph is completed
     * @param retains false when the edge does not keep its target alive (weak and similar)
     */
    public void edge(int from, EdgeKind kind, int nameOrIndex, int to, boolean retains) {
        if (mode != Mode.BY_INDEX) {
            decide(Mode.BY_INDEX);
        }
        if (from != currentFrom) {
            advance(from);
        }
        if (edgesSeen >= MAX_EDGES) {
            throw tooLarge("edges", edgesSeen + 1, MAX_EDGES);
        }
        edgesSeen++;
        if (storeEdges) {
            int e = edgeCount;
            if (e == edgeTarget.length) {
                growEdges((int) Math.min(MAX_EDGES, Math.max(4096L, e + (long) (e >> 1))));
            }
            edgeTarget[e] = to;
            if (to < 0 || to >= nodeCount) {
                targetsToCheck = true;
            }
            edgeName[e] = nameOrIndex;
            edgeFlags[e] = (byte) (kind.ordinal() | (retains ? 0 : NO_RETAIN));
            edgeCount = e + 1;
        }
        if (computeShapes && kind == EdgeKind.PROPERTY) {
            shapeName(from, nameOrIndex);
        }
    }

    /**
     * The one-byte code of an edge of {@code kind} that does or does not retain its target, for
     * {@link #edges}.
     */
    public static byte edgeCode(EdgeKind kind, boolean retains) {
        return (byte) (kind.ordinal() | (retains ? 0 : NO_RETAIN));
    }

    /**
     * Adds {@code count} edges between nodes named by index in one call: the fast path for
     * readers of big snapshots, equivalent to calling {@link #edge} for each.
     *
     * @param count how many entries of the arrays to add
     * @param from the source nodes, non-decreasing and at least the previous edge's source
     * @param codes the edges' {@linkplain #edgeCode codes}
     * @param nameOrIndex the edges' names or indexes, as for {@link #edge}
     * @param to the target nodes
     */
    public void edges(int count, int[] from, byte[] codes, int[] nameOrIndex, int[] to) {
        if (mode != Mode.BY_INDEX) {
            decide(Mode.BY_INDEX);
        }
        checkArgument(count >= 0 && count <= from.length && count <= codes.length && count <= nameOrIndex.length
                && count <= to.length, "count %s exceeds the arrays", count);
        if (count == 0) {
            return;
        }
        if (edgesSeen + count > MAX_EDGES) {
            throw tooLarge("edges", edgesSeen + count, MAX_EDGES);
        }
        for (int i = 0; i < count; i++) {
            int f = from[i];
            if (f != currentFrom) {
                if (storeEdges) {
                    // edges of earlier nodes in this batch are stored below; offsets count them
                    advanceBatch(f, edgeCount + i);
                } else {
                    advanceBatch(f, 0);
                }
            }
            if ((codes[i] & 0x7F) >= KINDS) {
                throw new IllegalArgumentException("edge code " + codes[i] + " names no edge kind");
            }
            if (to[i] < 0 || to[i] >= nodeCount) {
                targetsToCheck = true; // maybe a node still to come; checked when the graph is completed
            }
        }
        if (storeEdges) {
            int e = edgeCount;
            if (e + count > edgeTarget.length) {
                growEdges((int) Math.min(MAX_EDGES, Math.max(e + (long) count, Math.max(4096L, e + (long) (e >> 1)))));
            }
            System.arraycopy(to, 0, edgeTarget, e, count);
            System.arraycopy(nameOrIndex, 0, edgeName, e, count);
            System.arraycopy(codes, 0, edgeFlags, e, count);
            edgeCount = e + count;
        }
        edgesSeen += count;
        if (computeShapes) {
            int property = EdgeKind.PROPERTY.ordinal();
            for (int i = 0; i < count; i++) {
                if ((codes[i] & KIND_MASK) == property) {
                    shapeName(from[i], nameOrIndex[i]);
                }
            }
        }
    }

    /**
     * Makes {@code from} the node whose edges are being added: it and the nodes skipped since the
     * current one (which have no edges) start their edges at {@code edgeIndex}.
     */
    private void advanceBatch(int from, int edgeIndex) {
        if (from <= currentFrom || from >= nodeCount) {
            checkArgument(from > currentFrom, "edges must come grouped by source node in ascending order: %s after %s",
                    from, currentFrom);
            checkArgument(from < nodeCount, "edge from node %s, but only %s nodes were added", from, nodeCount);
        }
        if (storeEdges) {
            starts.ensure(Math.max(from + 2, types.capacity() + 1));
            for (int i = currentFrom + 1; i <= from; i++) {
                starts.set(i, edgeIndex);
            }
        }
        currentFrom = from;
    }

    /**
     * Adds a reference from the node added last to the node with id {@code toId} (the HPROF
     * way). A reference to an id that no node has by the end is dropped and counted.
     *
     * @param kind the kind of reference
     * @param nameOrIndex for {@linkplain EdgeKind#isIndexed() indexed} kinds the index, else the
     *     string table index of the name (negative: no name)
     * @param toId the target's id
     * @param retains false when the reference does not keep its target alive
     */
    public void reference(EdgeKind kind, int nameOrIndex, long toId, boolean retains) {
        if (mode != Mode.BY_ID) {
            decide(Mode.BY_ID);
        }
        int from = fromNodeAddedLast();
        if (edgesSeen >= MAX_EDGES) {
            throw tooLarge("edges", edgesSeen + 1, MAX_EDGES);
        }
        edgesSeen++;
        if (storeEdges) {
            references.add(toId, nameOrIndex, (byte) (kind.ordinal() | (retains ? 0 : NO_RETAIN)));
            edgeCount++;
        }
        if (computeShapes && kind == EdgeKind.PROPERTY) {
            shapeName(from, nameOrIndex);
        }
    }

    /**
     * Adds {@code count} references from the node added last, by target id, in one call: the fast
     * path for readers of big dumps, equivalent to calling {@link #reference} for each.
     *
     * @param count how many entries of the arrays to add
     * @param codes the references' {@linkplain #edgeCode codes}
     * @param nameOrIndex the references' names or indexes, as for {@link #reference}
     * @param toIds the targets' ids
     */
    public void references(int count, byte[] codes, int[] nameOrIndex, long[] toIds) {
        if (mode != Mode.BY_ID) {
            decide(Mode.BY_ID);
        }
        checkArgument(count >= 0 && count <= codes.length && count <= nameOrIndex.length && count <= toIds.length,
                "count %s exceeds the arrays", count);
        if (count == 0) {
            return;
        }
        int from = fromNodeAddedLast();
        if (edgesSeen + count > MAX_EDGES) {
            throw tooLarge("edges", edgesSeen + count, MAX_EDGES);
        }
        for (int i = 0; i < count; i++) {
            if ((codes[i] & 0x7F) >= KINDS) {
                throw new IllegalArgumentException("edge code " + codes[i] + " names no edge kind");
            }
        }
        if (storeEdges) {
            ReferenceBuffer refs = references;
            for (int i = 0; i < count; i++) {
                refs.add(toIds[i], nameOrIndex[i], codes[i]);
            }
            edgeCount += count;
        }
        edgesSeen += count;
        if (computeShapes) {
            int property = EdgeKind.PROPERTY.ordinal();
            for (int i = 0; i < count; i++) {
                if ((codes[i] & KIND_MASK) == property) {
                    shapeName(from, nameOrIndex[i]);
                }
            }
        }
    }

    /**
     * Adds a reference from the node added last for each non-zero target id stored big-endian in
     * {@code idSize} (4 or 8) bytes at {@code fields[p + offsets[i]]}, with code {@code codes[i]}
     * and name {@code names[i]}: the fast path for readers of dumps that store an object's
     * references as ids among its field bytes (HPROF), equivalent to {@link #references} with the
     * non-zero ids. Returns how many references were added.
     *
     * @param offsets the offsets of the reference slots, relative to {@code p}
     */
    public int referencesAt(byte[] fields, int p, int[] offsets, int idSize, byte[] codes, int[] names) {
        if (mode != Mode.BY_ID) {
            decide(Mode.BY_ID);
        }
        int slots = offsets.length;
        checkArgument(slots <= codes.length && slots <= names.length, "%s slots but fewer codes or names", slots);
        checkArgument(idSize == 4 || idSize == 8, "ids are 4 or 8 bytes, not %s", idSize);
        if (slots == 0) {
            return 0;
        }
        fromNodeAddedLast();
        if (edgesSeen + slots > MAX_EDGES || !storeEdges || computeShapes) {
            return referencesAtOneByOne(fields, p, offsets, idSize, codes, names);
        }
        // (the codes of the references added are checked as they are stored)
        int added = references.addFields(fields, p, offsets, idSize, names, codes);
        edgeCount += added;
        edgesSeen += added;
        return added;
    }

    /**
     * Adds a reference of code {@code code} from the node added last for each non-zero target id
     * among the {@code count} ids stored big-endian in {@code idSize} (4 or 8) bytes from
     * {@code elements[p]}, the i-th named by index {@code firstIndex + i}: the fast path for the
     * elements of an object array whose ids a reader holds in a buffer, equivalent to
     * {@link #references} with the non-zero ids. Returns how many references were added.
     */
    public int elementsAt(byte[] elements, int p, int count, int idSize, int firstIndex, byte code) {
        if (mode != Mode.BY_ID) {
            decide(Mode.BY_ID);
        }
        checkArgument(count >= 0 && firstIndex >= 0 && (long) firstIndex + count <= Integer.MAX_VALUE,
                "%s elements from index %s", count, firstIndex);
        checkArgument(idSize == 4 || idSize == 8, "ids are 4 or 8 bytes, not %s", idSize);
        if ((code & 0x7F) >= KINDS) {
            throw new IllegalArgumentException("edge code " + code + " names no edge kind");
        }
        if (count == 0) {
            return 0;
        }
        fromNodeAddedLast();
        if (edgesSeen + count > MAX_EDGES || !storeEdges || computeShapes) {
            int added = 0;
            for (int at = 0; at < count; at += 4096) {
                int n = Math.min(4096, count - at);
                gatherRoom(n);
                int k = 0;
                for (int i = at; i < at + n; i++) {
                    long v = ReferenceBuffer.idAt(elements, p + i * idSize, idSize);
                    if (v != 0) {
                        gatheredIds[k] = v;
                        gatheredNames[k] = firstIndex + i;
                        gatheredCodes[k] = code;
                        k++;
                    }
                }
                references(k, gatheredCodes, gatheredNames, gatheredIds);
                added += k;
            }
            return added;
        }
        int added = references.addElements(elements, p, count, idSize, firstIndex, code);
        edgeCount += added;
        edgesSeen += added;
        return added;
    }

    /** {@link #referencesAt} through {@link #references}, with the non-zero ids gathered first. */
    private int referencesAtOneByOne(byte[] fields, int p, int[] offsets, int idSize, byte[] codes, int[] names) {
        int slots = offsets.length;
        gatherRoom(slots);
        int k = 0;
        for (int i = 0; i < slots; i++) {
            long v = ReferenceBuffer.idAt(fields, p + offsets[i], idSize);
            if (v != 0) {
                gatheredIds[k] = v;
                gatheredNames[k] = names[i];
                gatheredCodes[k] = codes[i];
                k++;
            }
        }
        references(k, gatheredCodes, gatheredNames, gatheredIds);
        return k;
    }

    // the references referencesAt and elementsAt gather when they cannot write them straight into the buffer
    private long[] gatheredIds = new long[0];
    private int[] gatheredNames = new int[0];
    private byte[] gatheredCodes = new byte[0];

    private void gatherRoom(int n) {
        if (gatheredIds.length < n) {
            gatheredIds = new long[n];
            gatheredNames = new int[n];
            gatheredCodes = new byte[n];
        }
    }

    private void decide(Mode m) {
        checkState(mode == Mode.UNDECIDED, "edges were added %s; cannot add them %s too",
                mode == Mode.BY_ID ? "by id" : "by index", m == Mode.BY_ID ? "by id" : "by index");
        checkState(graph == null, "the graph is complete; no more edges can be added");
        mode = m;
        if (m == Mode.BY_ID && storeEdges) {
            byIdStored = true;
            references = new ReferenceBuffer();
            if (largeGraph) {
                references.reserveFirst();
            }
            // by id, the references fill most of the chunks a big graph takes while it streams:
            // from here on its chunks are made ahead (a graph by index, whose edges grow flat
            // arrays, would only leave the spares as garbage)
            references.stock = stock;
            types.stock = stock;
            starts.stock = stock;
            nodeId.stock = stock;
            nodeSize.stock = stock;
            edgeTarget = new int[0];
            edgeName = new int[0];
            edgeFlags = new byte[0];
        }
    }

    /** The node added last, which the next references come from; its edges start here if none were added yet. */
    private int fromNodeAddedLast() {
        checkState(nodeCount > 0, "a reference belongs to the node added last, but no node was added");
        int from = nodeCount - 1;
        if (from != currentFrom) {
            advance(from);
        }
        return from;
    }

    /** {@link #advanceBatch} at the next edge to be added. */
    private void advance(int from) {
        advanceBatch(from, edgeCount);
    }

    private void growEdges(int capacity) {
        edgeTarget = Arrays.copyOf(edgeTarget, capacity);
        edgeName = Arrays.copyOf(edgeName, capacity);
        edgeFlags = Arrays.copyOf(edgeFlags, capacity);
    }

    /** The number of edges added so far (stored or, in summary mode, only counted). */
    public long edgeCount() {
        return edgesSeen;
    }

    private void shapeName(int from, int name) {
        if ((typeTraits[types.get(from)] & bit(TypeTrait.SHAPED)) == 0) {
            return;
        }
        if (from != pendingNode) {
            flushShape();
            pendingNode = from;
        }
        if (pendingCount == pendingNames.length) {
            pendingNames = Arrays.copyOf(pendingNames, pendingCount * 2);
        }
        pendingNames[pendingCount++] = name;
    }

    private void flushShape() {
        if (pendingNode >= 0) {
            shapeChunks.set(pendingNode, shapes.intern(pendingNames, pendingCount));
        }
        pendingNode = -1;
        pendingCount = 0;
    }

    // ------------------------------------------------------------------ roots

    /** Declares node {@code node} a GC root of kind {@code kind} (such as {@code (root)} or {@code JNI global}). */
    public void root(int node, String kind) {
        checkArgument(node >= 0, "root node index must not be negative: %s", node);
        addRoot(node, false, kind);
    }

    /** Declares the node with id {@code id} a GC root of kind {@code kind}; an id no node has is dropped and counted. */
    public void rootById(long id, String kind) {
        addRoot(id, true, kind);
    }

    private void addRoot(long ref, boolean byId, String kind) {
        Objects.requireNonNull(kind, "kind");
        checkState(graph == null, "the graph is complete; no more roots can be added");
        if (rootCount == rootRefs.length) {
            rootRefs = Arrays.copyOf(rootRefs, rootCount * 2);
            rootKinds = Arrays.copyOf(rootKinds, rootCount * 2);
            rootByIdFlags = Arrays.copyOf(rootByIdFlags, rootCount * 2);
        }
        Integer k = rootKindIndex.get(kind);
        if (k == null) {
            k = rootKindIndex.size();
            rootKindIndex.put(kind, k);
            if (k == rootKindNames.length) {
                rootKindNames = Arrays.copyOf(rootKindNames, k * 2);
            }
            rootKindNames[k] = kind;
        }
        rootRefs[rootCount] = ref;
        rootKinds[rootCount] = k;
        rootByIdFlags[rootCount] = byId;
        rootCount++;
    }

    // ------------------------------------------------------------------ completion

    /**
     * Ends the streaming: resolves ids (by-id way), checks targets, trims the arrays and returns
     * the read-only graph. Idempotent; the loader calls it when the reader has not.
     *
     * @throws SnapshotReadException if an edge targets a node index that was never added or a
     *     root names no node (by-index way)
     */
    public HeapGraph complete() {
        if (graph != null) {
            return graph;
        }
        progress.progress(source, "indexing", 0.0);
        stock.close(); // the columns and references are complete
        if (computeShapes) {
            flushShape();
        }
        int n = nodeCount;
        // by id, the id index on a second thread for big graphs while this one flattens the node
        // columns (it reads only the ids, which stay as they are), its arrays allocated there too:
        // their zeroing and fresh memory are a sizeable share of it. Both threads' arrays fit the
        // room the reading left, so the first collection still falls where the references are
        // resolved, after both are done
        long t0 = System.nanoTime();
        Background<IdIndex> indexing = null;
        if (storeEdges && mode == Mode.BY_ID) {
            indexing = Background.start("ids", n >= Background.PARALLEL_MIN_NODES, () -> IdIndex.build(nodeId, n));
        }
        // two spare entries: once dead, the array can serve the analysis, whose arrays have n + 1
        nodeType = types.toArray(n, 2);
        // the sizes on a third thread for big graphs, beside the id index's (which reads only the
        // ids) and this one's flattening of the edge starts
        Background<Void> sizing = null;
        if (pendingSizer != null) {
            NodeSizer sizer = pendingSizer;
            pendingSizer = null;
            sizing = Background.start("sizes", n >= Background.PARALLEL_MIN_NODES, () -> {
                applySizes(sizer);
                return null;
            });
        }
        if (computeShapes) {
            nodeShape = shapeChunks.toArray(n, 0);
            shapeChunks = null;
        }
        if (storeEdges) {
            starts.ensure(n + 1);
            for (int i = currentFrom + 1; i <= n; i++) {
                starts.set(i, edgeCount);
            }
            edgeStart = starts.toArray(n + 1, 1);
            if (sizing != null) {
                sizing.join();
            }
            if (indexing != null) {
                long waitFrom = System.nanoTime();
                idIndex = indexing.join();
                long waited = System.nanoTime() - waitFrom;
                progress.progress(source, "indexing", 0.4);
                long t1 = System.nanoTime();
                resolveReferences();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: columns flattened and ids indexed in {} ms ({} ms of it waiting for the index), "
                            + "references resolved in {} ms", source, (t1 - t0) / 1_000_000, waited / 1_000_000,
                            (System.nanoTime() - t1) / 1_000_000);
                }
            } else {
                edgeTarget = trim(edgeTarget, edgeCount);
                if (targetsToCheck) {
                    checkTargets();
                }
                edgeName = trim(edgeName, edgeCount);
                edgeNameView = Ints.flat(edgeName);
                edgeFlags = trim(edgeFlags, edgeCount);
            }
        } else {
            if (sizing != null) {
                sizing.join();
            }
            edgeStart = new int[n + 1];
            starts = new IntChunks();
            edgeTarget = new int[0];
            edgeName = new int[0];
            edgeNameView = Ints.flat(edgeName);
            edgeFlags = new byte[0];
            edgeCount = 0;
        }
        resolveRoots();
        graph = new HeapGraph(this);
        progress.progress(source, "indexing", 1.0);
        return graph;
    }

    /**
     * Turns the buffered references into the edge arrays: target ids become node indexes, and
     * references to ids no node has are dropped and counted. Passes over the buffer that release
     * its chunks as they go, so that the buffer and the arrays replacing it are not both held
     * whole: first the targets (a dangling one marked -1), then the flags, all compacted; the
     * names stay in the buffer's chunks, compacted there (for big graphs on a second thread that
     * {@link #edgeNames()} waits for).
     */
    private void resolveReferences() {
        ReferenceBuffer refs = references;
        references = null;
        int m = edgeCount;
        int[] targets = new int[m];
        IdIndex index = idIndex;
        // chunk by chunk, on two threads for big graphs (the index is only read), each chunk's
        // ids released once resolved
        int chunks = refs.chunks();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int[] missing = new int[chunks];
        Runnable work = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                missing[c] = refs.resolve(c, index, targets);
            }
        };
        Background<Void> helper = Background.start("references", chunks >= 4, () -> {
            work.run();
            return null;
        });
        work.run();
        helper.join();
        // the dangling references, in order
        int d = 0;
        for (int c : missing) {
            d += c;
        }
        int[] dangling = new int[Math.max(1, d)];
        if (d > 0) {
            int k = 0;
            for (int c = 0; c < chunks; c++) {
                if (missing[c] > 0) {
                    for (int e = c << ReferenceBuffer.CHUNK_BITS, end = Math.min(m, e + ReferenceBuffer.CHUNK); e < end;
                            e++) {
                        if (targets[e] < 0) {
                            dangling[k++] = e;
                        }
                    }
                }
            }
        }
        // flags and targets chunk by chunk, the runs between dangling references copied whole;
        // then the names the same way, on a second thread for big graphs while the reader goes on
        // (nothing before the shortest paths reads them; edgeNames() waits for them)
        int dead = d;
        int kept = m - dead;
        byte[] flags = new byte[kept];
        compact(refs, m, dangling, dead, false, (c, from, w, run) -> {
            System.arraycopy(refs.flagChunk(c), from, flags, w, run);
            int base = c << ReferenceBuffer.CHUNK_BITS;
            if (w != base + from) {
                System.arraycopy(targets, base + from, targets, w, run); // moved down past the dangling ones
            }
        });
        // the buffer's name chunks become the edge names, the runs between dangling references
        // moved down in place (no new array of names the heap would need room for beside them)
        int[][] nameChunks = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            nameChunks[c] = refs.nameChunk(c);
        }
        compactingNames = Background.start("names", chunks >= 4, () -> {
            if (dead > 0) {
                compact(refs, m, dangling, dead, false,
                        (c, from, w, run) -> moveDown(nameChunks, (c << ReferenceBuffer.CHUNK_BITS) + from, w, run));
            }
            refs.clear();
            return Ints.chunked(nameChunks);
        });
        if (d > 0) {
            // each node's first edge moves down by the dangling references before it
            int n = nodeCount;
            int before = 0;
            for (int v = 0; v <= n; v++) {
                int s = edgeStart[v];
                while (before < d && dangling[before] < s) {
                    before++;
                }
                edgeStart[v] = s - before;
            }
        }
        danglingReferences += d;
        // a few dangling references leave slack at the end of the targets rather than a copy of them all
        edgeTarget = d > (m >>> 6) ? trim(targets, kept) : targets;
        edgeName = null; // the names are chunks (edgeNames())
        edgeFlags = flags;
        edgeCount = kept;
    }

    /**
     * Moves {@code length} ints of {@code chunks} (of {@link ReferenceBuffer#CHUNK} each) from
     * position {@code from} down to position {@code to} (at most {@code from}), chunk boundaries
     * apart. Runs moved in ascending order never overwrite one not yet moved.
     */
    private static void moveDown(int[][] chunks, int from, int to, int length) {
        int mask = ReferenceBuffer.CHUNK - 1;
        while (length > 0 && from != to) {
            int k = Math.min(length, ReferenceBuffer.CHUNK - Math.max(from & mask, to & mask));
            System.arraycopy(chunks[from >>> ReferenceBuffer.CHUNK_BITS], from & mask,
                    chunks[to >>> ReferenceBuffer.CHUNK_BITS], to & mask, k);
            from += k;
            to += k;
            length -= k;
        }
    }

    /** Copies a run of references: {@code run} of chunk {@code c} from {@code from}, to {@code to} in the compacted arrays. */
    @FunctionalInterface
    private interface RunCopy {
        void copy(int c, int from, int to, int run);
    }

    /**
     * Calls {@code copy} for each run of the {@code m} buffered references between the {@code d}
     * dangling ones, in order; with {@code release}, each chunk's names and flags go once done.
     */
    private static void compact(ReferenceBuffer refs, int m, int[] dangling, int d, boolean release, RunCopy copy) {
        int w = 0;
        int di = 0;
        for (int c = 0, chunks = refs.chunks(); c < chunks; c++) {
            int base = c << ReferenceBuffer.CHUNK_BITS;
            int len = Math.min(ReferenceBuffer.CHUNK, m - base);
            int from = 0;
            while (true) {
                int cut = di < d && dangling[di] < base + len ? dangling[di] - base : len;
                int run = cut - from;
                copy.copy(c, from, w, run);
                w += run;
                if (cut == len) {
                    break;
                }
                from = cut + 1;
                di++;
            }
            if (release) {
                refs.releaseNamesBefore((c + 1) << ReferenceBuffer.CHUNK_BITS);
            }
        }
    }

    /**
     * The names being compacted on a second thread, or null once {@link #edgeNameView} holds them
     * (volatile: a thread that sees it null sees the names).
     */
    private volatile Background<Ints> compactingNames;

    /** The edge names of the completed graph, or null until {@link #edgeNames()} is first asked. */
    Ints edgeNameView;

    /**
     * The edge names, once compacted (waiting for the second thread that compacts them, if it still
     * runs): the flat array of a graph by index, the chunks of the reference buffer of a graph by id.
     */
    Ints edgeNames() {
        Background<Ints> compacting = compactingNames;
        if (compacting != null) {
            synchronized (this) {
                if (compactingNames != null) {
                    edgeNameView = compacting.join();
                    compactingNames = null;
                }
            }
        }
        return edgeNameView;
    }

    private void checkTargets() {
        int n = nodeCount;
        int[] t = edgeTarget;
        for (int e = 0; e < edgeCount; e++) {
            if (t[e] < 0 || t[e] >= n) {
                throw new SnapshotReadException(source, format, "edge " + e + " points to node " + t[e]
                        + " but the snapshot has " + n + " nodes", null);
            }
        }
    }

    private void resolveRoots() {
        if (!storeEdges) {
            rootCount = 0;
            return;
        }
        int w = 0;
        for (int i = 0; i < rootCount; i++) {
            long ref = rootRefs[i];
            int node;
            if (rootByIdFlags[i]) {
                if (idIndex == null) {
                    idIndex = IdIndex.build(nodeId, nodeCount);
                }
                node = idIndex.find(ref);
                if (node < 0) {
                    danglingRoots++;
                    continue;
                }
            } else if (ref < nodeCount) {
                node = (int) ref;
            } else {
                throw new SnapshotReadException(source, format, "root " + i + " is node " + ref
                        + " but the snapshot has " + nodeCount + " nodes", null);
            }
            rootRefs[w] = node;
            rootKinds[w] = rootKinds[i];
            w++;
        }
        rootCount = w;
    }

    /**
     * Marks edge {@code edge} of the completed graph as not retaining its target: for rules a
     * reader can only apply once it has read names that come after the edges (V8's WeakMap
     * table-to-value edges).
     */
    public void stopRetaining(int edge) {
        checkState(graph != null, "complete() the graph before changing edges");
        checkState(!summarised, "the graph is already summarised");
        checkArgument(edge >= 0 && edge < edgeCount, "no edge %s: the graph has %s", edge, edgeCount);
        edgeFlags[edge] |= (byte) NO_RETAIN;
    }

    /**
     * Computes what the snapshot keeps of the graph: groups with counts and sizes, and in graph
     * mode dominators, retained sizes and facts; then drops the graph unless the caller asked to
     * keep it. Called by the loader once the reader has returned.
     */
    public GraphSummary summarise() {
        checkState(!summarised, "the graph is already summarised");
        HeapGraph g = complete();
        edgeNames(); // the analysis plans its memory with the names compacted and their buffer gone
        summarised = true;
        if (idIndex != null) {
            duplicateIds = idIndex.duplicates();
            if (!options.keepGraph()) {
                // ids are resolved: the index goes before the analysis needs the room
                idIndex = null;
                g.forgetIdIndex();
            }
        }
        return new GraphSummariser(this, g).run();
    }

    private SnapshotReadException tooLarge(String what, long count, int max) {
        return new SnapshotReadException(source, format, "the snapshot has " + count + " " + what
                + ", more than the " + max + " heapdiff's graph engine can index (int indexes); read it with "
                + "SnapshotLoader.withMode(ReadMode.SUMMARY)", null);
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static byte[] trim(byte[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }
}
