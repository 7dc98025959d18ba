package io.github.heapdiff.formats.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Shape;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.graph.EdgeKind;
import io.github.heapdiff.graph.HeapGraph;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What memlab and the independent scanner say about a real snapshot, and the checks against it.
 *
 * @param nodes node count
 * @param edges edge count
 * @param objects instances per constructor (V8 {@code object} nodes by name)
 * @param shapes {@code Object} instances by their sorted property names, joined by commas
 * @param variables retained size of the object each module-level variable (a {@code context} edge) holds
 * @param retainedSum memlab: sum of the retained sizes of every node but the root
 * @param retainedWeighted memlab: the same, each weighted by node index + 1
 * @param dominatorWeighted memlab: sum over every node but the root of (index + 1) times its dominator's index
 */
record Oracle(int nodes, int edges, Map<String, Long> objects, Map<String, Long> shapes, Map<String, Long> variables,
        long retainedSum, long retainedWeighted, String dominatorWeighted) {

    /** The node a module-level variable named {@code name} holds: the target of the {@code context} edge of that name. */
    static int variable(HeapGraph g, String name) {
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int e = g.firstEdge(v); e < g.endEdge(v); e++) {
                if (g.edgeKind(e) == EdgeKind.CONTEXT && g.edgeName(e).equals(name)) {
                    return g.edgeTarget(e);
                }
            }
        }
        throw new AssertionError("no context variable " + name);
    }

    /** Checks counts by constructor (V8 object nodes: the group's instances, since type names are unique here). */
    void checkCounts(Snapshot byType, String file) {
        assertEquals(Integer.toString(nodes), byType.source().metadata().get("graph.nodes"), file + " nodes");
        assertEquals(Integer.toString(edges), byType.source().metadata().get("graph.edges"), file + " edges");
        assertEquals(nodes, byType.totals().count(), file + " nodes in groups");
        objects.forEach((type, count) -> assertEquals(count, byType.group(GroupKey.of(type)).map(ObjectGroup::count)
                .orElse(0L), file + " " + type));
    }

    /** Checks {@code Object} counts by property set in a snapshot grouped by shape. */
    void checkShapes(Snapshot byShape, String file) {
        shapes.forEach((props, count) -> {
            List<String> wanted = List.of(props.split(","));
            long found = byShape.groups().stream()
                    .filter(g -> g.key().type().equals("Object") && g.key().shape().isPresent())
                    .filter(g -> sorted(g.key().shape().get()).equals(wanted.stream().sorted().toList()))
                    .mapToLong(ObjectGroup::count).sum();
            assertEquals(count, found, file + " Object{" + props + "}");
        });
    }

    private static List<String> sorted(Shape s) {
        return s.names().stream().sorted().toList();
    }

    /** Checks retained sizes of the variables and memlab's sums over every node against a kept graph. */
    void checkRetained(HeapGraph g, String file) {
        variables.forEach((name, bytes) -> assertEquals(bytes, g.retainedSize(variable(g, name)).getAsLong(),
                file + " retained size of " + name));
        long sum = 0;
        long weighted = 0;
        BigInteger domWeighted = BigInteger.ZERO;
        for (int v = 1; v < g.nodeCount(); v++) {
            long r = g.retainedSize(v).getAsLong();
            sum += r;
            weighted += (v + 1L) * r;
            OptionalInt d = g.dominator(v);
            domWeighted = domWeighted.add(BigInteger.valueOf((v + 1L) * (d.isPresent() ? d.getAsInt() : 0)));
        }
        assertEquals(retainedSum, sum, file + " sum of retained sizes (all nodes but the root)");
        assertEquals(retainedWeighted, weighted, file + " index-weighted sum of retained sizes");
        assertEquals(dominatorWeighted, domWeighted.toString(), file + " index-weighted sum of dominators");
    }
}
