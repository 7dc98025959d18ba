package io.github.heapdiff.graph;

import io.github.heapdiff.internal.LongIntMap;
import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.Origin;
import io.github.heapdiff.RetainerPath;
import io.github.heapdiff.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a completed graph into groups: counts and shallow sizes always; in graph mode also
 * dominators, retained sizes per group without double counting, owner histograms, accumulation
 * points and retainer paths.
 *
 * <p>Definitions used (all on the dominator tree, super-root excluded):
 * <ul>
 *   <li>A <em>top-level</em> instance of a group is one that no other instance of the group
 *       dominates. The group's retained size is the sum of its top-level instances' retained sizes
 *       (as DevTools' class retained size).</li>
 *   <li>The <em>owner</em> of an instance is the closest dominator of its top-level instance that
 *       is not infrastructure (so nested instances count for the owner of the structure they are
 *       part of). Owners are counted by type.</li>
 *   <li>An <em>accumulation point</em> is found from the median instance in dominator-tree order:
 *       the deepest dominator that holds more than half of the instances, then moved up past
 *       infrastructure, instances of the group and objects inside them. Up to three are reported,
 *       each next one among the instances the previous ones do not hold, while at least a fifth
 *       of the group is left and the point holds at least a tenth.</li>
 * </ul>
 */
final class GraphSummariser {

    private static final int MAX_OWNERS = 5;
    private static final int MAX_POINTS = 3;
    private static final int EXEMPLARS = 5;
    private static final int MAX_SHAPE_NAMES = 64;

    private final GraphBuilder b;
    private final HeapGraph graph;
    private final int n;

    // types merged by name
    private int[] mergedOf;
    private String[] mergedNames;
    private int[] mergedTraits;
    private Origin[] mergedOrigins;

    // groups
    private int[] groupOf;
    private final List<GroupKey> keys = new ArrayList<>();
    private final List<Integer> groupMerged = new ArrayList<>();
    private long[] counts;
    private long[] shallow;
    private final IntPool pool = new IntPool();

    /**
     * Whether {@code memory} bytes hold the analysis of a graph of {@code n} nodes (ids and sizes
     * stored in {@code idWidth} and {@code sizeWidth} bytes) and {@code edges} edges with the
     * shortest paths searched on a second thread beside the dominators: the graph, 40 bytes a node
     * and 4 a retaining edge of working set live at once (the numbering, the paths and their queue,
     * the predecessor table, the semi-dominators, the groups and ids by number: 35 and 39 bytes a
     * node measured on HPROF graphs of 8 and 15 million nodes), 8 bytes a node of free room for the
     * largest array then allocated, and a twentieth to spare.
     */
    static boolean roomForParallelPaths(long n, int idWidth, int sizeWidth, long edges, long memory) {
        long graph = n * (idWidth + sizeWidth + 4 + 4) + 9L * edges;
        long need = graph + 48L * n + 4L * edges;
        return need + need / 20 <= memory;
    }

    /** Whether the shortest paths run on a second thread beside the dominators. */
    enum Plan {
        /** On a second thread for big graphs when the heap has room for both working sets. */
        AUTO,
        /** On a second thread. */
        PARALLEL,
        /** One after the other. */
        SEQUENTIAL
    }

    private final Plan plan;

    GraphSummariser(GraphBuilder builder, HeapGraph graph) {
        this(builder, graph, Plan.AUTO);
    }

    GraphSummariser(GraphBuilder builder, HeapGraph graph, Plan plan) {
        this.b = builder;
        this.graph = graph;
        this.n = builder.nodeCount;
        this.plan = plan;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphSummariser.class);
    private long lapStart = System.nanoTime();

    private void progress(String step, double fraction) {
        b.progress.progress(b.source, step, fraction);
    }

    /** Logs at DEBUG how long the work since the previous lap took. */
    private void lap(String what) {
        long now = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} in {} ms", b.source, what, (now - lapStart) / 1_000_000);
        }
        lapStart = now;
    }

    GraphSummary run() {
        progress("summarising", 0.0);
        mergeTypes();
        // a big graph's groups are found on a second thread while the dominator pass numbers the
        // nodes (which reads only the edges): joined before the first step that reads them
        boolean beside = b.storeEdges && n >= Background.PARALLEL_MIN_NODES;
        grouping = Background.start("groups", beside, () -> {
            long start = System.nanoTime();
            groupAndCount();
            return System.nanoTime() - start;
        });
        if (!beside) {
            awaitGroups();
            lap("grouping");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("graph.nodes", Integer.toString(n));
        meta.put("graph.edges", Long.toString(b.edgesSeen));
        if (b.danglingReferences > 0) {
            meta.put("graph.dangling-references", Integer.toString(b.danglingReferences));
        }
        if (b.danglingRoots > 0) {
            meta.put("graph.dangling-roots", Integer.toString(b.danglingRoots));
        }
        if (b.duplicateIds > 0) {
            meta.put("graph.duplicate-ids", Integer.toString(b.duplicateIds));
        }

        List<ObjectGroup> out;
        boolean keep = b.options.keepGraph();
        if (b.storeEdges && n > 0) {
            meta.put("graph.roots", Integer.toString(b.rootCount));
            Deep deep = new Deep();
            deep.run();
            meta.put("graph.unreachable", Integer.toString(n + 1 - deep.reached));
            out = assemble(deep);
            lap("assembling groups");
            if (keep) {
                graph.attach(new HeapGraph.Analysis(deep.pre, deep.vertex, deep.idom, deep.retained, deep.groupW,
                        keys.toArray(new GroupKey[0]), mergedOf, mergedNames, deep.paths));
            }
        } else {
            awaitGroups();
            out = assemble(null);
            if (keep) {
                graph.attach(new HeapGraph.Analysis(null, null, null, null, groupOf, keys.toArray(new GroupKey[0]),
                        mergedOf, mergedNames, null));
            }
        }
        progress("summarising", 1.0);
        Grouping grouping = b.computeShapes ? Grouping.SHAPE : Grouping.TYPE;
        return new GraphSummary(out, grouping, b.hasIdentities(), meta,
                keep ? Optional.of(graph) : Optional.empty());
    }

    // ------------------------------------------------------------------ grouping

    /** The grouping task: its time in nanoseconds once done. */
    private Background<Long> grouping;
    private boolean grouped;

    /** Each node's group, the groups' merged types, and each group's count and shallow size. */
    private void groupAndCount() {
        assignGroups();
        groupMergedType = new int[keys.size()];
        for (int g = 0; g < groupMergedType.length; g++) {
            groupMergedType[g] = groupMerged.get(g);
        }
        int groups = keys.size();
        counts = new long[groups];
        shallow = new long[groups];
        int[] group = groupOf;
        LongColumn sizes = b.nodeSize;
        for (int v = 0; v < n; v++) {
            int g = group[v];
            counts[g]++;
            shallow[g] += sizes.get(v);
        }
    }

    /** Waits for the grouping (rethrowing its failure); the node types are not read after it. */
    private void awaitGroups() {
        if (grouped) {
            return;
        }
        long nanos = grouping.join();
        grouped = true;
        if (!b.options.keepGraph()) {
            b.nodeType = null; // groups tell the types from here on (assignGroups wrote them over the types)
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: grouping took {} ms", b.source, nanos / 1_000_000);
        }
    }

    private void mergeTypes() {
        int tc = b.typeCount;
        mergedOf = new int[tc];
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tc; t++) {
            String name = b.typeNames[t] == null ? "(unknown)" : b.typeNames[t];
            if (name.isEmpty()) {
                name = "(anonymous)";
            }
            Integer m = byName.get(name);
            if (m == null) {
                m = names.size();
                byName.put(name, m);
                names.add(name);
            }
            mergedOf[t] = m;
        }
        int mc = names.size();
        mergedNames = names.toArray(new String[0]);
        mergedTraits = new int[mc];
        mergedOrigins = new Origin[mc];
        boolean[] conflict = new boolean[mc];
        for (int t = 0; t < tc; t++) {
            int m = mergedOf[t];
            mergedTraits[m] |= b.typeTraits[t];
            Origin o = b.typeOrigins[t];
            if (o != null) {
                if (mergedOrigins[m] == null && !conflict[m]) {
                    mergedOrigins[m] = o;
                } else if (!o.equals(mergedOrigins[m])) {
                    mergedOrigins[m] = null;
                    conflict[m] = true;
                }
            }
        }
    }

    private int[] groupMergedType;


    /**
     * Gives each node its group. Without a kept graph the groups are written over the node types
     * (each node's type is read before its group is written): the types are not read again.
     */
    private void assignGroups() {
        groupOf = b.options.keepGraph() || b.nodeType.length < n ? new int[n] : b.nodeType;
        int mc = mergedNames.length;
        int[] plain = new int[mc];
        Arrays.fill(plain, -1);
        if (!b.computeShapes) {
            for (int v = 0; v < n; v++) {
                int m = mergedOf[b.nodeType[v]];
                int g = plain[m];
                if (g < 0) {
                    g = newGroup(GroupKey.of(mergedNames[m]), m);
                    plain[m] = g;
                }
                groupOf[v] = g;
            }
            return;
        }
        Shape[] shapeCache = new Shape[b.shapes.size()];
        LongIntMap byTypeShape = new LongIntMap(1024);
        Map<GroupKey, Integer> byKey = new HashMap<>();
        int shapedBit = GraphBuilder.bit(TypeTrait.SHAPED);
        for (int v = 0; v < n; v++) {
            int m = mergedOf[b.nodeType[v]];
            if ((b.typeTraits[b.nodeType[v]] & shapedBit) == 0) {
                int g = plain[m];
                if (g < 0) {
                    g = newGroup(GroupKey.of(mergedNames[m]), m);
                    plain[m] = g;
                }
                groupOf[v] = g;
                continue;
            }
            int shapeId = b.nodeShape[v];
            long k = ((long) m << 32) | shapeId;
            int g = byTypeShape.get(k);
            if (g < 0) {
                Shape shape = shapeCache[shapeId];
                if (shape == null) {
                    shape = shape(shapeId);
                    shapeCache[shapeId] = shape;
                }
                GroupKey key = GroupKey.of(mergedNames[m], shape);
                Integer known = byKey.get(key);
                if (known == null) {
                    known = newGroup(key, m);
                    byKey.put(key, known);
                }
                g = known;
                byTypeShape.putIfAbsent(k, g);
            }
            groupOf[v] = g;
        }
    }

    private Shape shape(int shapeId) {
        int len = b.shapes.length(shapeId);
        List<String> names = new ArrayList<>(Math.min(len, MAX_SHAPE_NAMES));
        int counted = 0;
        for (int i = 0; i < len; i++) {
            int idx = b.shapes.name(shapeId, i);
            String s = idx >= 0 && idx < b.strings.length ? b.strings[idx] : null;
            if (s == null || s.isEmpty()) {
                s = "?";
            }
            if (b.shapeExcluded.contains(s)) {
                continue;
            }
            counted++;
            if (names.size() < MAX_SHAPE_NAMES) {
                names.add(s);
            }
        }
        return counted > names.size() ? new Shape(names, counted, true) : Shape.of(names);
    }

    private int newGroup(GroupKey key, int merged) {
        keys.add(key);
        groupMerged.add(merged);
        return keys.size() - 1;
    }

    // ------------------------------------------------------------------ dominators and facts

    /**
     * The graph-mode analysis. From the dominator pass's depth-first numbering on, everything is
     * indexed by depth-first number ({@code w}; 0 is the super-root) rather than by node: the
     * numbers follow the graph's structure, so the walks below read memory nearly in order.
     */
    private final class Deep {
        int[] idom;
        /** The retained size of each depth-first number: as longs, or (when all fit) as unsigned ints in {@link #retainedNarrow}. */
        long[] retained;
        int[] retainedNarrow;
        int reached;
        PathIndex paths;
        /** Number to node and node to number: kept with the graph only. */
        int[] vertex;
        int[] pre;
        /** The group of each number (index 0, the super-root, has none). */
        int[] groupW;
        /** The id of each number (without a kept graph; with one, ids are read through {@link #vertex}). */
        private LongColumn idW;
        /**
         * Or, when the node ids were stored as unsigned ints, the id of each number as that int
         * (shifted left by {@link #idShift}); the ids' chunks then hold the walk's instances.
         */
        private Ints idFlat;
        /** The chunks of the edge names of a graph by id once the shortest paths are done with them, or null. */
        private int[][] deadNameChunks;
        private int idShift;
        /** The chunks of the node ids, dead once the ids are by number: where the walk puts its instances. */
        private int[][] spareChunks;
        private LongIntMap rootKindW;
        private final Map<Integer, String> labelW = new HashMap<>();
        private long[] declaredRoot;
        private boolean[] groupInfra;

        int[] domPre;
        int[] domEnd;
        /** Each group's instances, by group, in preorder of the dominator tree. */
        Ints instances;
        int[] groupStart;
        long[] topLevel;
        long[] groupRetained;
        int[] exemplars;
        GroupFacts[] facts;

        private final PathIndex.Naming naming = new PathIndex.Naming() {
            @Override
            public String rootKind(int w) {
                int k = rootKindW.get(w);
                return k < 0 ? "(root)" : b.rootKindNames[k];
            }

            @Override
            public String display(int w) {
                String label = labelW.isEmpty() ? null : labelW.get(w);
                return label != null ? label : mergedNames[groupMergedType[groupW[w]]];
            }

            @Override
            public long id(int w) {
                return idOf(w);
            }
        };

        long idOf(int w) {
            if (idFlat != null) {
                return (idFlat.get(w) & 0xFFFF_FFFFL) << idShift;
            }
            return idW != null ? idW.get(w) : b.nodeId.get(vertex[w]);
        }

        private boolean trait(int w, TypeTrait trait) {
            return (mergedTraits[groupMergedType[groupW[w]]] & GraphBuilder.bit(trait)) != 0;
        }

        void run() {
            int[] roots = toInts(b.rootRefs, b.rootCount);
            progress("dominators", 0.0);
            boolean keep = b.options.keepGraph();
            // shortest paths on a second thread, beside the dominators, when the heap has room for
            // the edges and the predecessor table side by side; else one after the other, the
            // predecessor table taking the array the search's queue was
            boolean parallel = plan == Plan.PARALLEL || plan == Plan.AUTO && n >= Background.PARALLEL_MIN_NODES && room();
            Dominators d = Dominators.number(n, b.edgeStart, b.edgeTarget, b.edgeFlags, roots, b.rootCount, pool);
            reached = d.reached;
            vertex = d.vertex;
            int total = n + 1;
            declaredRoot = new long[(total + 63) >>> 6];
            rootKindW = new LongIntMap(Math.max(16, b.rootCount));
            for (int i = 0; i < b.rootCount; i++) {
                int w = d.rootNumbers[i];
                declaredRoot[w >>> 6] |= 1L << w;
                rootKindW.putIfAbsent(w, b.rootKinds[i]);
            }
            for (Map.Entry<Integer, String> e : b.nodeLabels.entrySet()) {
                labelW.put(d.pre[e.getKey()], e.getValue());
            }
            if (keep) {
                pre = d.pre;
            } else {
                d.dropPreorder(pool);
            }
            progress("dominators", 0.2);
            lap("depth-first numbering");

            Background<PathIndex> bfs = pathsAndPredecessors(d, parallel, keep);
            progress("dominators", 0.5);
            lap("predecessor table");

            // groups and ids by number; the node-indexed arrays go
            awaitGroups();
            Background<int[]> byNumber = null;
            if (parallel) {
                // with room to spare, on a second thread beside the semi-dominators (which read
                // neither the groups, the ids nor the node-to-number array)
                int[] groupArray = pool.take(total);
                int[] groupsByNode = groupOf;
                int[] vx = vertex;
                LongColumn ids = b.nodeId;
                byNumber = Background.start("by-number", true, () -> {
                    if (!keep) {
                        idW = ids.permuted(vx, total);
                    }
                    return gather(groupsByNode, vx, total, groupArray);
                });
            } else {
                groupW = gather(groupOf, vertex, total, pool.take(total));
                if (!keep) {
                    LongColumn ids = b.nodeId;
                    b.nodeId = null;
                    int[][] room = deadNameChunks;
                    deadNameChunks = null;
                    if (ids.width() == 4) {
                        // ids as they are stored (unsigned ints) in the dead chunks of the edge
                        // names (a graph by id) or else an array of the pool, where a new column
                        // would take room the heap has not got; the ids' chunks then hold the
                        // walk's instances, where it would take another new array
                        idFlat = Ints.roomIn(room, total) ? Ints.chunked(room) : Ints.flat(pool.take(total));
                        ids.gatherNarrow(vertex, total, idFlat);
                        idShift = ids.shift();
                        spareChunks = ids.releaseNarrowChunks();
                    }
                    pool.give(groupOf); // the node types' array, with room for n + 1
                    groupOf = null;
                    // two spare arrays are all the semi-dominators will take from here: the others go
                    // (the longest first) before ids by number that need a column take its room
                    pool.keepAtMost(2, total, Integer.MAX_VALUE);
                    if (idFlat == null) {
                        idW = ids.permuted(vertex, total);
                    }
                }
            }
            groupInfra = new boolean[keys.size()];
            int infraBit = GraphBuilder.bit(TypeTrait.INFRASTRUCTURE);
            for (int g = 0; g < groupInfra.length; g++) {
                groupInfra[g] = (mergedTraits[groupMergedType[g]] & infraBit) != 0;
            }
            // without a kept graph or a second thread still on the edges, the node-to-number array
            // is read for the last time: it takes the shallow sizes by number in its place (as
            // unsigned ints, when they all fit), so that the node-indexed sizes go before the
            // semi-dominator pass takes its room
            int[] sizesByNumber = null;
            long sizeSum = 0;
            if (!keep && !parallel && b.nodeSize.width() == 4) {
                LongColumn nodeSize = b.nodeSize;
                int[] vx = vertex;
                for (int w = 1; w < total; w++) {
                    int size = (int) nodeSize.get(vx[w]);
                    vx[w] = size;
                    sizeSum += size & 0xFFFF_FFFFL;
                }
                vx[0] = 0;
                b.nodeSize = null;
                sizesByNumber = vx;
                vertex = null;
            }
            lap("groups, ids and sizes by number");

            d.dominators(pool);
            if (byNumber != null) {
                groupW = byNumber.join();
                if (!keep) {
                    pool.give(groupOf);
                    groupOf = null;
                    b.nodeId = null;
                }
            }
            progress("dominators", 0.8);
            lap("semi-dominators and immediate dominators");

            paths = bfs.join();
            if (parallel) {
                releaseEdges(d, keep);
            }
            // the walk below takes five arrays of n + 1 ints: the pool keeps that many, and lets
            // the others go before the retained sizes take their room
            if (sizesByNumber != null && sizeSum <= 0xFFFF_FFFFL) {
                // no retained size exceeds the sum of all sizes: unsigned ints hold them, summed in
                // place in the sizes by number (no array of longs to allocate, half the memory for
                // the walk to read); the five may include the longer array of the predecessor
                // table, where a new one would take room the heap has not got
                pool.keepAtMost(5, total, Integer.MAX_VALUE);
                d.retainedSizesNarrow(sizesByNumber);
                retainedNarrow = sizesByNumber;
            } else {
                // (the node-to-number array, among the five, goes back to the pool below)
                pool.keepAtMost(keep ? 5 : 4, total, total + 2);
                long[] sizes = new long[total];
                if (sizesByNumber != null) {
                    for (int w = 1; w < total; w++) {
                        sizes[w] = sizesByNumber[w] & 0xFFFF_FFFFL;
                    }
                    pool.give(sizesByNumber);
                } else {
                    LongColumn nodeSize = b.nodeSize;
                    int[] vx = vertex;
                    for (int w = 1; w < total; w++) {
                        sizes[w] = nodeSize.get(vx[w]);
                    }
                    if (!keep) {
                        b.nodeSize = null; // summed by group and retained by number: no longer read
                        pool.give(vertex);
                        vertex = null;
                    }
                }
                d.retainedSizes(sizes);
                retained = d.retained;
            }
            idom = d.idom;
            progress("dominators", 1.0);
            lap("retained sizes");

            progress("summarising", 0.3);
            walkDominatorTree();
            lap("dominator tree walk");
            progress("summarising", 0.6);
            collectFacts();
            pool.give(domPre);
            pool.give(domEnd);
            instances.release(pool);
            domPre = null;
            domEnd = null;
            instances = null;
            lap("facts");
        }

        /**
         * The shortest paths (on a second thread when {@code parallel}) and the predecessor table:
         * the last passes over the edges. In a method of its own so that no local of
         * {@link #run} holds the edge arrays once they are released.
         */
        private Background<PathIndex> pathsAndPredecessors(Dominators d, boolean parallel, boolean keep) {
            int[] start = b.edgeStart;
            int[] target = b.edgeTarget;
            Ints names = b.edgeNames();
            byte[] flags = b.edgeFlags;
            int[] vx = d.vertex;
            int[] rootNumbers = d.rootNumbers;
            Background<PathIndex> bfs;
            if (parallel) {
                // beside the dominators, names and all
                bfs = Background.start("paths", true, () -> {
                    PathIndex p = PathIndex.buildNumbered(b, vx, rootNumbers, start, target, new IntPool(), false);
                    p.resolveNames(names, flags);
                    return p;
                });
            } else {
                PathIndex p = PathIndex.buildNumbered(b, vx, rootNumbers, start, target, pool,
                        n >= Background.PARALLEL_MIN_NODES);
                progress("dominators", 0.35);
                lap("shortest paths");
                // the edges' names on a second thread for big graphs while this one builds the
                // predecessor table (both only read the edges); joined before the edges go
                bfs = Background.start("path-names", n >= Background.PARALLEL_MIN_NODES, () -> {
                    p.resolveNames(names, flags);
                    return p;
                });
            }
            // one after the other, the predecessor table takes the array the search's queue was
            // (or the node-to-number array before it), and the names' chunks are left for the
            // ids by number; beside the search, the table is new
            d.predecessors(start, target, pool, length -> parallel || keep ? new int[length] : pool.take(length));
            if (!parallel) {
                bfs.join(); // named before the names' chunks go (join again returns the same)
            }
            if (!parallel && !keep) {
                deadNameChunks = names.chunks();
                b.edgeNameView = null;
            }
            if (!parallel) {
                releaseEdges(d, keep);
            }
            return bfs;
        }

        /** The edges are read for the last time: released, or (kept graph) their targets turned back into nodes. */
        private void releaseEdges(Dominators d, boolean keep) {
            if (keep) {
                d.restoreTargets(b.edgeTarget, b.edgeCount);
                return;
            }
            pool.give(b.edgeStart); // n + 2 ints: a working array for later steps
            pool.give(b.edgeTarget); // usually longer still
            b.edgeTarget = null;
            b.edgeFlags = null;
            b.edgeStart = null;
            b.edgeName = null;
            b.edgeNameView = null;
        }

        /** Whether the memory the analysis may plan with (the heap, or the caller's budget when smaller) has room for the parallel plan. */
        private boolean room() {
            return roomForParallelPaths(n, b.nodeId.width(), b.nodeSize.width(), b.edgeCount, b.planningMemory());
        }

        /**
         * Numbers the dominator tree in preorder (each subtree a contiguous range), lists each
         * group's instances in that order, and finds top-level instances, owners, group retained
         * sizes and exemplars. Linear passes over the depth-first numbers, in which a node's
         * dominator always comes before it: subtree sizes backwards, preorder ranges and the type
         * of the nearest real owner forwards, then one pass in dominator-tree preorder that keeps
         * a little state per group. The dominator tree is mostly the depth-first tree, so its
         * preorder is mostly the order of the depth-first numbers, and each pass reads the
         * number-indexed arrays nearly in order.
         */
        private void walkDominatorTree() {
            int groups = keys.size();
            int total = n + 1;
            int[] idom = this.idom;
            int[] group = groupW;
            // the owner type a group's objects give to what they dominate: their own merged type,
            // or for infrastructure, -2 (look further up)
            int[] ownerTypeOf = new int[groups];
            for (int g = 0; g < groups; g++) {
                ownerTypeOf[g] = groupInfra[g] ? -2 : groupMergedType[g];
            }
            // subtree sizes, backwards (the super-root's subtree is not a range of its own)
            int[] end = pool.take(total);
            Arrays.fill(end, 1, total, 1);
            end[0] = 0;
            for (int w = n; w >= 1; w--) {
                int p = idom[w];
                if (p != 0) {
                    end[p] += end[w];
                }
            }
            lap("walk: subtree sizes");
            // preorder ranges, forwards: a child takes the next free slot of its dominator. The
            // array of sizes becomes the slot counters: a number's size is read before its own
            // counter is set, and a counter ends at the end of its range. upType: the merged type
            // of the closest dominator that is not infrastructure (-1: none)
            int[] pre = pool.take(total);
            int[] upType = pool.take(total);
            int rootSlot = 0;
            for (int w = 1; w < total; w++) {
                int p = idom[w];
                int size = end[w];
                int at;
                if (p == 0) {
                    at = rootSlot;
                    rootSlot = at + size;
                    upType[w] = -1;
                } else {
                    at = end[p];
                    end[p] = at + size;
                    int t = ownerTypeOf[group[p]];
                    upType[w] = t == -2 ? upType[p] : t;
                }
                pre[w] = at;
                end[w] = at + 1;
            }
            domPre = pre;
            domEnd = end;
            lap("walk: preorder ranges and owners");
            int[] byPre = pool.take(total);
            for (int w = 1; w < total; w++) {
                byPre[pre[w]] = w;
            }
            lap("walk: preorder");
            // one pass in preorder: each group's instances in that order, and per group its
            // top-level instances (those not inside the range of the last top-level one), their
            // owners, retained sizes and exemplars
            groupStart = new int[groups + 1];
            for (int g = 0; g < groups; g++) {
                groupStart[g + 1] = groupStart[g] + (int) counts[g];
            }
            int[] cursor = Arrays.copyOf(groupStart, groups);
            int[][] chunks = spareChunks;
            spareChunks = null;
            Ints instances = Ints.roomIn(chunks, n) ? Ints.chunked(chunks) : Ints.flat(pool.take(n));
            this.instances = instances;
            topLevel = new long[(total + 63) >>> 6];
            groupRetained = new long[groups];
            exemplars = new int[groups * EXEMPLARS];
            Arrays.fill(exemplars, -1);
            int[] topEnd = new int[groups];
            // per group, the table slot of its last top-level instance's owner type (-1: none) and
            // that type: consecutive top-level instances of a group mostly share their owner type,
            // and then skip the table's hashing
            int[] ownerSlot = new int[groups];
            Arrays.fill(ownerSlot, -1);
            int[] ownerType = new int[groups];
            Arrays.fill(ownerType, -1);
            OwnerTable table = new OwnerTable(ownerSlot);
            long[] topLevel = this.topLevel;
            long[] groupRetained = this.groupRetained;
            for (int i = 0; i < n; i++) {
                int x = byPre[i];
                int g = group[x];
                instances.set(cursor[g]++, x);
                int slot;
                if (i >= topEnd[g]) {
                    topEnd[g] = end[x];
                    topLevel[x >>> 6] |= 1L << x;
                    long r = retainedOf(x);
                    groupRetained[g] += r;
                    offerExemplar(g, x);
                    int t = upType[x];
                    if (t < 0) {
                        slot = -1;
                    } else if (t == ownerType[g] && ownerSlot[g] >= 0) {
                        slot = ownerSlot[g];
                    } else {
                        slot = table.slot(g, t);
                    }
                    ownerSlot[g] = slot;
                    ownerType[g] = t;
                    if (slot >= 0) {
                        table.bytes[slot] += r;
                    }
                } else {
                    slot = ownerSlot[g];
                }
                if (slot >= 0) {
                    table.count[slot]++;
                }
            }
            pool.give(byPre);
            pool.give(upType);
            owners = table.owners(groups);
        }

        /**
         * Instances and retained bytes per (group, owner type) pair, in an open-addressing table:
         * a group has few owner types, and consecutive instances mostly share theirs.
         */
        private final class OwnerTable {
            long[] keys = new long[1 << 10];
            long[] count = new long[1 << 10];
            long[] bytes = new long[1 << 10];
            private int size;
            /** The slots the caller keeps per group (-1: none): moved along when the table grows. */
            private final int[] heldSlots;

            OwnerTable(int[] heldSlots) {
                this.heldSlots = heldSlots;
                Arrays.fill(keys, -1);
            }

            int slot(int g, int type) {
                long key = ((long) g << 32) | type;
                int mask = keys.length - 1;
                // Fibonacci hashing: the top bits of the product
                int h = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
                while (true) {
                    long k = keys[h];
                    if (k == key) {
                        return h;
                    }
                    if (k == -1) {
                        if (size * 2 >= keys.length) {
                            grow();
                            return slot(g, type);
                        }
                        keys[h] = key;
                        size++;
                        return h;
                    }
                    h = (h + 1) & mask;
                }
            }

            private void grow() {
                long[] oldKeys = keys;
                long[] oldCount = count;
                long[] oldBytes = bytes;
                keys = new long[oldKeys.length * 2];
                count = new long[keys.length];
                bytes = new long[keys.length];
                Arrays.fill(keys, -1);
                size = 0;
                int[] moved = new int[oldKeys.length];
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != -1) {
                        int s = slot((int) (oldKeys[i] >>> 32), (int) oldKeys[i]);
                        count[s] = oldCount[i];
                        bytes[s] = oldBytes[i];
                        moved[i] = s;
                    }
                }
                // a slot the caller holds from before would now name another pair, or none
                for (int g = 0; g < heldSlots.length; g++) {
                    if (heldSlots[g] >= 0) {
                        heldSlots[g] = moved[heldSlots[g]];
                    }
                }
            }

            /** Each group's owners, the top few by instances, then bytes, then name. */
            List<List<GroupFacts.Owner>> owners(int groups) {
                List<List<GroupFacts.Owner>> all = new ArrayList<>(groups);
                for (int g = 0; g < groups; g++) {
                    all.add(new ArrayList<>());
                }
                for (int i = 0; i < keys.length; i++) {
                    long k = keys[i];
                    if (k != -1 && count[i] > 0) {
                        all.get((int) (k >>> 32)).add(new GroupFacts.Owner(GroupKey.of(mergedNames[(int) k]),
                                count[i], bytes[i]));
                    }
                }
                List<List<GroupFacts.Owner>> out = new ArrayList<>(groups);
                for (List<GroupFacts.Owner> list : all) {
                    out.add(topOwners(list));
                }
                return out;
            }
        }

        private List<List<GroupFacts.Owner>> owners;

        private List<GroupFacts.Owner> topOwners(List<GroupFacts.Owner> all) {
            if (all.isEmpty()) {
                return List.of();
            }
            all.sort(Comparator.comparingLong(GroupFacts.Owner::instances).reversed()
                    .thenComparing(Comparator.comparingLong(GroupFacts.Owner::retainedBytes).reversed())
                    .thenComparing(GroupFacts.Owner::owner));
            return all.size() > MAX_OWNERS ? List.copyOf(all.subList(0, MAX_OWNERS)) : all;
        }

        /** The retained size of number {@code x}, whichever way they are held. */
        private long retainedOf(int x) {
            return retainedNarrow != null ? retainedNarrow[x] & 0xFFFF_FFFFL : retained[x];
        }

        /** Keeps the group's top instances by retained size, ties broken by the smaller id. */
        private void offerExemplar(int g, int x) {
            int base = g * EXEMPLARS;
            long r = retainedOf(x);
            int last = exemplars[base + EXEMPLARS - 1];
            if (last >= 0 && retainedOf(last) > r) {
                return; // the usual case on big groups: decided without reading the node's id
            }
            long id = idOf(x);
            int pos = EXEMPLARS;
            while (pos > 0) {
                int e = exemplars[base + pos - 1];
                if (e >= 0 && (retainedOf(e) > r || (retainedOf(e) == r && idOf(e) < id))) {
                    break;
                }
                pos--;
            }
            if (pos >= EXEMPLARS) {
                return;
            }
            System.arraycopy(exemplars, base + pos, exemplars, base + pos + 1, EXEMPLARS - pos - 1);
            exemplars[base + pos] = x;
        }

        private void collectFacts() {
            facts = new GroupFacts[keys.size()];
            int[] scratch = pool.take(Math.max(1, n));
            try {
                collectFacts(scratch);
            } finally {
                pool.give(scratch);
            }
        }

        private void collectFacts(int[] scratch) {
            int groups = keys.size();
            for (int g = 0; g < groups; g++) {
                List<GroupFacts.Owner> owners = this.owners.get(g);
                List<GroupFacts.AccumulationPoint> points = accumulationPoints(g, scratch);
                int ex = exemplars[g * EXEMPLARS];
                Optional<RetainerPath> path = ex < 0 ? Optional.empty() : paths.path(ex, naming);
                facts[g] = new GroupFacts(owners, points, path);
                if ((g & 1023) == 0) {
                    progress("summarising", 0.6 + 0.4 * g / groups);
                }
            }
        }

        /** Accumulation points of group {@code g}; see the class comment. */
        private List<GroupFacts.AccumulationPoint> accumulationPoints(int g, int[] tops) {
            int from = groupStart[g];
            int k = groupStart[g + 1] - from;
            if (k == 0) {
                return List.of();
            }
            // the group's top-level instances, in dominator-tree order (their subtrees are disjoint)
            int topCount = 0;
            for (int i = from; i < from + k; i++) {
                int x = instances.get(i);
                if ((topLevel[x >>> 6] & (1L << x)) != 0) {
                    tops[topCount++] = x;
                }
            }
            List<GroupFacts.AccumulationPoint> out = new ArrayList<>();
            int[] exLo = new int[MAX_POINTS];
            int[] exHi = new int[MAX_POINTS];
            int excluded = 0;
            long remaining = k;
            for (int round = 0; round < MAX_POINTS; round++) {
                int m = medianRemaining(from, k, exLo, exHi, excluded, remaining);
                int x = m;
                while (x != 0 && countRemaining(from, k, x, exLo, exHi, excluded) * 2 <= remaining) {
                    x = idom[x];
                }
                while (x != 0 && (trait(x, TypeTrait.INFRASTRUCTURE) || groupW[x] == g || insideTop(x, tops,
                        topCount))) {
                    x = idom[x];
                }
                if (x == 0 || (declaredRoot[x >>> 6] & (1L << x)) != 0 || trait(x, TypeTrait.SYNTHETIC)) {
                    break;
                }
                long held = countRemaining(from, k, x, exLo, exHi, excluded);
                if (round > 0 && held * 10 < k) {
                    break;
                }
                out.add(new GroupFacts.AccumulationPoint(idOf(x), mergedNames[groupMergedType[groupW[x]]], held,
                        retainedOf(x), paths.path(x, naming)));
                exLo[excluded] = domPre[x];
                exHi[excluded] = domEnd[x];
                excluded++;
                remaining -= held;
                if (remaining * 5 < k) {
                    break;
                }
            }
            return out;
        }

        private boolean insideTop(int x, int[] tops, int topCount) {
            int p = domPre[x];
            int lo = 0;
            int hi = topCount - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (domPre[tops[mid]] <= p) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found >= 0 && p < domEnd[tops[found]];
        }

        /** How many instances ({@code instances[from .. from+k)}, sorted by domPre) fall in [lo, hi). */
        private int countIn(int from, int k, int lo, int hi) {
            return lowerBound(from, k, hi) - lowerBound(from, k, lo);
        }

        private int lowerBound(int from, int k, int pre) {
            int lo = from;
            int hi = from + k;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (domPre[instances.get(mid)] < pre) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private long countRemaining(int from, int k, int x, int[] exLo, int[] exHi, int excluded) {
            int lo = domPre[x];
            int hi = domEnd[x];
            long c = countIn(from, k, lo, hi);
            for (int i = 0; i < excluded; i++) {
                int a = Math.max(lo, exLo[i]);
                int z = Math.min(hi, exHi[i]);
                if (a < z) {
                    c -= countIn(from, k, a, z);
                }
            }
            return c;
        }

        /** The instance at the middle of those not inside an excluded subtree. */
        private int medianRemaining(int from, int k, int[] exLo, int[] exHi, int excluded, long remaining) {
            long want = remaining / 2;
            if (excluded == 0) {
                return instances.get(from + (int) want);
            }
            int[][] cut = new int[excluded][];
            for (int i = 0; i < excluded; i++) {
                cut[i] = new int[] {lowerBound(from, k, exLo[i]), lowerBound(from, k, exHi[i])};
            }
            Arrays.sort(cut, Comparator.comparingInt(a -> a[0]));
            int pos = from;
            int ci = 0;
            while (true) {
                while (ci < excluded && pos >= cut[ci][0]) {
                    pos = Math.max(pos, cut[ci][1]);
                    ci++;
                }
                int next = ci < excluded ? cut[ci][0] : from + k;
                if (pos + want < next) {
                    return instances.get(pos + (int) want);
                }
                want -= next - pos;
                pos = next;
            }
        }
    }

    /** {@code values} by depth-first number: entry w is {@code values[vertex[w]]} (entry 0 is left 0). */
    private static int[] gather(int[] values, int[] vertex, int total, int[] into) {
        into[0] = 0;
        for (int w = 1; w < total; w++) {
            into[w] = values[vertex[w]];
        }
        return into;
    }

    private static int[] toInts(long[] a, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) a[i];
        }
        return out;
    }

    // ------------------------------------------------------------------ assembly

    private List<ObjectGroup> assemble(Deep deep) {
        int groups = keys.size();
        ObjectIds[] ids = b.hasIdentities() ? identities(deep) : null;
        int[] start = null;
        int[] members = null;
        if (deep == null) {
            start = groupStarts();
            members = membersInNodeOrder(start, pool.take(Math.max(1, n)));
        }
        long[] raw = rawBytesByMergedType();
        List<ObjectGroup> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            GroupStats stats = deep != null
                    ? GroupStats.of(counts[g], shallow[g], deep.groupRetained[g])
                    : GroupStats.of(counts[g], shallow[g]);
            if (raw != null && raw[groupMerged.get(g)] >= 0 && keys.get(g).shape().isEmpty()) {
                stats = stats.withRaw(raw[groupMerged.get(g)]);
            }
            List<Long> exemplars = new ArrayList<>(EXEMPLARS);
            if (deep != null) {
                for (int i = 0; i < EXEMPLARS; i++) {
                    int x = deep.exemplars[g * EXEMPLARS + i];
                    if (x >= 0) {
                        exemplars.add(deep.idOf(x));
                    }
                }
            } else {
                for (int i = start[g]; i < start[g + 1] && exemplars.size() < EXEMPLARS; i++) {
                    exemplars.add(b.nodeId.get(members[i]));
                }
            }
            int merged = groupMerged.get(g);
            out.add(new ObjectGroup(keys.get(g), stats, exemplars, Optional.ofNullable(mergedOrigins[merged]),
                    deep != null ? Optional.of(deep.facts[g]) : Optional.empty(),
                    ids != null ? ids[g] : ObjectIds.empty()));
        }
        return out;
    }

    /** The raw bytes the reader gave, summed per merged type (-1 where none of its types has any); null when none. */
    private long[] rawBytesByMergedType() {
        long[] byType = b.typeRawBytes;
        if (byType == null) {
            return null;
        }
        long[] out = new long[mergedNames.length];
        Arrays.fill(out, -1);
        for (int t = 0; t < byType.length && t < b.typeCount; t++) {
            if (byType[t] >= 0) {
                int m = mergedOf[t];
                out[m] = Math.addExact(Math.max(0, out[m]), byType[t]);
            }
        }
        return out;
    }

    private int[] groupStarts() {
        int groups = keys.size();
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + (int) counts[g];
        }
        return start;
    }

    /** Each group's members, in node order (V8 ids are mostly ascending in node order). */
    private int[] membersInNodeOrder(int[] start, int[] members) {
        int[] cursor = Arrays.copyOf(start, keys.size());
        for (int v = 0; v < n; v++) {
            members[cursor[groupOf[v]]++] = v;
        }
        return members;
    }

    /**
     * The ids of each group's members, adopted unsorted: a set sorts itself when a diff first
     * reads it, so reading a snapshot does not pay for identities nobody compares.
     */
    private ObjectIds[] identities(Deep deep) {
        int groups = keys.size();
        long[][] ids = new long[groups][];
        for (int g = 0; g < groups; g++) {
            ids[g] = new long[(int) counts[g]];
        }
        int[] fill = new int[groups];
        if (deep != null) {
            int[] group = deep.groupW;
            for (int w = 1; w <= n; w++) {
                int g = group[w];
                ids[g][fill[g]++] = deep.idOf(w);
            }
        } else {
            for (int v = 0; v < n; v++) {
                int g = groupOf[v];
                ids[g][fill[g]++] = b.nodeId.get(v);
            }
        }
        ObjectIds[] out = new ObjectIds[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = ObjectIds.adoptUnsorted(ids[g]);
        }
        return out;
    }
}
