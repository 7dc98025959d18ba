package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * The dominator tree and retained sizes of a heap graph, by the semi-NCA algorithm (semi-dominators
 * as in Lengauer-Tarjan with path compression, then immediate dominators as nearest common
 * ancestors) over primitive arrays.
 *
 * <p>A virtual super-root (index {@code n}) has an edge to every declared GC root, in order. Only
 * edges that retain count, and never an edge from a node to itself. Nodes the roots do not reach
 * hang off the super-root, as Chrome DevTools and memlab treat them: first, in index order, each
 * unreached node without a retaining referrer (only weak ones, or none) with everything it alone
 * reaches; then, in index order, every node still unreached with what it reaches (islands that
 * only hold each other hang off the root by their first node). An edge from such an unreached
 * node into a node the roots do reach does not count, so garbage cannot change the dominators of
 * live objects.
 *
 * <p>The semi-dominator pass works on nodes renumbered in depth-first order, with the reverse
 * (predecessor) table grouped by that number, so that it scans memory in order. Working set:
 * about 32 bytes per node and 4 per retaining edge; the dead working arrays go back to the
 * {@link IntPool} for the next phase.
 */
final class Dominators {

    private static final int SKIP = -1;

    /** The immediate dominator of each node ({@code n} for the super-root); index {@code n} holds {@code n}. */
    final int[] idom;
    /** Retained size of each node; index {@code n} holds the super-root's (the total). */
    final long[] retained;
    /** How many vertices (super-root included) the declared roots reach. */
    final int reachedFromRoots;
    /** All vertices in depth-first preorder ({@code order[0]} is the super-root): a node's dominator comes before it. */
    final int[] order;

    private Dominators(int[] idom, long[] retained, int reachedFromRoots, int[] order) {
        this.idom = idom;
        this.retained = retained;
        this.reachedFromRoots = reachedFromRoots;
        this.order = order;
    }

    /** Receives the fraction of the work done, and can log how long each part took. */
    interface Progress {
        void at(double fraction);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Dominators.class);

