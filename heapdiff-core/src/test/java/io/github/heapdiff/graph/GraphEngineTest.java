package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.ProgressListener;
import io.github.heapdiff.Shape;
import io.github.heapdiff.SnapshotReadException;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine on a small graph whose dominators, retained sizes and facts are worked out by hand:
 *
 * <pre>
 *   0 root (Root, synthetic, 0 B) --a--> 1 a (A, 10 B)
 *   1 --b--> 2 b1 (B, 20)    1 --arr--> 9 arr (Infra, 1)    9 --[0]--> 3 b2 (B, 30)
 *   2 --c--> 4 c1 (C, 40)    3 --c--> 4                      4 --next--> 5 c2 (C, 50)
 *   1 ~~w~~> 6 w (C, 60): only a weak edge reaches it
 *   7 i1 (A, 5) <--x/y--> 8 i2 (A, 7): an island that no root reaches; 8 --z--> 5 (garbage pointing into live objects)
 *   5 --self--> 5
 * </pre>
 * Dominators: 1, 2, 9, 4 under 1; 3 under 9; 5 under 4; 6 and 7 hang off the super-root; 8 under 7.
 */
class GraphEngineTest {

    static final String[] NAMES = {"a", "b", "arr", "c", "next", "w", "x", "y", "z", "self", "__proto__"};

