package io.github.heapdiff.graph;

import io.github.heapdiff.RetainerPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Shortest retainer paths from the GC roots to every node, from one breadth-first search over
 * retaining edges, kept compactly per node (the node it was reached from and the name and kind of
 * that edge: 9 bytes a node) so that the graph's edge arrays can be released before the
 * dominator phase.
 *
 * <p>The index is over node indexes ({@link #build}) or over the depth-first numbers of the
 * dominator pass ({@link #buildNumbered}); a {@link Naming} tells how to show the objects of its
 * index space.
 */
final class PathIndex {

    /** The most steps a path may have; longer chains (deep linked lists) are not reported. */
    static final int MAX_PATH = 1000;

    private static final int UNREACHED = -1;
    private static final int ROOT = -2;

    private final GraphBuilder b;
    private final int[] from;
    private final int[] name;
    private final byte[] kind;

    /** How to show an object of the index's space on a path. */
    interface Naming {
        /** The root kind of a root. */
        String rootKind(int index);

        /** What a step shows for the object: its label, else its type name. */
        String display(int index);

        /** The object's id. */
        long id(int index);
    }

    private PathIndex(GraphBuilder b, int[] from, int[] name, byte[] kind) {
        this.b = b;
        this.from = from;
        this.name = name;
        this.kind = kind;
    }

    /** The index over node indexes, from the builder's edges (which hold node indexes). */
    static PathIndex build(GraphBuilder b, IntPool pool) {
        int n = b.nodeCount;
        int[] roots = new int[b.rootCount];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = (int) b.rootRefs[i];
        }
        return search(b, n, roots, null, b.edgeStart, b.edgeTarget, b.edgeName, b.edgeFlags, pool);
    }

    /**
     * The index over depth-first numbers ({@code 1 .. n}; 0 is the dominator pass's super-root and
     * never on a path), from edges whose retaining targets hold those numbers.
     *
     * @param vertex the node of each number, to find its edges
     * @param rootNumbers the number of each declared root, in order
     */
    static PathIndex buildNumbered(GraphBuilder b, int[] vertex, int[] rootNumbers, int[] start, int[] target,
            int[] names, byte[] flags, IntPool pool) {
        return search(b, b.nodeCount + 1, rootNumbers, vertex, start, target, names, flags, pool);
    }

    private static PathIndex search(GraphBuilder b, int size, int[] roots, int[] vertex, int[] start, int[] target,
            int[] names, byte[] flags, IntPool pool) {
        int[] from = pool.take(Math.max(1, size));
        Arrays.fill(from, 0, size, UNREACHED);
        int[] name = new int[size];
        byte[] kind = new byte[size];
        int[] queue = pool.take(Math.max(1, size));
        int head = 0;
        int tail = 0;
        for (int r : roots) {
            if (from[r] == UNREACHED) {
                from[r] = ROOT;
                queue[tail++] = r;
            }
        }
        while (head < tail) {
            int x = queue[head++];
            int v = vertex == null ? x : vertex[x];
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int f = flags[e];
                if ((f & GraphBuilder.NO_RETAIN) == 0) {
                    int t = target[e];
                    if (from[t] == UNREACHED) {
                        from[t] = x;
                        name[t] = names[e];
                        kind[t] = (byte) (f & GraphBuilder.KIND_MASK);
                        queue[tail++] = t;
                    }
                }
            }
        }
        pool.give(queue);
        return new PathIndex(b, from, name, kind);
    }

    /** Returns true when a root reaches {@code index} over retaining edges. */
    boolean reaches(int index) {
        return from[index] != UNREACHED;
    }

    /** The shortest retainer path to {@code index}, its steps shown by {@code naming}. */
    Optional<RetainerPath> path(int index, Naming naming) {
        if (from[index] == UNREACHED) {
            return Optional.empty();
        }
        List<Integer> chain = new ArrayList<>();
        for (int v = index; v >= 0; v = from[v]) {
            chain.add(v);
            if (chain.size() > MAX_PATH) {
                return Optional.empty();
            }
        }
        List<RetainerPath.Step> steps = new ArrayList<>(chain.size());
        int root = chain.get(chain.size() - 1);
        steps.add(new RetainerPath.Step(naming.rootKind(root), naming.display(root), naming.id(root)));
        for (int i = chain.size() - 2; i >= 0; i--) {
            int v = chain.get(i);
            steps.add(new RetainerPath.Step(render(b, EdgeKind.of(kind[v]), name[v]), naming.display(v),
                    naming.id(v)));
        }
        return Optional.of(new RetainerPath(steps));
    }

    /** An edge name for display: the string, {@code [i]} for indexed kinds, {@code ?} when unknown. */
    static String render(GraphBuilder b, EdgeKind kind, int name) {
        if (kind.isIndexed()) {
            return "[" + name + "]";
        }
        String[] s = b.strings;
        return name >= 0 && name < s.length && s[name] != null ? s[name] : "?";
    }
}
