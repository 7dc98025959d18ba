package io.github.heapdiff.graph;

import io.github.heapdiff.internal.LongIntMap;
import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.RetainerPath;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A read-only view of a heap graph in compressed-sparse-row form: nodes {@code 0 .. nodeCount()-1}
 * with a type, an id and a shallow size; each node's outgoing edges are the contiguous range
 * {@code firstEdge(node) .. endEdge(node)-1}.
 *
 * <p>Readers get one from {@link GraphBuilder#complete()} for their own post-processing; a
 * snapshot read with {@code SnapshotLoader.withKeepGraph(true)} keeps one for queries, and then it
 * also knows {@linkplain #retainedSize(int) retained sizes}, {@linkplain #dominator(int)
 * dominators}, {@linkplain #retainerPath(int) retainer paths} and each node's
 * {@linkplain #groupKey(int) group}. Indexes out of range throw
 * {@link IndexOutOfBoundsException}. Thread-safe once the snapshot is built.
 */
public final class HeapGraph {

    private final GraphBuilder b;
    private volatile Analysis analysis;
    private volatile IdIndex idIndex;

    HeapGraph(GraphBuilder builder) {
        this.b = builder;
        this.idIndex = builder.idIndex;
    }

    /**
     * What the summariser leaves for queries on a kept graph. Its arrays are indexed by the
     * analysis's own numbering of the nodes ({@link #index}): the dominator pass's depth-first
     * numbers in graph mode, node indexes in summary mode.
     */
    static final class Analysis {
        /** Node to analysis index; null when they are the same. */
        final int[] pre;
        /** Analysis index to node; null when they are the same. */
        final int[] vertex;
        /** Immediate dominator by analysis index (0: the super-root); null without dominators. */
        final int[] idom;
        final long[] retained;
        /** Group by analysis index. */
        final int[] groupOf;
        final GroupKey[] groupKeys;
        final int[] typeToMerged;
        final String[] mergedNames;
        /** Shortest paths over analysis indexes, or null. */
        final PathIndex paths;

        Analysis(int[] pre, int[] vertex, int[] idom, long[] retained, int[] groupOf, GroupKey[] groupKeys,
                int[] typeToMerged, String[] mergedNames, PathIndex paths) {
            this.pre = pre;
            this.vertex = vertex;
            this.idom = idom;
            this.retained = retained;
            this.groupOf = groupOf;
            this.groupKeys = groupKeys;
            this.typeToMerged = typeToMerged;
            this.mergedNames = mergedNames;
            this.paths = paths;
        }

        int index(int node) {
            return pre == null ? node : pre[node];
        }

        int node(int index) {
            return vertex == null ? index : vertex[index];
        }
    }

    void attach(Analysis a) {
        this.analysis = a;
    }

    /** Drops the id index (a later {@link #nodeWithId} builds it again). */
    void forgetIdIndex() {
        idIndex = null;
    }

    GraphBuilder builder() {
        return b;
    }

    /** The number of nodes. */
    public int nodeCount() {
        return b.nodeCount;
    }

    /** The number of edges stored (zero for a graph read in summary mode, which keeps no edges). */
    public int edgeCount() {
        return b.edgeCount;
    }

    /** The type of {@code node}: an index below {@link #typeCount()}. */
    public int type(int node) {
        return b.nodeType[checkNode(node)];
    }

    /** The number of types the reader created. */
    public int typeCount() {
        return b.typeCount;
    }

    /** The name of type {@code type}, or {@code (unknown)} when the reader never named it. */
    public String typeName(int type) {
        checkArgument(type >= 0 && type < b.typeCount, "no type %s: the graph has %s", type, b.typeCount);
        String s = b.typeNames[type];
        return s == null ? "(unknown)" : s;
    }

    /** The traits of type {@code type}. */
    public Set<TypeTrait> traits(int type) {
        checkArgument(type >= 0 && type < b.typeCount, "no type %s: the graph has %s", type, b.typeCount);
        EnumSet<TypeTrait> s = EnumSet.noneOf(TypeTrait.class);
        for (TypeTrait t : TypeTrait.values()) {
            if ((b.typeTraits[type] & GraphBuilder.bit(t)) != 0) {
                s.add(t);
            }
        }
        return Collections.unmodifiableSet(s);
    }

    /** The id of {@code node}: its identity (V8 node id) or address (HPROF). */
    public long id(int node) {
        return b.nodeId.get(checkNode(node));
    }

    /** The shallow size of {@code node} in bytes. */
    public long shallowSize(int node) {
        return b.nodeSize.get(checkNode(node));
    }

    /** The index of the first outgoing edge of {@code node}. */
    public int firstEdge(int node) {
        return b.edgeStart[checkNode(node)];
    }

    /** One past the index of the last outgoing edge of {@code node}. */
    public int endEdge(int node) {
        return b.edgeStart[checkNode(node) + 1];
    }

    /** The node an edge comes from. O(log n). */
    public int edgeSource(int edge) {
        checkEdge(edge);
        int lo = 0;
        int hi = b.nodeCount - 1;
        int[] s = b.edgeStart;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s[mid] <= edge) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The kind of {@code edge}. */
    public EdgeKind edgeKind(int edge) {
        return EdgeKind.of(b.edgeFlags[checkEdge(edge)] & GraphBuilder.KIND_MASK);
    }

    /** The node {@code edge} points to. */
    public int edgeTarget(int edge) {
        return b.edgeTarget[checkEdge(edge)];
    }

    /** The raw name of {@code edge}: an index for {@linkplain EdgeKind#isIndexed() indexed} kinds, else a string table index (negative: none). */
    public int edgeNameOrIndex(int edge) {
        return b.edgeNames().get(checkEdge(edge));
    }

    /**
     * The name of {@code edge} for display: the property or field name, {@code [3]} for an
     * indexed edge, {@code ?} when the name is not in the string table.
     */
    public String edgeName(int edge) {
        checkEdge(edge);
        int name = b.edgeNames().get(edge);
        return PathIndex.render(b, EdgeKind.of(b.edgeFlags[edge] & GraphBuilder.KIND_MASK), name);
    }

    /** Returns true when {@code edge} keeps its target alive (false for weak edges and the like). */
    public boolean retains(int edge) {
        return (b.edgeFlags[checkEdge(edge)] & GraphBuilder.NO_RETAIN) == 0;
    }

    /** Entry {@code index} of the string table, when the reader provided it. */
    public Optional<String> string(int index) {
        String[] s = b.strings;
        return index >= 0 && index < s.length ? Optional.ofNullable(s[index]) : Optional.empty();
    }

    /** The number of declared GC roots that name a node. */
    public int rootCount() {
        return b.rootCount;
    }

    /** The node of GC root {@code i}. */
    public int root(int i) {
        if (i < 0 || i >= b.rootCount) {
            throw new IndexOutOfBoundsException("root " + i + " of " + b.rootCount);
        }
        return (int) b.rootRefs[i];
    }

    /** The kind of GC root {@code i}, as the reader named it. */
    public String rootKind(int i) {
        if (i < 0 || i >= b.rootCount) {
            throw new IndexOutOfBoundsException("root " + i + " of " + b.rootCount);
        }
        return b.rootKindNames[b.rootKinds[i]];
    }

    /** The node with id {@code id}, if any (the first one added when ids repeat). The first call builds an index. */
    public OptionalInt nodeWithId(long id) {
        IdIndex index = idIndex;
        if (index == null) {
            synchronized (this) {
                index = idIndex;
                if (index == null) {
                    index = IdIndex.build(b.nodeId, b.nodeCount);
                    idIndex = index;
                }
            }
        }
        int node = index.find(id);
        return node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
    }

    /** Returns true when dominators and retained sizes were computed and kept (graph mode with a kept graph). */
    public boolean hasDominators() {
        Analysis a = analysis;
        return a != null && a.idom != null;
    }

    /**
     * The retained size of {@code node}: its own size plus that of every object it alone keeps
     * alive; empty unless {@link #hasDominators()}.
     */
    public OptionalLong retainedSize(int node) {
        checkNode(node);
        Analysis a = analysis;
        return a == null || a.retained == null ? OptionalLong.empty() : OptionalLong.of(a.retained[a.index(node)]);
    }

    /**
     * The immediate dominator of {@code node}: the closest object every retaining path from the GC
     * roots to it passes through; empty for nodes held directly by the roots or when dominators
     * were not computed.
     */
    public OptionalInt dominator(int node) {
        checkNode(node);
        Analysis a = analysis;
        if (a == null || a.idom == null) {
            return OptionalInt.empty();
        }
        int d = a.idom[a.index(node)];
        return d == 0 ? OptionalInt.empty() : OptionalInt.of(a.node(d));
    }

    /** The group {@code node} was counted in; empty before the graph is summarised. */
    public Optional<GroupKey> groupKey(int node) {
        checkNode(node);
        Analysis a = analysis;
        return a == null ? Optional.empty() : Optional.of(a.groupKeys[a.groupOf[a.index(node)]]);
    }

    /**
     * A shortest path of retaining edges from a GC root to {@code node}, with edge names; empty
     * when no root reaches it (or the graph keeps no edges). The first call computes shortest
     * paths for all nodes (one breadth-first pass) unless the summary already did.
     */
    public Optional<RetainerPath> retainerPath(int node) {
        checkNode(node);
        if (b.nodeCount == 0 || !b.storeEdges) {
            return Optional.empty();
        }
        Analysis a = analysis;
        if (a != null && a.paths != null) {
            return a.paths.path(a.index(node), naming(a));
        }
        return nodePaths().path(node, naming(null));
    }

    private volatile PathIndex nodePaths;

    private PathIndex nodePaths() {
        PathIndex p = nodePaths;
        if (p == null) {
            synchronized (this) {
                p = nodePaths;
                if (p == null) {
                    p = PathIndex.build(b, new IntPool());
                    nodePaths = p;
                }
            }
        }
        return p;
    }

    /** How paths over the analysis's indexes (or node indexes, for {@code a == null}) show their steps. */
    private PathIndex.Naming naming(Analysis a) {
        return new PathIndex.Naming() {
            @Override
            public String rootKind(int index) {
                return rootKindOf(a == null ? index : a.node(index));
            }

            @Override
            public String display(int index) {
                int node = a == null ? index : a.node(index);
                String label = b.labelOf(node);
                return label != null ? label : displayType(node);
            }

            @Override
            public long id(int index) {
                return b.nodeId.get(a == null ? index : a.node(index));
            }
        };
    }

    private volatile LongIntMap rootKindByNode;

    String rootKindOf(int node) {
        LongIntMap m = rootKindByNode;
        if (m == null) {
            m = new LongIntMap(b.rootCount);
            for (int i = 0; i < b.rootCount; i++) {
                m.putIfAbsent(b.rootRefs[i], b.rootKinds[i]);
            }
            rootKindByNode = m;
        }
        int k = m.get(node);
        return k < 0 ? "(root)" : b.rootKindNames[k];
    }

    /** The type name of {@code node} as groups show it (types with equal names merged). */
    String displayType(int node) {
        return typeName(b.nodeType[node]);
    }

    private int checkNode(int node) {
        if (node < 0 || node >= b.nodeCount) {
            throw new IndexOutOfBoundsException("node " + node + " of " + b.nodeCount);
        }
        return node;
    }

    private int checkEdge(int edge) {
        if (edge < 0 || edge >= b.edgeCount) {
            throw new IndexOutOfBoundsException("edge " + edge + " of " + b.edgeCount);
        }
        return edge;
    }

    @Override
    public String toString() {
        return "HeapGraph[" + b.nodeCount + " nodes, " + b.edgeCount + " edges, " + b.rootCount + " roots]";
    }
}
