package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * The dominator tree and retained sizes of a heap graph, by the semi-NCA algorithm (semi-dominators
 * as in Lengauer-Tarjan with path compression, then immediate dominators as nearest common
 * ancestors) over primitive arrays.
 *
 * <p>A virtual super-root has an edge to every declared GC root, in order. Only edges that retain
 * count, and never an edge from a node to itself. Nodes the roots do not reach hang off the
 * super-root, as Chrome DevTools and memlab treat them: first, in index order, each unreached node
 * without a retaining referrer (only weak ones, or none) with everything it alone reaches; then,
 * in index order, every node still unreached with what it reaches (islands that only hold each
 * other hang off the root by their first node). An edge from such an unreached node into a node
 * the roots do reach does not count, so garbage cannot change the dominators of live objects.
 *
 * <h2>Depth-first numbers</h2>
 * Everything after the depth-first pass works on <em>depth-first numbers</em> ({@code w}: the
 * super-root is 0, the nodes 1 to n in depth-first preorder) rather than on node indexes, and
 * the pass rewrites the target of every retaining edge into that number as it scans it, and the
 * target of every edge that does not retain into {@code ~node} (negative: the later passes over the
 * edges tell the two apart by the sign, without reading the edge's flags; {@link #restoreTargets}
 * turns them all back). A node's dominator comes before it in this order, and a dominator tree is
 * mostly the depth-first tree, so the later passes (predecessors, semi-dominators, retained sizes
 * and the walks of the caller over the tree) read memory nearly in order, where node indexes
 * follow the dump's order and would read it at random.
 *
 * <p>The caller drives the steps in order: {@link #number}, then {@link #predecessors} (after
 * which the edges are no longer read), {@link #dominators}, {@link #retainedSizes}. Working set:
 * 16 bytes a node for the numbering (the in-degrees among them), 4 a retaining edge for the predecessor table,
 * 12 a node for the semi-dominators (the parents among them); dead working arrays go back to the {@link IntPool}.
 */
final class Dominators {

    private static final int SKIP = -1;

    /** The number of nodes; depth-first numbers run from 0 (the super-root) to {@code n}. */
    final int n;
    /** The node of each depth-first number ({@code vertex[0] == n}, the super-root). */
    int[] vertex;
    /** The depth-first number of each node; dropped by the caller with {@link #dropPreorder} once it has what it needs. */
    int[] pre;
    /** How many depth-first numbers (super-root included) the declared roots reach: those below it. */
    int reached;
    /** The depth-first number of each declared root, in the order given. */
    int[] rootNumbers;
    /** The immediate dominator of each depth-first number ({@code idom[0] == 0}); after {@link #dominators}. */
    int[] idom;
    /** The retained size of each depth-first number ({@code retained[0]} is the total); after {@link #retainedSizes}. */
    long[] retained;

    private int[] parent;
    /** The super-root's edges, by depth-first number. */
    private long[] rootChild;
    private int[] predStart;
    private int[] preds;
    /**
     * The retaining in-degree of each depth-first number (self edges excluded), counted by the
     * numbering as it scans the edges; the predecessor table turns it into its starts.
     */
    private int[] inDegree;

    private Dominators(int n) {
        this.n = n;
    }

    /**
     * The depth-first numbering from the super-root (every edge of every node is scanned exactly
     * once), rewriting retaining edge targets to depth-first numbers and counting each number's
     * retaining in-degree for {@link #predecessors} (which then need not scan the edges twice).
     */
    static Dominators number(int n, int[] start, int[] target, byte[] flags, int[] roots, int rootCount,
            IntPool pool) {
        Dominators d = new Dominators(n);
        int total = n + 1;
        int[] pre = pool.take(total);
        Arrays.fill(pre, 0, total, -1);
        int[] vertex = pool.take(total);
        int[] parent = pool.take(total);
        int[] inDegree = pool.take(total + 1);
        Arrays.fill(inDegree, 0, total + 1, 0);
        long[] rootChild = new long[(total + 63) >>> 6];
        Stack stack = new Stack();
        pre[n] = 0;
        vertex[0] = n;
        parent[0] = 0;
        int count = 1;
        for (int i = 0; i < rootCount; i++) {
            int r = roots[i];
            if (pre[r] < 0) {
                count = dfs(r, count, start, target, flags, pre, vertex, parent, inDegree, stack);
            }
            rootChild[pre[r] >>> 6] |= 1L << pre[r];
        }
        d.reached = count;
        if (count < total) {
            count = unreached(n, count, start, target, flags, pre, vertex, parent, inDegree, stack, rootChild);
        }
        int[] rootNumbers = new int[rootCount];
        for (int i = 0; i < rootCount; i++) {
            rootNumbers[i] = pre[roots[i]];
        }
        d.pre = pre;
        d.vertex = vertex;
        d.parent = parent;
        d.inDegree = inDegree;
        d.rootChild = rootChild;
        d.rootNumbers = rootNumbers;
        return d;
    }

    /** Gives the node-to-number array back to the pool (the caller is done mapping nodes to numbers). */
    void dropPreorder(IntPool pool) {
        pool.give(pre);
        pre = null;
    }

    /** Hangs the nodes the roots do not reach off the super-root (see the class comment); returns the count. */
    private static int unreached(int n, int count, int[] start, int[] target, byte[] flags, int[] pre, int[] vertex,
            int[] parent, int[] inDegree, Stack stack, long[] rootChild) {
        int total = n + 1;
        int c = count;
        // one pass over the numbers: the unreached nodes in a bitmap (a dump of live objects has few),
        // and which of them have a retaining referrer (reached nodes never point at them; the edges
        // of unreached nodes still hold node indexes, as nothing has scanned them yet)
        long[] referred = new long[(total + 63) >>> 6];
        long[] unreached = new long[(total + 63) >>> 6];
        for (int v = 0; v < n; v++) {
            if (pre[v] < 0) {
                unreached[v >>> 6] |= 1L << v;
                for (int e = start[v], end = start[v + 1]; e < end; e++) {
                    int t = target[e];
                    if (t != v && (flags[e] & GraphBuilder.NO_RETAIN) == 0) {
                        referred[t >>> 6] |= 1L << t;
                    }
                }
            }
        }
        // two rounds over the bitmap, in index order: first those without a retaining referrer,
        // then whatever is still unnumbered
        for (int round = 0; round < 2; round++) {
            for (int word = 0; word < unreached.length; word++) {
                long bits = round == 0 ? unreached[word] & ~referred[word] : unreached[word];
                for (; bits != 0; bits &= bits - 1) {
                    int v = (word << 6) + Long.numberOfTrailingZeros(bits);
                    if (pre[v] < 0) {
                        rootChild[c >>> 6] |= 1L << c;
                        c = dfs(v, c, start, target, flags, pre, vertex, parent, inDegree, stack);
                    }
                }
            }
        }
        return c;
    }

    /**
     * Fills the predecessor table: for each depth-first number with more than one retaining
     * edge into it, the numbers of the nodes those edges come from (an edge from an unreached
     * node into a reached one as {@link #SKIP}). A number with one retaining edge into it is
     * left out: that edge comes from its depth-first parent, which is then its semi-dominator
     * and its immediate dominator (most objects of a heap have one referrer). {@code table}
     * supplies the array for the entries, at least as long as asked (a caller can lend one that
     * is dead by then). Reads the edges for the last time.
     */
    void predecessors(int[] start, int[] target, IntPool pool,
            java.util.function.IntFunction<int[]> table) {
        int total = n + 1;
        int[] vertex = this.vertex;
        // the retaining in-degrees the numbering counted become the cursors
        int[] pos = inDegree;
        inDegree = null;
        // where each number's entries start; -1 for a number left out (one edge in, or none)
        int sum = 0;
        for (int w = 0; w < total; w++) {
            int c = pos[w];
            if (c > 1) {
                pos[w] = sum;
                sum += c;
            } else {
                pos[w] = -1;
            }
        }
        int[] p = table.apply(sum);
        int lastReached = reached;
        for (int w = 1; w < total; w++) {
            int v = vertex[w];
            boolean unreached = w >= lastReached;
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                if (t >= 0 && t != w) { // a number: retains
                    int at = pos[t];
                    if (at >= 0) {
                        p[at] = unreached && t < lastReached ? SKIP : w;
                        pos[t] = at + 1;
                    }
                }
            }
        }
        // each stored number's cursor ends at the end of its entries: turn ends back into starts
        // (a left-out number gets an empty range)
        int previous = 0;
        for (int w = 0; w < total; w++) {
            int end = pos[w];
            pos[w] = previous;
            if (end >= 0) {
                previous = end;
            }
        }
        pos[total] = sum;
        predStart = pos;
        preds = p;
    }

    /** Semi-dominators, then immediate dominators: fills {@link #idom}; releases the predecessor table. */
    void dominators(IntPool pool) {
        int total = n + 1;
        int[] label = pool.take(total);
        int[] ancestor = pool.take(total);
        semiDominators(total, parent, predStart, preds, rootChild, label, ancestor, new Stack());
        pool.give(label);
        int[] idomPre = ancestor;
        immediateDominators(total, parent, predStart, preds, rootChild, idomPre);
        pool.give(preds); // usually the longest dead array: a later step may take it
        preds = null;
        pool.give(predStart);
        predStart = null;
        pool.give(parent);
        parent = null;
        rootChild = null;
        idom = idomPre;
    }

    /**
     * Retained sizes from each depth-first number's shallow size (index 0, the super-root, holds
     * nothing of its own): every number is added to its dominator in reverse order (a number's
     * dominator comes before it), so a dominator has everything below it before it is added.
     */
    void retainedSizes(long[] sizes) {
        int[] d = idom;
        for (int w = n; w >= 1; w--) {
            sizes[d[w]] += sizes[w];
        }
        retained = sizes;
    }

    /**
     * {@link #retainedSizes} over unsigned ints, in place, for sizes whose sum is below 2^32 (so
     * is every retained size). Leaves {@link #retained} null.
     */
    void retainedSizesNarrow(int[] sizes) {
        int[] d = idom;
        for (int w = n; w >= 1; w--) {
            sizes[d[w]] += sizes[w];
        }
    }

    /** Turns the edge targets back into node indexes (a graph kept for queries): numbers and {@code ~node} alike. */
    void restoreTargets(int[] target, int edges) {
        int[] vertex = this.vertex;
        for (int e = 0; e < edges; e++) {
            int t = target[e];
            target[e] = t >= 0 ? vertex[t] : ~t;
        }
    }

    /**
     * Semi-dominators, by the semi-NCA way with the labels holding semi-dominator numbers rather
     * than the numbers of the nodes that have them: {@code label[x]} is the least semi-dominator
     * on the compressed path from {@code x}, which is all that evaluating a predecessor needs (one
     * read where the node's number would take two). A number's own semi-dominator is kept for
     * {@link #immediateDominators} where {@link #semiOf} finds it: in the first entry of its
     * predecessors (read for the last time just before), or implied (0 for a child of the
     * super-root, the depth-first parent for a number left out of the table).
     */
    private static void semiDominators(int total, int[] parent, int[] predStart, int[] preds, long[] rootChild,
            int[] label, int[] ancestor, Stack stack) {
        for (int w = 0; w < total; w++) {
            label[w] = w;
            ancestor[w] = -1;
        }
        for (int w = total - 1; w >= 1; w--) {
            int from = predStart[w];
            int end = predStart[w + 1];
            int s;
            if ((rootChild[w >>> 6] & (1L << w)) != 0) {
                s = 0;
            } else if (from == end) {
                s = parent[w]; // the only edge in comes from the depth-first parent
            } else {
                s = w;
                for (int i = from; i < end; i++) {
                    int v = preds[i];
                    if (v == SKIP) {
                        continue;
                    }
                    // a number not yet linked is its own semi-dominator's bound: v itself
                    if (ancestor[v] >= 0) {
                        compress(v, ancestor, label, stack);
                        v = label[v];
                    }
                    if (v < s) {
                        s = v;
                    }
                }
                preds[from] = s;
            }
            label[w] = s;
            ancestor[w] = parent[w];
        }
    }

    /** The semi-dominator of number {@code w} once {@link #semiDominators} has run. */
    private static int semiOf(int w, int[] parent, int[] predStart, int[] preds, long[] rootChild) {
        if ((rootChild[w >>> 6] & (1L << w)) != 0) {
            return 0;
        }
        int from = predStart[w];
        return from == predStart[w + 1] ? parent[w] : preds[from];
    }

    /** Immediate dominators: walk up the depth-first tree to the semi-dominator's level. */
    private static void immediateDominators(int total, int[] parent, int[] predStart, int[] preds, long[] rootChild,
            int[] idom) {
        idom[0] = 0;
        for (int w = 1; w < total; w++) {
            int d = parent[w];
            int sw = semiOf(w, parent, predStart, preds, rootChild);
            while (d > sw) {
                d = idom[d];
            }
            idom[w] = d;
        }
    }

    /**
     * Numbers what {@code from} reaches over retaining edges, depth first, from {@code count} on;
     * rewrites each retaining edge target it scans to the target's number. Returns the next free
     * number.
     */
    private static int dfs(int from, int count, int[] start, int[] target, byte[] flags, int[] pre, int[] vertex,
            int[] parent, int[] inDegree, Stack stack) {
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
            int vw = pre[v];
            int next = -1;
            while (e < end) {
                int t = target[e];
                int f = flags[e];
                e++;
                if ((f & GraphBuilder.NO_RETAIN) == 0) {
                    int pt = pre[t];
                    if (pt < 0) {
                        next = t;
                        target[e - 1] = c;
                        inDegree[c]++;
                        break;
                    }
                    target[e - 1] = pt;
                    if (pt != vw) {
                        inDegree[pt]++;
                    }
                } else {
                    target[e - 1] = ~t; // does not retain: negative from here on
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
            parent[c] = vw;
            c++;
            stackNode[sp] = next;
            stackEdge[sp] = start[next];
            sp++;
        }
        return c;
    }

    private static void compress(int v, int[] ancestor, int[] label, Stack stacks) {
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
            if (label[a] < label[x]) {
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
