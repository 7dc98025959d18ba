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

    private PathIndex(GraphBuilder b, int[] from, int[] name, byte[] kind) {
        this.b = b;
        this.from = from;
        this.name = name;
        this.kind = kind;
    }

    static PathIndex build(GraphBuilder b, IntPool pool) {
        int n = b.nodeCount;
        int[] from = pool.take(Math.max(1, n));
        Arrays.fill(from, 0, n, UNREACHED);
        int[] name = new int[n];
        byte[] kind = new byte[n];
        int[] queue = pool.take(Math.max(1, n));
        int head = 0;
        int tail = 0;
        for (int i = 0; i < b.rootCount; i++) {
            int r = (int) b.rootRefs[i];
            if (from[r] == UNREACHED) {
                from[r] = ROOT;
                queue[tail++] = r;
            }
        }
        int[] start = b.edgeStart;
        int[] target = b.edgeTarget;
        int[] names = b.edgeName;
        byte[] flags = b.edgeFlags;
        while (head < tail) {
            int v = queue[head++];
            for (int e = start[v], end = start[v + 1]; e < end; e++) {
                int t = target[e];
                int f = flags[e];
                if (from[t] == UNREACHED && (f & GraphBuilder.NO_RETAIN) == 0) {
                    from[t] = v;
                    name[t] = names[e];
                    kind[t] = (byte) (f & GraphBuilder.KIND_MASK);
                    queue[tail++] = t;
                }
            }
        }
        pool.give(queue);
        return new PathIndex(b, from, name, kind);
    }

    /** Returns true when a root reaches {@code node} over retaining edges. */
    boolean reaches(int node) {
        return from[node] != UNREACHED;
    }

    /** The shortest retainer path to {@code node}, rendered with type names and edge names. */
    Optional<RetainerPath> path(int node, HeapGraph graph) {
        return path(node, graph, graph::displayType);
    }

    /** As {@link #path(int, HeapGraph)}, naming nodes' types with {@code typeOf}. */
    Optional<RetainerPath> path(int node, HeapGraph graph, java.util.function.IntFunction<String> typeOf) {
        if (from[node] == UNREACHED) {
            return Optional.empty();
        }
        List<Integer> nodes = new ArrayList<>();
        for (int v = node; v >= 0; v = from[v]) {
            nodes.add(v);
            if (nodes.size() > MAX_PATH) {
                return Optional.empty();
            }
        }
        List<RetainerPath.Step> steps = new ArrayList<>(nodes.size());
        int root = nodes.get(nodes.size() - 1);
        steps.add(new RetainerPath.Step(graph.rootKindOf(root), display(root, typeOf), b.nodeId.get(root)));
        for (int i = nodes.size() - 2; i >= 0; i--) {
            int v = nodes.get(i);
            steps.add(new RetainerPath.Step(edgeName(v), display(v, typeOf), b.nodeId.get(v)));
        }
        return Optional.of(new RetainerPath(steps));
    }

    /** The node's {@linkplain GraphBuilder#label label}, else its type name. */
    private String display(int v, java.util.function.IntFunction<String> typeOf) {
        String label = b.labelOf(v);
        return label != null ? label : typeOf.apply(v);
    }

    private String edgeName(int v) {
        return render(b, EdgeKind.of(kind[v]), name[v]);
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