    /** Builds the graph of the class comment by index. */
    static GraphBuilder build(ReadOptions options) {
        GraphBuilder g = GraphBuilder.create("test", "test", options, ProgressListener.none());
        g.identities();
        g.excludeFromShapes("__proto__");
        int root = g.type("(root)", TypeTrait.SYNTHETIC);
        int a = g.type("A");
        int b = g.type("B");
        int c = g.type("C", TypeTrait.SHAPED);
        int infra = g.type("Infra", TypeTrait.INFRASTRUCTURE);
        long[] sizes = {0, 10, 20, 30, 40, 50, 60, 5, 7, 1};
        int[] types = {root, a, b, b, c, c, c, a, a, infra};
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(i, g.node(types[i], 100 + 2 * i, sizes[i]));
        }
        for (int i = 0; i < NAMES.length; i++) {
            g.string(i, NAMES[i]);
        }
        g.edge(0, EdgeKind.SHORTCUT, 0, 1, true);
        g.edge(1, EdgeKind.PROPERTY, 1, 2, true);
        g.edge(1, EdgeKind.INTERNAL, 2, 9, true);
        g.edge(1, EdgeKind.WEAK, 5, 6, false);
        g.edge(2, EdgeKind.PROPERTY, 3, 4, true);
        g.edge(3, EdgeKind.PROPERTY, 3, 4, true);
        g.edge(4, EdgeKind.PROPERTY, 4, 5, true);
        g.edge(5, EdgeKind.INTERNAL, 9, 5, true);
        g.edge(6, EdgeKind.PROPERTY, 10, 1, true);
        g.edge(7, EdgeKind.PROPERTY, 6, 8, true);
        g.edge(8, EdgeKind.PROPERTY, 7, 7, true);
        g.edge(8, EdgeKind.PROPERTY, 8, 5, true);
        g.edge(9, EdgeKind.ELEMENT, 0, 3, true);
        g.root(0, "test root");
        return g;
    }

    static ReadOptions options(ReadMode mode, Grouping grouping, boolean keep) {
        return new ReadOptions(mode, Optional.of(grouping), keep, Map.of());
    }

    static Map<GroupKey, ObjectGroup> byKey(GraphSummary s) {
        return s.groups().stream().collect(Collectors.toMap(ObjectGroup::key, Function.identity()));
    }

    @Test
    void dominators_and_retained_sizes_follow_the_edge_rules() {
        HeapGraph g = build(options(ReadMode.GRAPH, Grouping.TYPE, true)).summarise().graph().orElseThrow();
        long[] retained = {151, 151, 20, 30, 90, 50, 60, 12, 7, 31};
        int[] dominator = {-1, 0, 1, 9, 1, 4, -1, -1, 7, 1};
        for (int v = 0; v < retained.length; v++) {
            assertEquals(OptionalLong.of(retained[v]), g.retainedSize(v), "retained size of node " + v);
            assertEquals(dominator[v] < 0 ? OptionalInt.empty() : OptionalInt.of(dominator[v]), g.dominator(v),
                    "dominator of node " + v);
        }
    }

    @Test
    void group_retained_size_counts_nested_instances_once() {
        Map<GroupKey, ObjectGroup> groups = byKey(build(options(ReadMode.GRAPH, Grouping.TYPE, false)).summarise());
        // A: 1 (151) and the island head 7 (12); 8 sits inside 7. C: 4 (90, holding 5) and 6 (60).
        assertEquals(OptionalLong.of(163), groups.get(GroupKey.of("A")).stats().retainedBytes());
        assertEquals(OptionalLong.of(50), groups.get(GroupKey.of("B")).stats().retainedBytes());
        assertEquals(OptionalLong.of(150), groups.get(GroupKey.of("C")).stats().retainedBytes());
        assertEquals(3, groups.get(GroupKey.of("C")).count());
        assertEquals(OptionalLong.of(150), groups.get(GroupKey.of("C")).stats().shallowBytes());
    }

    @Test
    void owners_look_through_infrastructure_and_nested_instances() {
        Map<GroupKey, ObjectGroup> groups = byKey(build(options(ReadMode.GRAPH, Grouping.TYPE, false)).summarise());
        GroupFacts b = groups.get(GroupKey.of("B")).facts().orElseThrow();
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("A"), 2, 50)), b.owners(),
                "b2 is held by an infrastructure array, looked through to a");
        GroupFacts c = groups.get(GroupKey.of("C")).facts().orElseThrow();
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("A"), 2, 90)), c.owners(),
                "c2 counts for the owner of c1, which holds it; the weakly held w has no owner");
    }

    @Test
    void owners_stay_right_when_the_owner_table_grows_inside_a_top_level_instance() {
        // 255 roots of types P0..P254, each holding a C: 510 (group, owner type) pairs, then
        // (Holder, (root)) and (A, Holder) make 512; the Z inside a1 adds the 513th, which grows
        // the table while a1's pair is held for the nested a2
        GraphBuilder g = GraphBuilder.create("test", "test", options(ReadMode.GRAPH, Grouping.TYPE, false),
                ProgressListener.none());
        int root = g.type("(root)", TypeTrait.SYNTHETIC);
        int c = g.type("C");
        int holder = g.type("Holder");
        int a = g.type("A");
        int z = g.type("Z");
        g.node(root, 1, 0);
        int pairs = 255;
        for (int i = 0; i < pairs; i++) {
            g.node(g.type("P" + i), 10 + 2 * i, 1);
            g.node(c, 11 + 2 * i, 1);
        }
        int h = g.node(holder, 1000, 1);
        int a1 = g.node(a, 1001, 10);
        int x = g.node(z, 1002, 1);
        int a2 = g.node(a, 1003, 5);
        for (int i = 0; i < pairs; i++) {
            g.edge(0, EdgeKind.ELEMENT, i, 1 + 2 * i, true);
        }
        g.edge(0, EdgeKind.ELEMENT, pairs, h, true);
        for (int i = 0; i < pairs; i++) {
            g.edge(1 + 2 * i, EdgeKind.ELEMENT, 0, 2 + 2 * i, true);
        }
        g.edge(h, EdgeKind.ELEMENT, 0, a1, true);
        g.edge(a1, EdgeKind.ELEMENT, 0, x, true);
        g.edge(a1, EdgeKind.ELEMENT, 1, a2, true);
        g.root(0, "test root");
        Map<GroupKey, ObjectGroup> groups = byKey(g.summarise());
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("Holder"), 2, 16)),
                groups.get(GroupKey.of("A")).facts().orElseThrow().owners(),
                "a2, nested in a1, counts for a1's owner after the table grew");
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("A"), 1, 1)),
                groups.get(GroupKey.of("Z")).facts().orElseThrow().owners());
    }

    @Test
    void accumulation_point_is_the_closest_real_object_holding_most_instances() {
        Map<GroupKey, ObjectGroup> groups = byKey(build(options(ReadMode.GRAPH, Grouping.TYPE, false)).summarise());
        List<GroupFacts.AccumulationPoint> c = groups.get(GroupKey.of("C")).facts().orElseThrow().accumulationPoints();
        assertEquals(1, c.size(), c.toString());
        assertEquals(102, c.get(0).objectId());
        assertEquals("A", c.get(0).type());
        assertEquals(2, c.get(0).instances());
        assertEquals(151, c.get(0).retainedBytes());
        assertEquals("[test root] (root) --a--> A", c.get(0).path().orElseThrow().render());
        List<GroupFacts.AccumulationPoint> b = groups.get(GroupKey.of("B")).facts().orElseThrow().accumulationPoints();
        assertEquals(102, b.get(0).objectId(), "through the infrastructure array to a");
        assertEquals(List.of(), groups.get(GroupKey.of("A")).facts().orElseThrow().accumulationPoints(),
                "nothing but the roots holds the A instances");
    }

    @Test
    void exemplar_path_is_a_shortest_retaining_path_with_edge_names() {
        Map<GroupKey, ObjectGroup> groups = byKey(build(options(ReadMode.GRAPH, Grouping.TYPE, false)).summarise());
        ObjectGroup b = groups.get(GroupKey.of("B"));
        assertEquals(List.of(106L, 104L), b.exemplars(), "instances by retained size, largest first");
        assertEquals("[test root] (root) --a--> A --arr--> Infra --[0]--> B",
                b.facts().orElseThrow().exemplarPath().orElseThrow().render());
        List<io.github.heapdiff.RetainerPath.Step> steps = groups.get(GroupKey.of("C")).facts().orElseThrow()
                .exemplarPath().orElseThrow().steps();
        assertEquals(108, steps.get(steps.size() - 1).objectId(),
                "c1, which retains most; not the weakly held w, which no root reaches");
    }

    @Test
    void shapes_group_by_property_names_without_excluded_ones() {
        GraphSummary s = build(options(ReadMode.GRAPH, Grouping.SHAPE, false)).summarise();
        assertEquals(Grouping.SHAPE, s.grouping());
        Map<GroupKey, ObjectGroup> groups = byKey(s);
        assertEquals(1, groups.get(GroupKey.of("C", Shape.of(List.of("next")))).count());
        assertEquals(2, groups.get(GroupKey.of("C", Shape.of(List.of()))).count(),
                "c2 (no properties) and w (only __proto__) share the empty shape");
        assertEquals(3, groups.get(GroupKey.of("A")).count(), "types without the SHAPED trait stay unshaped");
    }

    @Test
    void identities_are_kept_per_group() {
        Map<GroupKey, ObjectGroup> groups = byKey(build(options(ReadMode.SUMMARY, Grouping.TYPE, false)).summarise());
        assertEquals(ObjectIds.of(102, 114, 116), groups.get(GroupKey.of("A")).ids());
        assertEquals(ObjectIds.of(104, 106), groups.get(GroupKey.of("B")).ids());
    }

    @Test
    void summary_mode_counts_without_edges_or_dominators() {
        GraphBuilder b = build(options(ReadMode.SUMMARY, Grouping.TYPE, true));
        assertFalse(b.storesEdges());
        assertEquals(13, b.edgeCount(), "edges are counted even when not stored");
        GraphSummary s = b.summarise();
        ObjectGroup c = byKey(s).get(GroupKey.of("C"));
        assertEquals(OptionalLong.empty(), c.stats().retainedBytes());
        assertEquals(Optional.empty(), c.facts());
        HeapGraph g = s.graph().orElseThrow();
        assertEquals(0, g.edgeCount());
        assertFalse(g.hasDominators());
        assertEquals(Optional.empty(), g.retainerPath(3));
        assertEquals("13", s.metadata().get("graph.edges"));
    }

    @Test
    void a_kept_graph_answers_queries() {
        HeapGraph g = build(options(ReadMode.GRAPH, Grouping.TYPE, true)).summarise().graph().orElseThrow();
        assertEquals(OptionalInt.of(3), g.nodeWithId(106));
        assertEquals(OptionalInt.empty(), g.nodeWithId(107));
        assertEquals(Optional.of(GroupKey.of("B")), g.groupKey(3));
        assertEquals("[test root] (root) --a--> A --b--> B --c--> C --next--> C",
                g.retainerPath(5).orElseThrow().render());
        assertEquals(Optional.empty(), g.retainerPath(8), "the island has no path from a root");
        assertEquals(1, g.edgeSource(g.firstEdge(1) + 1));
        assertEquals("[0]", g.edgeName(g.firstEdge(9)));
        assertFalse(g.retains(g.firstEdge(1) + 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.id(10));
    }

    @Test
    void by_id_references_resolve_forward_and_dangling_ones_are_dropped() {
        GraphBuilder g = GraphBuilder.create("test", "test", options(ReadMode.GRAPH, Grouping.TYPE, true),
                ProgressListener.none());
        int t = g.type("T");
        int name = g.intern("next");
        // a chain 0x30 -> 0x10 -> 0x20 added out of id order, with references to ids added later
        g.node(t, 0x30, 3);
        g.reference(EdgeKind.FIELD, name, 0x10, true);
        g.reference(EdgeKind.FIELD, name, 0x999, true);
        g.node(t, 0x10, 1);
        g.reference(EdgeKind.FIELD, name, 0x20, true);
        g.node(t, 0x20, 2);
        g.reference(EdgeKind.WEAK, name, 0x30, false);
        g.rootById(0x30, "static field");
        g.rootById(0x777, "JNI global");
        GraphSummary s = g.summarise();
        assertEquals("1", s.metadata().get("graph.dangling-references"));
        assertEquals("1", s.metadata().get("graph.dangling-roots"));
        HeapGraph h = s.graph().orElseThrow();
        assertEquals(3, h.edgeCount());
        assertEquals(OptionalLong.of(6), h.retainedSize(0));
        assertEquals(OptionalInt.of(1), h.dominator(2));
        assertEquals("[static field] T --next--> T --next--> T", h.retainerPath(2).orElseThrow().render());
    }

    /** The by-id chain 0x30 -> 0x10 -> 0x20 (sizes 3, 1, 2) of the test above, rooted at 0x30. */
    private static GraphBuilder chainById() {
        GraphBuilder g = GraphBuilder.create("test", "test", options(ReadMode.GRAPH, Grouping.TYPE, true),
                ProgressListener.none());
        int t = g.type("T");
        int u = g.type("U");
        int name = g.intern("next");
        g.node(t, 0x30, 3);
        g.reference(EdgeKind.FIELD, name, 0x10, true);
        g.node(u, 0x10, 1);
        g.reference(EdgeKind.FIELD, name, 0x20, true);
        g.node(t, 0x20, 2);
        g.rootById(0x30, "static field");
        return g;
    }

    @Test
    void nodes_resized_before_completion_get_the_sizes_they_get_after_it() {
        GraphBuilder.NodeSizer sizer = (type, size) -> size * 10 + type;
        GraphBuilder before = chainById();
        before.resizeNodes(sizer); // applied as the graph is completed
        assertThrows(IllegalStateException.class, () -> before.resizeNodes(sizer));
        HeapGraph early = before.summarise().graph().orElseThrow();
        GraphBuilder after = chainById();
        after.complete();
        after.resizeNodes(sizer);
        HeapGraph late = after.summarise().graph().orElseThrow();
        // T is type 0, U type 1: 30 + 11 + 20 retained by the root's object, 11 + 20 by the next
        assertEquals(OptionalLong.of(61), early.retainedSize(0));
        assertEquals(OptionalLong.of(31), early.retainedSize(1));
        for (int v = 0; v < 3; v++) {
            assertEquals(late.retainedSize(v), early.retainedSize(v));
        }

        GraphBuilder negative = chainById();
        negative.resizeNodes((type, size) -> -1);
        assertThrows(IllegalArgumentException.class, negative::complete);
    }

    @Test
    void resizing_rewrites_every_node_across_chunks_and_widens_the_sizes_for_one_too_big_for_an_int() {
        // more than two chunks of sizes; the sizer asked exactly once a node, in order, and one
        // node (in the second chunk) resized beyond 32 bits: it and the rest the general way
        int n = 2 * IntChunks.CHUNK + 12_345;
        int wide = IntChunks.CHUNK + 777;
        for (boolean tooBig : new boolean[] {false, true}) {
            GraphBuilder g = GraphBuilder.create("sizes", "test", ReadOptions.DEFAULTS, ProgressListener.none());
            int t = g.type("T");
            for (int v = 0; v < n; v++) {
                g.node(t, v + 1L, v % 1000);
            }
            long[] asked = {0};
            g.resizeNodes((type, size) -> {
                long v = asked[0]++;
                assertEquals(v % 1000, size, "node " + v + " asked with its own size, once");
                return tooBig && v == wide ? 5_000_000_000L : size * 3 + 1;
            });
            HeapGraph graph = g.complete();
            assertEquals(n, asked[0]);
            for (int v = 0; v < n; v++) {
                long expected = tooBig && v == wide ? 5_000_000_000L : (v % 1000) * 3 + 1;
                assertEquals(expected, graph.shallowSize(v), "node " + v);
            }
        }
        // a negative size is refused in the first chunk and after a widening alike
        for (int at : new int[] {5, wide + 10}) {
            GraphBuilder g = GraphBuilder.create("sizes", "test", ReadOptions.DEFAULTS, ProgressListener.none());
            int t = g.type("T");
            for (int v = 0; v < n; v++) {
                g.node(t, v + 1L, 1);
            }
            long[] asked = {0};
            g.resizeNodes((type, size) -> {
                long v = asked[0]++;
                return v == at ? -1 : v == wide ? 1L << 33 : size;
            });
            assertThrows(IllegalArgumentException.class, g::complete, "negative at " + at);
        }
    }

    @Test
    void mixing_the_two_ways_of_adding_edges_is_refused() {
        GraphBuilder g = GraphBuilder.create("test", "test", ReadOptions.DEFAULTS, ProgressListener.none());
        int t = g.type("T");
        g.node(t, 1, 1);
        g.node(t, 2, 1);
        g.edge(1, EdgeKind.PROPERTY, -1, 0, true);
        assertThrows(IllegalStateException.class, () -> g.reference(EdgeKind.FIELD, -1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> g.edge(0, EdgeKind.PROPERTY, -1, 1, true),
                "edges of node 1 came already; edges of node 0 now are out of order");
    }

    @Test
    void an_edge_to_a_node_never_added_is_a_read_error() {
        GraphBuilder g = GraphBuilder.create("dump", "fmt", ReadOptions.DEFAULTS, ProgressListener.none());
        int t = g.type("T");
        g.node(t, 1, 1);
        g.edge(0, EdgeKind.PROPERTY, -1, 5, true);
        SnapshotReadException e = assertThrows(SnapshotReadException.class, g::complete);
        assertTrue(e.getMessage().startsWith("dump (fmt): edge 0 points to node 5"), e.getMessage());
    }

    @Test
    void counts_beyond_the_int_limits_are_refused_with_a_clear_message() {
        GraphBuilder g = GraphBuilder.create("huge", "fmt", ReadOptions.DEFAULTS, ProgressListener.none());
        SnapshotReadException e = assertThrows(SnapshotReadException.class,
                () -> g.expectNodes(GraphBuilder.MAX_NODES + 1L));
        assertTrue(e.getMessage().contains("more than the " + GraphBuilder.MAX_NODES), e.getMessage());
        assertTrue(e.getMessage().contains("ReadMode.SUMMARY"), e.getMessage());
        assertThrows(SnapshotReadException.class, () -> g.expectEdges(GraphBuilder.MAX_EDGES + 1L));
    }

    @Test
    void batched_edges_equal_single_edges() {
        GraphBuilder one = GraphBuilder.create("a", "t", options(ReadMode.GRAPH, Grouping.SHAPE, true),
                ProgressListener.none());
        GraphBuilder batch = GraphBuilder.create("b", "t", options(ReadMode.GRAPH, Grouping.SHAPE, true),
                ProgressListener.none());
        for (GraphBuilder g : List.of(one, batch)) {
            int t = g.type("T", TypeTrait.SHAPED);
            for (int i = 0; i < 4; i++) {
                g.node(t, i, i + 1);
            }
            g.string(0, "p");
            g.string(1, "q");
            g.root(0, "r");
        }
        int[] from = {0, 0, 2, 3};
        byte[] codes = {GraphBuilder.edgeCode(EdgeKind.PROPERTY, true), GraphBuilder.edgeCode(EdgeKind.WEAK, false),
            GraphBuilder.edgeCode(EdgeKind.PROPERTY, true), GraphBuilder.edgeCode(EdgeKind.ELEMENT, true)};
        int[] names = {0, 1, 1, 7};
        int[] to = {1, 2, 3, 0};
        one.edge(0, EdgeKind.PROPERTY, 0, 1, true);
        one.edge(0, EdgeKind.WEAK, 1, 2, false);
        one.edge(2, EdgeKind.PROPERTY, 1, 3, true);
        one.edge(3, EdgeKind.ELEMENT, 7, 0, true);
        batch.edges(2, from, codes, names, to);
        batch.edges(2, new int[] {2, 3}, new byte[] {codes[2], codes[3]}, new int[] {1, 7}, new int[] {3, 0});
        GraphSummary a = one.summarise();
        GraphSummary b = batch.summarise();
        assertEquals(a.groups(), b.groups());
        HeapGraph ga = a.graph().orElseThrow();
        HeapGraph gb = b.graph().orElseThrow();
        for (int v = 0; v < 4; v++) {
            assertEquals(ga.firstEdge(v), gb.firstEdge(v));
            assertEquals(ga.retainedSize(v), gb.retainedSize(v));
        }
    }

    @Test
    void batched_references_equal_single_references() {
        GraphBuilder[] builders = new GraphBuilder[2];
        for (int k = 0; k < 2; k++) {
            GraphBuilder g = GraphBuilder.create("g", "t", options(ReadMode.GRAPH, Grouping.TYPE, true),
                    ProgressListener.none());
            int t = g.type("T");
            int f = g.intern("f");
            g.node(t, 0x100, 1);
            if (k == 0) {
                g.reference(EdgeKind.FIELD, f, 0x200, true);
                g.reference(EdgeKind.WEAK, f, 0x300, false);
                g.reference(EdgeKind.FIELD, f, 0x999, true);
            } else {
                g.references(3, new byte[] {GraphBuilder.edgeCode(EdgeKind.FIELD, true),
                    GraphBuilder.edgeCode(EdgeKind.WEAK, false), GraphBuilder.edgeCode(EdgeKind.FIELD, true)},
                        new int[] {f, f, f}, new long[] {0x200, 0x300, 0x999});
            }
            g.node(t, 0x200, 2);
            g.node(t, 0x300, 4);
            g.rootById(0x100, "r");
            builders[k] = g;
        }
        GraphSummary one = builders[0].summarise();
        GraphSummary batch = builders[1].summarise();
        assertEquals(one.groups(), batch.groups());
        assertEquals("1", batch.metadata().get("graph.dangling-references"));
        HeapGraph g = batch.graph().orElseThrow();
        assertEquals(2, g.edgeCount());
        assertEquals(OptionalLong.of(3), g.retainedSize(0), "the weakly held 0x300 hangs off the root on its own");
    }

    @Test
    void progress_reports_the_engine_steps() {
        List<String> steps = new ArrayList<>();
        GraphBuilder g = GraphBuilder.create("p", "t", options(ReadMode.GRAPH, Grouping.TYPE, false),
                (source, step, fraction) -> {
                    if (fraction == 1.0) {
                        steps.add(step);
                    }
                });
        int t = g.type("T");
        g.node(t, 1, 1);
        g.root(0, "r");
        g.summarise();
        assertEquals(List.of("indexing", "dominators", "summarising"), steps);
    }
}
