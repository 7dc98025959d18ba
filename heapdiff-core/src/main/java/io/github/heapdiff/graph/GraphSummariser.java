package io.github.heapdiff.graph;

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

    GraphSummariser(GraphBuilder builder, HeapGraph graph) {
        this.b = builder;
        this.graph = graph;
        this.n = builder.nodeCount;
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
        assignGroups();
        groupMergedType = new int[keys.size()];
        for (int g = 0; g < groupMergedType.length; g++) {
            groupMergedType[g] = groupMerged.get(g);
        }
        if (!b.options.keepGraph()) {
            b.nodeType = null; // groups tell the types from here on
        }
        lap("grouping");
        int groups = keys.size();
        counts = new long[groups];
        shallow = new long[groups];
        for (int v = 0; v < n; v++) {
            int g = groupOf[v];
            counts[g]++;
            shallow[g] += b.nodeSize.get(v);
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
                graph.attach(new HeapGraph.Analysis(deep.idom, deep.retained, groupOf, keys.toArray(new GroupKey[0]),
                        mergedOf, mergedNames, deep.paths));
            }
        } else {
            out = assemble(null);
            if (keep) {
                graph.attach(new HeapGraph.Analysis(null, null, groupOf, keys.toArray(new GroupKey[0]), mergedOf,
                        mergedNames, null));
            }
        }
        progress("summarising", 1.0);
        Grouping grouping = b.computeShapes ? Grouping.SHAPE : Grouping.TYPE;
        return new GraphSummary(out, grouping, b.hasIdentities(), meta,
                keep ? Optional.of(graph) : Optional.empty());
    }

    // ------------------------------------------------------------------ grouping

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

    private boolean traitOf(int node, TypeTrait trait) {
        return (mergedTraits[mergedOfNode(node)] & GraphBuilder.bit(trait)) != 0;
    }

    private int[] groupMergedType;

    /** The merged type of {@code node}, through its group (the builder's node types may be released). */
    private int mergedOfNode(int node) {
        return groupMergedType[groupOf[node]];
    }

    private void assignGroups() {
        groupOf = new int[n];
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

    /** The graph-mode analysis. */
    private final class Deep {
        int[] idom;
        long[] retained;
        int reached;
        PathIndex paths;
        Dominators d;
        private int[] deadNames;

        private String typeNameOf(int node) {
            return mergedNames[mergedOfNode(node)];
        }

        /** The edge-name array, once the shortest paths (which read it) are done with it. */
        private int[] namesAfterPaths(Background<PathIndex> bfs) {
            bfs.join();
            int[] names = deadNames;
            deadNames = null;
            return names;
        }
        int[] domPre;
        int[] domEnd;
        int[] instances;
        int[] groupStart;
        long[] topLevel;
        long[] groupRetained;
        int[] exemplars;
        GroupFacts[] facts;
        boolean[] declaredRoot;


        void run() {
            int[] roots = Arrays.copyOf(toInts(b.rootRefs, b.rootCount), b.rootCount);
            progress("dominators", 0.0);
            boolean keep = b.options.keepGraph();
            boolean big = n >= Background.PARALLEL_MIN_NODES;
            // the fastest plan the heap has room for: shortest paths beside the dominators or after
            // them, and the dominators' plain or lean working set
            boolean parallel;
            boolean lean;
            if (room(37)) {
                parallel = big;
                lean = false;
            } else if (room(29)) {
                parallel = big;
                lean = true;
            } else {
                parallel = false;
                lean = true;
            }
            // shortest paths (breadth-first) and dominators (depth-first) only read the edges: side by side
            deadNames = b.edgeName; // a field, not a local, so that it goes when the predecessor table takes it
            Background<PathIndex> bfs = Background.start("paths", parallel, () -> {
                PathIndex p = PathIndex.build(b, parallel ? new IntPool() : pool);
                if (!keep) {
                    b.edgeName = null; // the paths keep the names they need
                }
                return p;
            });
            d = Dominators.compute(n, b.edgeStart, b.edgeTarget, b.edgeFlags, b.nodeSize, roots,
                    b.rootCount, f -> progress("dominators", f), pool, length -> {
                        // the edge names are dead once the paths have them: their array can hold the predecessors
                        int[] names = keep ? null : namesAfterPaths(bfs);
                        return names != null && names.length >= length ? names : new int[length];
                    }, () -> {
                        if (!keep) {
                            b.edgeTarget = null; // the dominator phase has its predecessor table now
                            b.edgeFlags = null;
                            b.edgeStart = null;
                        }
                    }, lean);
            idom = d.idom;
            retained = d.retained;
            reached = d.reachedFromRoots;
            if (!keep) {
                b.nodeSize = null; // summed by group and retained by node: no longer read
            }
            paths = bfs.join();
            lap("shortest paths and dominators");
            declaredRoot = new boolean[n];
            for (int r : roots) {
                declaredRoot[r] = true;
            }
            progress("summarising", 0.3);
            walkDominatorTree(d.order);
            lap("dominator tree walk");
            progress("summarising", 0.6);
            collectFacts();
            pool.give(domPre);
            pool.give(domEnd);
            pool.give(instances);
            domPre = null;
            domEnd = null;
            instances = null;
            lap("facts");
        }

        /**
         * Returns true when the heap has room for the graph and a working set of {@code perNode}
         * bytes a node, with a twentieth to spare. Measured working sets: about 25 bytes a node
         * with the shortest paths after the dominators and the lean dominator pass, 29 with the
         * paths beside the lean pass, 37 with the paths beside the plain pass.
         */
        private boolean room(int perNode) {
            long graph = (long) n * (b.nodeId.width() + b.nodeSize.width() + 4 + 4) + 9L * b.edgeCount;
            long need = graph + (long) perNode * n;
            return need + need / 20 <= Runtime.getRuntime().maxMemory();
        }

        /**
         * Numbers the dominator tree in preorder (each subtree a contiguous range), lists each
         * group's instances in that order, and finds top-level instances, owners, group retained
         * sizes and exemplars. Linear passes over the depth-first order, in which a node's
         * dominator always comes before it: subtree sizes backwards, preorder ranges and nearest
         * real owners forwards, then one scan per group.
         */
        private void walkDominatorTree(int[] order) {
            int groups = keys.size();
            int infraBit = GraphBuilder.bit(TypeTrait.INFRASTRUCTURE);
            // subtree sizes, backwards
            int[] size = pool.take(n + 1);
            Arrays.fill(size, 0, n, 1);
            size[n] = 0;
            for (int w = n; w >= 1; w--) {
                int v = order[w];
                int p = idom[v];
                if (p != n) {
                    size[p] += size[v];
                }
            }
            lap("walk: subtree sizes");
            // preorder ranges, forwards: a child takes the next free slot of its dominator; the slot
            // counter of a node ends at the end of its range
            domPre = pool.take(n);
            domEnd = pool.take(n + 1);
            domEnd[n] = 0;
            int[] up = pool.take(n);
            for (int w = 1; w <= n; w++) {
                int v = order[w];
                int p = idom[v];
                int at = domEnd[p];
                domPre[v] = at;
                domEnd[p] = at + size[v];
                domEnd[v] = at + 1;
                up[v] = p == n ? -1 : (mergedTraits[mergedOfNode(p)] & infraBit) != 0 ? up[p] : p;
            }
            pool.give(order); // read for the last time: the instance list below can take its place
            lap("walk: preorder ranges and owners");
            // each group's instances in preorder
            int[] byPre = size;
            for (int v = 0; v < n; v++) {
                byPre[domPre[v]] = v;
            }
            groupStart = new int[groups + 1];
            for (int g = 0; g < groups; g++) {
                groupStart[g + 1] = groupStart[g] + (int) counts[g];
            }
            int[] cursor = Arrays.copyOf(groupStart, groups);
            instances = pool.take(n);
            for (int i = 0; i < n; i++) {
                int x = byPre[i];
                instances[cursor[groupOf[x]]++] = x;
            }
            pool.give(size);
            lap("walk: instances by group");
            topLevel = new long[(n + 63) >>> 6];
            groupRetained = new long[groups];
            exemplars = new int[groups * EXEMPLARS];
            Arrays.fill(exemplars, -1);
            owners = new ArrayList<>(groups);
            long[] ownerCount = new long[mergedNames.length];
            long[] ownerBytes = new long[mergedNames.length];
            int[] touched = new int[mergedNames.length];
            for (int g = 0; g < groups; g++) {
                int topEnd = -1;
                int owner = -1;
                int touchedCount = 0;
                for (int i = groupStart[g], end = groupStart[g + 1]; i < end; i++) {
                    int x = instances[i];
                    boolean top = domPre[x] >= topEnd;
                    if (top) {
                        topEnd = domEnd[x];
                        owner = up[x];
                        topLevel[x >>> 6] |= 1L << x;
                        groupRetained[g] += retained[x];
                        offerExemplar(g, x);
                    }
                    if (owner >= 0) {
                        int t = mergedOfNode(owner);
                        if (ownerCount[t] == 0) {
                            touched[touchedCount++] = t;
                        }
                        ownerCount[t]++;
                        if (top) {
                            ownerBytes[t] += retained[x];
                        }
                    }
                }
                List<GroupFacts.Owner> list = new ArrayList<>(touchedCount);
                for (int k = 0; k < touchedCount; k++) {
                    int t = touched[k];
                    list.add(new GroupFacts.Owner(GroupKey.of(mergedNames[t]), ownerCount[t], ownerBytes[t]));
                    ownerCount[t] = 0;
                    ownerBytes[t] = 0;
                }
                owners.add(topOwners(list));
            }
            pool.give(up);
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

        /** Keeps the group's top instances by retained size, ties broken by the smaller id. */
        private void offerExemplar(int g, int x) {
            int base = g * EXEMPLARS;
            long r = retained[x];
            int last = exemplars[base + EXEMPLARS - 1];
            if (last >= 0 && retained[last] > r) {
                return; // the usual case on big groups: decided without reading the node's id
            }
            long id = b.nodeId.get(x);
            int pos = EXEMPLARS;
            while (pos > 0) {
                int e = exemplars[base + pos - 1];
                if (e >= 0 && (retained[e] > r || (retained[e] == r && b.nodeId.get(e) < id))) {
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
                Optional<RetainerPath> path = ex < 0 ? Optional.empty() : paths.path(ex, graph, this::typeNameOf);
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
                int x = instances[i];
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
                while (x != n && countRemaining(from, k, x, exLo, exHi, excluded) * 2 <= remaining) {
                    x = idom[x];
                }
                while (x != n && (traitOf(x, TypeTrait.INFRASTRUCTURE) || groupOf[x] == g || insideTop(x, tops,
                        topCount))) {
                    x = idom[x];
                }
                if (x == n || declaredRoot[x] || traitOf(x, TypeTrait.SYNTHETIC)) {
                    break;
                }
                long held = countRemaining(from, k, x, exLo, exHi, excluded);
                if (round > 0 && held * 10 < k) {
                    break;
                }
                out.add(new GroupFacts.AccumulationPoint(b.nodeId.get(x), mergedNames[mergedOfNode(x)], held,
                        retained[x], paths.path(x, graph, this::typeNameOf)));
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
                if (domPre[instances[mid]] < pre) {
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
                return instances[from + (int) want];
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
                    return instances[pos + (int) want];
                }
                want -= next - pos;
                pos = next;
            }
        }
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
        ObjectIds[] ids = b.hasIdentities() ? identities() : null;
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
                        exemplars.add(b.nodeId.get(x));
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
    private ObjectIds[] identities() {
        int groups = keys.size();
        long[][] ids = new long[groups][];
        for (int g = 0; g < groups; g++) {
            ids[g] = new long[(int) counts[g]];
        }
        int[] fill = new int[groups];
        for (int v = 0; v < n; v++) {
            int g = groupOf[v];
            ids[g][fill[g]++] = b.nodeId.get(v);
        }
        ObjectIds[] out = new ObjectIds[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = ObjectIds.adoptUnsorted(ids[g]);
        }
        return out;
    }
}
