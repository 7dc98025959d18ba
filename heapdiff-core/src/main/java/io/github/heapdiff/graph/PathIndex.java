package io.github.heapdiff.graph;

import io.github.heapdiff.RetainerPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Shortest retainer paths from the GC roots to every node, from one breadth-first search over
 * retaining edges, kept compactly per node so that the graph's edge arrays can be released
 * before the dominator phase: one long a node holding the node it was reached from and the kind
 * and name of that edge (names outside 0 to 2^28 - 1, rare, in a side table).
 *
 * <p>The index is over node indexes ({@link #build}) or over the depth-first numbers of the
 * dominator pass ({@link #buildNumbered}); a {@link Naming} tells how to show the objects of its
 * index space.
 */
final class PathIndex {

    /** The most steps a path may have; longer chains (deep linked lists) are not reported. */
    static final int MAX_PATH = 1000;

    private static final int ROOT = -2;
    /** An entry no root reaches: from -1, all bits set. */
    private static final long UNREACHED = -1L;
    private static final int NAME_BITS = 28;
    private static final int NAME_MASK = (1 << NAME_BITS) - 1;
    /** The name bits of an entry whose name is in the side table. */
    private static final int NAME_ELSEWHERE = NAME_MASK;

    private final GraphBuilder b;
    /** Per index: the index reached from (high 32 bits), the edge's kind (4 bits) and name (28 bits). */
    private final long[] entries;
    /** Names that do not fit an entry, by index. */
    private final java.util.Map<Integer, Integer> otherNames;

    /** How to show an object of the index's space on a path. */
    interface Naming {
        /** The root kind of a root. */
        String rootKind(int index);

        /** What a step shows for the object: its label, else its type name. */
        String display(int index);

        /** The object's id. */
        long id(int index);
    }

    private PathIndex(GraphBuilder b, long[] entries, java.util.Map<Integer, Integer> otherNames) {
        this.b = b;
        this.entries = entries;
        this.otherNames = otherNames;
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
        long[] entries = new long[Math.max(1, size)];
        Arrays.fill(entries, UNREACHED);
        java.util.Map<Integer, Integer> other = new java.util.HashMap<>();
        int[] queue = pool.take(Math.max(1, size));
        // which indexes are reached, a bit each: the test every edge makes reads this bitmap
        // (small enough to stay in a core's cache) rather than the entry itself
        long[] seen = new long[(Math.max(1, size) + 63) >>> 6];
        int head = 0;
        int tail = 0;
        for (int r : roots) {
            if ((seen[r >>> 6] & (1L << r)) == 0) {
                seen[r >>> 6] |= 1L << r;
                entries[r] = (long) ROOT << 32;
                queue[tail++] = r;
            }
        }
        while (head < tail) {
            int x = queue[head++];
            int v = vertex == null ? x : vertex[x];
            long fromX = (long) x << 32;
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int f = flags[e];
                if ((f & GraphBuilder.NO_RETAIN) == 0) {
                    int t = target[e];
                    long bit = 1L << t;
                    if ((seen[t >>> 6] & bit) == 0) {
                        seen[t >>> 6] |= bit;
                        int name = names[e];
                        if ((name & ~NAME_MASK) != 0 || name == NAME_ELSEWHERE) {
                            other.put(t, name);
                            name = NAME_ELSEWHERE;
                        }
                        entries[t] = fromX | (long) (f & GraphBuilder.KIND_MASK) << NAME_BITS | name;
                        queue[tail++] = t;
                    }
                }
            }
        }
        pool.give(queue);
        return new PathIndex(b, entries, other);
    }

    private static int from(long entry) {
        return (int) (entry >> 32);
    }

    /** Returns true when a root reaches {@code index} over retaining edges. */
    boolean reaches(int index) {
        return entries[index] != UNREACHED;
    }

    /** The shortest retainer path to {@code index}, its steps shown by {@code naming}. */
    Optional<RetainerPath> path(int index, Naming naming) {
        if (entries[index] == UNREACHED) {
            return Optional.empty();
        }
        List<Integer> chain = new ArrayList<>();
        for (int v = index; v >= 0; v = from(entries[v])) {
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
            long entry = entries[v];
            int name = (int) entry & NAME_MASK;
            if (name == NAME_ELSEWHERE) {
                name = otherNames.get(v);
            }
            EdgeKind kind = EdgeKind.of((int) (entry >>> NAME_BITS) & GraphBuilder.KIND_MASK);
            steps.add(new RetainerPath.Step(render(b, kind, name), naming.display(v), naming.id(v)));
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