    private static long lap(long since, String what) {
        long now = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("dominators: {} in {} ms", what, (now - since) / 1_000_000);
        }
        return now;
    }

    static Dominators compute(int n, int[] start, int[] target, byte[] flags, LongColumn sizes, int[] roots,
            int rootCount, Progress progress, IntPool pool, boolean lean) {
        return compute(n, start, target, flags, sizes, roots, rootCount, progress, pool, length -> new int[length],
                () -> { }, lean);
    }

    /**
     * As above; {@code predecessorTable} supplies the (largest) array of the computation, at least
     * as long as asked, so that a caller can lend one that is dead by then, and {@code edgesDone}
     * runs once the edges are no longer read (the caller may release them). {@code lean} trades
     * time for a lower peak, for heaps without room to spare: in-degrees are counted in a pass of
     * their own rather than held through the depth-first pass, the preorder-to-node array is
     * dropped while the edges are held and rebuilt after, and the pool's int arrays are let go
     * before the long retained sizes are allocated. The results are the same either way.
     */
    static Dominators compute(int n, int[] start, int[] target, byte[] flags, LongColumn sizes, int[] roots,
            int rootCount, Progress progress, IntPool pool, java.util.function.IntFunction<int[]> predecessorTable,
            Runnable edgesDone, boolean lean) {
        long clock = System.nanoTime();
        int total = n + 1;
        int superRoot = n;
        // depth-first numbering from the super-root, counting retaining in-degrees on the way unless
        // lean (every edge of every node is scanned exactly once); rootChild marks the super-root's edges
        int[] inCount = null;
        if (!lean) {
            inCount = pool.take(total);
            Arrays.fill(inCount, 0, total, 0);
        }
        int[] pre = pool.take(total);
        Arrays.fill(pre, 0, total, -1);
        int[] vertex = pool.take(total);
        int[] parent = pool.take(total);
        long[] rootChild = new long[(total + 63) >>> 6];
        Stack stack = new Stack();
        pre[superRoot] = 0;
        vertex[0] = superRoot;
        parent[0] = 0;
        int count = 1;
        for (int i = 0; i < rootCount; i++) {
            int r = roots[i];
            rootChild[r >>> 6] |= 1L << r;
        }
        for (int i = 0; i < rootCount; i++) {
            int r = roots[i];
            if (pre[r] < 0) {
                count = dfs(r, count, start, target, flags, pre, vertex, parent, stack, inCount);
            }
        }
        int reached = count;
        if (count < total) {
            count = unreached(n, count, start, target, flags, pre, vertex, parent, stack, inCount, rootChild);
        }
        progress.at(0.3);
        clock = lap(clock, "depth-first numbering");

        // predecessors as preorder numbers, grouped by the target's preorder number. Lean: retaining
        // in-degrees counted by preorder in a pass of their own, then summed up; and vertex
        // (preorder to node), the inverse of pre, goes now, at the peak, to be rebuilt from pre
        // once the edges are released. (Arrays given back are dropped from the locals too, so that
        // only the pool holds them.)
        int[] predStart;
        if (lean) {
            pool.give(vertex);
            vertex = null;
            predStart = pool.take(total + 1);
            Arrays.fill(predStart, 0, total + 1, 0);
            countPredecessors(n, start, target, flags, pre, predStart);
            for (int w = 1; w <= total; w++) {
                predStart[w] += predStart[w - 1];
            }
        } else {
            predStart = pool.take(total + 1);
            int sum = 0;
            for (int w = 0; w < total; w++) {
                predStart[w] = sum;
                sum += w == 0 ? 0 : inCount[vertex[w]];
            }
            predStart[total] = sum;
            pool.give(inCount);
            inCount = null;
        }
        int sum = predStart[total];
        int[] preds = predecessorTable.apply(sum);
        predecessors(n, reached, start, target, flags, pre, predStart, preds);
        start = null;
        target = null;
        flags = null;
        edgesDone.run();
        if (vertex == null) {
            vertex = pool.take(total);
            for (int v = 0; v < total; v++) {
                vertex[pre[v]] = v;
            }
        }
        long[] rootChildPre = rootChildrenByPreorder(total, vertex, rootChild);
        pool.give(pre); // the inverse of vertex; rebuilt at the end
        pre = null;
        progress.at(0.5);
        clock = lap(clock, "predecessor table");

        // semi-dominators, processing vertices in reverse preorder
        int[] semi = pool.take(total);
        int[] label = pool.take(total);
        int[] ancestor = pool.take(total);
        semiDominators(total, parent, predStart, preds, rootChildPre, semi, label, ancestor, stack);
        preds = null;
        pool.give(label);
        label = null;
        pool.give(predStart);
        predStart = null;
        progress.at(0.8);
        clock = lap(clock, "semi-dominators");

        int[] idomPre = ancestor;
        immediateDominators(total, parent, semi, idomPre);
        pool.give(semi);
        semi = null;
        clock = lap(clock, "immediate dominators");

        int[] idom = parent;
        if (lean) {
            // the int arrays left in the pool cannot hold the long retained sizes: let them go first,
            // so that this allocation does not raise the peak (later phases allocate what they need)
            pool.clear();
        }
        long[] retained = new long[total];
        retainedSizes(n, vertex, idomPre, idom, sizes, retained);
        pool.give(idomPre);
        lap(clock, "retained sizes");
        progress.at(1.0);
        return new Dominators(idom, retained, reached, vertex);
    }

    /**
     * Adds, at {@code predStart[pre[t] + 1]}, one for every retaining edge into each vertex {@code t}
     * (self edges excluded): the sizes of the predecessor table's groups.
     */
    private static void countPredecessors(int n, int[] start, int[] target, byte[] flags, int[] pre, int[] predStart) {
        for (int v = 0; v < n; v++) {
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                    predStart[pre[t] + 1]++;
                }
            }
        }
    }

    /** Hangs the nodes the roots do not reach off the super-root (see the class comment); returns the count. */
    private static int unreached(int n, int count, int[] start, int[] target, byte[] flags, int[] pre, int[] vertex,
            int[] parent, Stack stack, int[] inCount, long[] rootChild) {
        int total = n + 1;
        int c = count;
        // which unreached nodes have a retaining referrer? (reached nodes never point at them)
        long[] referred = new long[(total + 63) >>> 6];
        for (int v = 0; v < n; v++) {
            if (pre[v] < 0) {
                for (int e = start[v], end = start[v + 1]; e < end; e++) {
                    int t = target[e];
                    if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                        referred[t >>> 6] |= 1L << t;
                    }
                }
            }
        }
        for (int v = 0; v < n; v++) {
            if (pre[v] < 0 && (referred[v >>> 6] & (1L << v)) == 0) {
                rootChild[v >>> 6] |= 1L << v;
                c = dfs(v, c, start, target, flags, pre, vertex, parent, stack, inCount);
            }
        }
        referred = null;
        for (int v = 0; v < n && c < total; v++) {
            if (pre[v] < 0) {
                rootChild[v >>> 6] |= 1L << v;
                c = dfs(v, c, start, target, flags, pre, vertex, parent, stack, inCount);
            }
        }
        return c;
    }

    /** Fills the predecessor table; an edge from an unreached node into a reached one is skipped. */
    private static void predecessors(int n, int reached, int[] start, int[] target, byte[] flags, int[] pre,
            int[] predStart, int[] preds) {
        for (int v = 0; v < n; v++) {
            int pv = pre[v];
            boolean unreached = pv >= reached;
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                    int pt = pre[t];
                    preds[predStart[pt]++] = unreached && pt < reached ? SKIP : pv;
                }
            }
        }
        for (int w = n + 1; w > 0; w--) {
            predStart[w] = predStart[w - 1];
        }
        predStart[0] = 0;
    }

    /** The super-root's edges, by preorder number: their targets' semi-dominator is the super-root. */
    private static long[] rootChildrenByPreorder(int total, int[] vertex, long[] rootChild) {
        long[] byPre = new long[rootChild.length];
        for (int w = 1; w < total; w++) {
            int v = vertex[w];
            if ((rootChild[v >>> 6] & (1L << v)) != 0) {
                byPre[w >>> 6] |= 1L << w;
            }
        }
        return byPre;
    }

    private static void semiDominators(int total, int[] parent, int[] predStart, int[] preds, long[] rootChildPre,
            int[] semi, int[] label, int[] ancestor, Stack stack) {
        for (int w = 0; w < total; w++) {
            semi[w] = w;
            label[w] = w;
            ancestor[w] = -1;
        }
        for (int w = total - 1; w >= 1; w--) {
            if ((rootChildPre[w >>> 6] & (1L << w)) != 0) {
                semi[w] = 0;
            } else {
                int s = semi[w];
                for (int i = predStart[w], end = predStart[w + 1]; i < end; i++) {
                    int v = preds[i];
                    if (v == SKIP) {
                        continue;
                    }
                    int u;
                    if (ancestor[v] < 0) {
                        u = v;
                    } else {
                        compress(v, ancestor, label, semi, stack);
                        u = label[v];
                    }
                    if (semi[u] < s) {
                        s = semi[u];
                    }
                }
                semi[w] = s;
            }
            ancestor[w] = parent[w];
        }
    }

    /** Immediate dominators in preorder space: walk up the DFS tree to the semi-dominator's level. */
    private static void immediateDominators(int total, int[] parent, int[] semi, int[] idomPre) {
        idomPre[0] = 0;
        for (int w = 1; w < total; w++) {
            int d = parent[w];
            int sw = semi[w];
            while (d > sw) {
                d = idomPre[d];
            }
            idomPre[w] = d;
        }
    }

    /**
     * Dominators in node space, and retained sizes: every vertex is added to its dominator in
     * reverse preorder (a vertex's dominator comes before it), so a dominator has everything below
     * it before it is added.
     */
    private static void retainedSizes(int n, int[] vertex, int[] idomPre, int[] idom, LongColumn sizes,
            long[] retained) {
        int total = n + 1;
        for (int w = 0; w < total; w++) {
            idom[vertex[w]] = vertex[idomPre[w]];
        }
        for (int v = 0; v < n; v++) {
            retained[v] = sizes.get(v);
        }
        for (int w = total - 1; w >= 1; w--) {
            int v = vertex[w];
            retained[idom[v]] += retained[v];
        }
        idom[n] = n;
    }

    private static int dfs(int from, int count, int[] start, int[] target, byte[] flags, int[] pre, int[] vertex,
            int[] parent, Stack stack, int[] inCount) {
        int[] stackNode = stack.node;
        int[] stackEdge = stack.edge;
        int c = count;
        pre[from] = c;
        vertex[c] = from;
        parent[c] = 0;
        c++;
        int sp = 0;
        stackNode[sp] = from;
        stackEdge[sp] = start[from];
        sp++;
        while (sp > 0) {
            int v = stackNode[sp - 1];
            int e = stackEdge[sp - 1];
            int end = start[v + 1];
            int next = -1;
            while (e < end) {
                int t = target[e];
                int f = flags[e];
                e++;
                if (t != v && (f & GraphBuilder.NO_RETAIN) == 0) {
                    if (inCount != null) {
                        inCount[t]++;
                    }
                    if (pre[t] < 0) {
                        next = t;
                        break;
                    }
                }
            }
            stackEdge[sp - 1] = e;
            if (next < 0) {
                sp--;
                continue;
            }
            if (sp == stackNode.length) {
                stack.grow();
                stackNode = stack.node;
                stackEdge = stack.edge;
            }
            pre[next] = c;
            vertex[c] = next;
            parent[c] = pre[v];
            c++;
            stackNode[sp] = next;
            stackEdge[sp] = start[next];
            sp++;
        }
        return c;
    }

    private static void compress(int v, int[] ancestor, int[] label, int[] semi, Stack stacks) {
        int[] stack = stacks.node;
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] >= 0) {
            if (sp == stack.length) {
                stacks.grow();
                stack = stacks.node;
            }
            stack[sp++] = x;
            x = ancestor[x];
        }
        while (sp > 0) {
            x = stack[--sp];
            int a = ancestor[x];
            if (semi[label[a]] < semi[label[x]]) {
                label[x] = label[a];
            }
            ancestor[x] = ancestor[a];
        }
    }

    /**
     * The depth-first and path-compression stacks: they grow as deep as the graph goes rather than
     * taking a node's worth of room up front (two arrays of n ints that most graphs never fill).
     */
    private static final class Stack {
        int[] node = new int[1 << 12];
        int[] edge = new int[1 << 12];

        void grow() {
            int n = node.length * 2;
            node = Arrays.copyOf(node, n);
            edge = Arrays.copyOf(edge, n);
        }
    }
}
