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
 * reaches; then every node still unreached (islands that only hold each other). An edge from such
 * an unreached node into a node the roots do reach does not count, so garbage cannot change the
 * dominators of live objects.
 *
 * <p>Working set: about 32 bytes per node and 4 per retaining edge, released on return.
 */
final class Dominators {

    private static final int SKIP = -1;

    /** The immediate dominator of each node ({@code n} for the super-root); index {@code n} holds {@code n}. */
    final int[] idom;
    /** Retained size of each node; index {@code n} holds the super-root's (the total). */
    final long[] retained;
    /** Nodes in DFS preorder from the super-root: {@code order[0] == n}. */
    final int[] order;
    /** How many vertices (super-root included) the declared roots reach. */
    final int reachedFromRoots;

    private Dominators(int[] idom, long[] retained, int[] order, int reachedFromRoots) {
        this.idom = idom;
        this.retained = retained;
        this.order = order;
        this.reachedFromRoots = reachedFromRoots;
    }

    interface Progress {
        void at(double fraction);
    }

    static Dominators compute(int n, int[] start, int[] target, byte[] flags, LongColumn sizes, int[] roots,
            int rootCount, Progress progress) {
        int total = n + 1;
        int superRoot = n;
        // retaining in-degree, without self edges
        int[] predStart = new int[total + 1];
        for (int v = 0; v < n; v++) {
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                    predStart[t]++;
                }
            }
        }
        progress.at(0.1);

        // depth-first numbering from the super-root
        int[] pre = new int[total];
        Arrays.fill(pre, -1);
        int[] vertex = new int[total];
        int[] parent = new int[total];
        long[] rootChild = new long[(total + 63) >>> 6];
        int[] stackNode = new int[total];
        int[] stackEdge = new int[total];
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
                count = dfs(r, count, start, target, flags, pre, vertex, parent, stackNode, stackEdge);
            }
        }
        int reached = count;
        if (count < total) {
            for (int v = 0; v < n; v++) {
                if (pre[v] < 0 && predStart[v] == 0) {
                    rootChild[v >>> 6] |= 1L << v;
                    count = dfs(v, count, start, target, flags, pre, vertex, parent, stackNode, stackEdge);
                }
            }
            for (int v = 0; v < n && count < total; v++) {
                if (pre[v] < 0) {
                    rootChild[v >>> 6] |= 1L << v;
                    count = dfs(v, count, start, target, flags, pre, vertex, parent, stackNode, stackEdge);
                }
            }
        }
        stackEdge = null;
        progress.at(0.3);

        // predecessors as preorder numbers, grouped by target node
        int sum = 0;
        for (int v = 0; v <= total; v++) {
            int c = predStart[v];
            predStart[v] = sum;
            sum += c;
        }
        int[] preds = new int[sum];
        for (int v = 0; v < n; v++) {
            int pv = pre[v];
            boolean unreached = pv >= reached;
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                    preds[predStart[t]++] = unreached && pre[t] < reached ? SKIP : pv;
                }
            }
        }
        for (int v = total; v > 0; v--) {
            predStart[v] = predStart[v - 1];
        }
        predStart[0] = 0;
        progress.at(0.5);

        // semi-dominators, processing vertices in reverse preorder
        int[] semi = new int[total];
        int[] label = new int[total];
        int[] ancestor = new int[total];
        for (int i = 0; i < total; i++) {
            semi[i] = i;
            label[i] = i;
        }
        Arrays.fill(ancestor, -1);
        int[] stack = stackNode;
        for (int w = total - 1; w >= 1; w--) {
            int node = vertex[w];
            int s = semi[w];
            if ((rootChild[node >>> 6] & (1L << node)) != 0) {
                s = 0;
            } else {
                for (int i = predStart[node], end = predStart[node + 1]; i < end; i++) {
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
            }
            semi[w] = s;
            ancestor[w] = parent[w];
        }
        preds = null;
        label = null;
        progress.at(0.8);

        // immediate dominators: walk up the DFS tree to the semi-dominator's level
        int[] idomPre = ancestor;
        idomPre[0] = 0;
        for (int w = 1; w < total; w++) {
            int d = parent[w];
            int sw = semi[w];
            while (d > sw) {
                d = idomPre[d];
            }
            idomPre[w] = d;
        }
        semi = null;

        long[] retained = new long[total];
        for (int v = 0; v < n; v++) {
            retained[v] = sizes.get(v);
        }
        int[] idom = parent;
        for (int w = 0; w < total; w++) {
            idom[vertex[w]] = vertex[idomPre[w]];
        }
        for (int w = total - 1; w >= 1; w--) {
            int v = vertex[w];
            retained[idom[v]] += retained[v];
        }
        idom[superRoot] = superRoot;
        progress.at(1.0);
        return new Dominators(idom, retained, vertex, reached);
    }

    private static int dfs(int from, int count, int[] start, int[] target, byte[] flags, int[] pre, int[] vertex,
            int[] parent, int[] stackNode, int[] stackEdge) {
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
                if (t != v && (f & GraphBuilder.NO_RETAIN) == 0 && pre[t] < 0) {
                    next = t;
                    break;
                }
            }
            stackEdge[sp - 1] = e;
            if (next < 0) {
                sp--;
                continue;
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

    private static void compress(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] >= 0) {
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
}
