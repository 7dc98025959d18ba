package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.ProgressListener;
import io.github.heapdiff.spi.ReadOptions;
import org.junit.jupiter.api.Test;

/** The compact stores of the graph builder give back exactly what was put in. */
class CompactStorageTest {

    @Test
    void an_aligned_column_keeps_addresses_in_four_bytes_until_a_value_is_not_aligned() {
        LongColumn c = new LongColumn(4, 3);
        c.set(0, 0x7_0000_0008L);
        c.set(1, 0x7_FFFF_FFF8L);
        assertEquals(4, c.width());
        assertEquals(0x7_0000_0008L, c.get(0));
        c.set(2, 0x7_0000_0004L); // not a multiple of 8, beyond 32 bits: widens
        assertEquals(8, c.width());
        assertEquals(0x7_0000_0008L, c.get(0));
        assertEquals(0x7_FFFF_FFF8L, c.get(1));
        assertEquals(0x7_0000_0004L, c.get(2));
    }

    @Test
    void an_aligned_column_drops_its_shift_when_small_values_are_not_aligned() {
        LongColumn c = new LongColumn(3, 3);
        c.set(0, 16);
        c.set(1, 3);
        c.set(2, 0xFFFF_FFFFL);
        assertEquals(4, c.width());
        assertEquals(16, c.get(0));
        assertEquals(3, c.get(1));
        assertEquals(0xFFFF_FFFFL, c.get(2));
    }

    @Test
    void the_reference_buffer_keeps_ids_names_and_flags_across_chunks_and_wide_ids() {
        // a first chunk that grows by copying, and one reserved full size whose room grows
        for (boolean reserved : new boolean[] {false, true}) {
            ReferenceBuffer b = new ReferenceBuffer();
            if (reserved) {
                b.reserveFirst();
            }
            int n = 2 * ReferenceBuffer.CHUNK + 77;
            for (int i = 0; i < n; i++) {
                long id = i % 1000 == 999 ? 0x1_0000_0000_0001L + i : 0x7_0000_0000L + 8L * i;
                b.add(id, i * 3, (byte) (i & 0x7F));
            }
            assertEquals(n, b.size());
            for (int i = 0; i < n; i++) {
                long id = i % 1000 == 999 ? 0x1_0000_0000_0001L + i : 0x7_0000_0000L + 8L * i;
                assertEquals(id, b.targetId(i), "id " + i + (reserved ? " (first chunk reserved)" : ""));
                assertEquals(i * 3, b.name(i));
                assertEquals((byte) (i & 0x7F), b.flags(i));
            }
            b.releaseIdsBefore(n + ReferenceBuffer.CHUNK);
            b.releaseNamesBefore(n + ReferenceBuffer.CHUNK);
            b.clear();
        }
    }

    @Test
    void references_by_id_across_many_chunks_resolve_in_order_and_dangling_ones_drop_out() {
        GraphBuilder g = GraphBuilder.create("g", "t", ReadOptions.DEFAULTS, ProgressListener.none());
        int type = g.type("T");
        int n = 1000;
        int perNode = 4500; // 4.5 M references: five chunks, enough for the names to be compacted on a second thread
        for (int v = 0; v < n; v++) {
            g.node(type, 0x7_0000_0000L + 16L * v, 8);
            for (int k = 0; k < perNode; k++) {
                int target = (v * 7 + k) % n;
                boolean dangling = (v * perNode + k) % 100_003 == 0;
                g.reference(EdgeKind.ELEMENT, k, dangling ? 0x9_0000_0008L : 0x7_0000_0000L + 16L * target, true);
            }
        }
        HeapGraph graph = g.complete();
        int expectedDangling = 0;
        for (int i = 0; i < n * perNode; i++) {
            if (i % 100_003 == 0) {
                expectedDangling++;
            }
        }
        assertEquals(n * perNode - expectedDangling, graph.edgeCount());
        for (int v = 0; v < n; v++) {
            int e = graph.firstEdge(v);
            for (int k = 0; k < perNode; k++) {
                if ((v * perNode + k) % 100_003 == 0) {
                    continue;
                }
                assertEquals((v * 7 + k) % n, graph.edgeTarget(e), "edge " + k + " of node " + v);
                assertEquals(k, graph.edgeNameOrIndex(e));
                e++;
            }
            assertEquals(graph.endEdge(v), e, "edges of node " + v);
        }
    }

    @Test
    void shortest_paths_beside_the_dominators_or_after_them_give_the_same_results() {
        for (long seed = 1; seed <= 200; seed++) {
            java.util.Random r = new java.util.Random(seed);
            int n = 1 + r.nextInt(60);
            java.util.Set<String> groups = new java.util.HashSet<>();
            java.util.Set<String> nodes = new java.util.HashSet<>();
            for (GraphSummariser.Plan plan : java.util.List.of(GraphSummariser.Plan.PARALLEL,
                    GraphSummariser.Plan.SEQUENTIAL)) {
                for (boolean keep : new boolean[] {true, false}) {
                    GraphBuilder g = randomGraph(new java.util.Random(seed), n, keep);
                    HeapGraph graph = g.complete();
                    GraphSummary s = new GraphSummariser(g, graph, plan).run();
                    groups.add(s.groups().toString());
                    if (keep) {
                        StringBuilder out = new StringBuilder();
                        for (int v = 0; v < n; v++) {
                            out.append(' ').append(graph.dominator(v)).append(graph.retainedSize(v))
                                    .append(graph.retainerPath(v).map(p -> p.render()).orElse("-"));
                        }
                        nodes.add(out.toString());
                        // the kept graph's edges are the ones read, whatever the analysis did with them
                        HeapGraph read = randomGraph(new java.util.Random(seed), n, true).complete();
                        for (int e = 0; e < read.edgeCount(); e++) {
                            assertEquals(read.edgeTarget(e), graph.edgeTarget(e), "seed " + seed + ", edge " + e);
                        }
                    }
                }
            }
            assertEquals(1, groups.size(), "seed " + seed + ": " + groups);
            assertEquals(1, nodes.size(), "seed " + seed + ": " + nodes);
        }
    }

    @Test
    void retained_sizes_are_exact_whether_all_sizes_sum_below_two_to_the_32_or_not() {
        // a chain root -> holder -> three leaves: the root and the holder retain everything; the
        // sizes fit unsigned ints one by one, their sum fits them exactly or not at all
        long big = (1L << 31) - 64;
        for (long last : new long[] {(1L << 32) - 1 - 2 * big - 16 - 24, big}) {
            long total = 16 + 24 + 2 * big + last;
            for (GraphSummariser.Plan plan : GraphSummariser.Plan.values()) {
                for (boolean keep : new boolean[] {true, false}) {
                    GraphBuilder g = graphBuilder("sizes", keep);
                    int[] types = rootHolderLeaf(g);
                    int root = types[0];
                    int holder = types[1];
                    int leaf = types[2];
                    g.node(root, 8, 16);
                    g.node(holder, 16, 24);
                    g.node(leaf, 24, big);
                    g.node(leaf, 32, big);
                    g.node(leaf, 40, last);
                    g.edge(0, EdgeKind.PROPERTY, 0, 1, true);
                    for (int v = 2; v <= 4; v++) {
                        g.edge(1, EdgeKind.PROPERTY, 0, v, true);
                    }
                    g.root(0, "test root");
                    GraphSummary s = new GraphSummariser(g, g.complete(), plan).run();
                    java.util.Map<String, Long> retained = new java.util.HashMap<>();
                    for (io.github.heapdiff.ObjectGroup o : s.groups()) {
                        retained.put(o.key().toString(), o.stats().retainedBytes().orElseThrow());
                    }
                    String where = plan + ", keep " + keep + ", sum " + total;
                    assertEquals(total, retained.get("Root"), where);
                    assertEquals(total - 16, retained.get("Holder"), where);
                    assertEquals(2 * big + last, retained.get("Leaf"), where);
                }
            }
        }
    }

    @Test
    void the_lean_plan_gives_the_parallel_plans_groups_over_more_nodes_than_a_chunk_holds() {
        // the lean plan keeps ids by number in the chunks the edge names leave (a graph by id) or a
        // flat array (by index) and puts the walk's instances in the chunks the node ids leave; the
        // parallel plan keeps them in a column and an array of its own
        int n = IntChunks.CHUNK + 4097;
        for (int shape = 0; shape < 3; shape++) {
            boolean held = shape > 0;
            GraphBuilder lean = shape == 2 ? heldLeavesById(n) : held ? heldLeaves(n) : randomGraph(new java.util.Random(11), n, false);
            GraphBuilder parallel = shape == 2 ? heldLeavesById(n)
                    : held ? heldLeaves(n) : randomGraph(new java.util.Random(11), n, false);
            GraphSummary a = new GraphSummariser(lean, lean.complete(), GraphSummariser.Plan.SEQUENTIAL).run();
            GraphSummary b = new GraphSummariser(parallel, parallel.complete(), GraphSummariser.Plan.PARALLEL).run();
            assertEquals(b.groups(), a.groups());
            assertTrue(a.groups().stream().allMatch(o -> !o.exemplars().isEmpty()), "exemplars, by id");
            if (held) {
                // the two holders, found among the leaves' instances, which span more than one chunk
                io.github.heapdiff.ObjectGroup leaves = a.groups().stream()
                        .filter(o -> o.key().toString().equals("Leaf")).findFirst().orElseThrow();
                assertEquals(java.util.List.of(1008L, 1016L), leaves.facts().orElseThrow().accumulationPoints().stream()
                        .map(io.github.heapdiff.GroupFacts.AccumulationPoint::objectId).toList());
            }
        }
    }

    /** As {@link #heldLeaves}, with references by id (a dangling one among them). */
    private static GraphBuilder heldLeavesById(int n) {
        GraphBuilder g = graphBuilder("held", false);
        int[] types = rootHolderLeaf(g);
        int split = 3 + (n - 3) * 2 / 3;
        for (int v = 0; v < n; v++) {
            g.node(types[v == 0 ? 0 : v < 3 ? 1 : 2], 1000 + 8L * v, v < 3 ? 16 : 24);
            if (v == 0) {
                g.reference(EdgeKind.PROPERTY, 0, 1008, true);
                g.reference(EdgeKind.PROPERTY, 0, 999_992, true); // no such node
                g.reference(EdgeKind.PROPERTY, 0, 1016, true);
            } else if (v < 3) {
                for (int leaf = v == 1 ? 3 : split, end = v == 1 ? split : n; leaf < end; leaf++) {
                    g.reference(EdgeKind.ELEMENT, leaf, 1000 + 8L * leaf, true);
                }
            }
        }
        g.rootById(1000, "test root");
        return g;
    }

    /** A root holding two holders, the first of which holds two thirds of {@code n - 3} leaves; ids 1000 + 8 v. */
    private static GraphBuilder heldLeaves(int n) {
        GraphBuilder g = graphBuilder("held", false);
        int[] types = rootHolderLeaf(g);
        for (int v = 0; v < n; v++) {
            g.node(types[v == 0 ? 0 : v < 3 ? 1 : 2], 1000 + 8L * v, v < 3 ? 16 : 24);
        }
        g.edge(0, EdgeKind.PROPERTY, 0, 1, true);
        g.edge(0, EdgeKind.PROPERTY, 0, 2, true);
        int split = 3 + (n - 3) * 2 / 3;
        for (int v = 3; v < n; v++) {
            g.edge(v < split ? 1 : 2, EdgeKind.ELEMENT, v, v, true);
        }
        g.root(0, "test root");
        return g;
    }

    @Test
    void the_parallel_plan_is_chosen_only_where_its_measured_working_set_fits() {
        // HPROF graphs whose parallel plans were measured: live peaks of 571 MB (8.0 M nodes, 12.6 M
        // edges) and 1,134 MB (15.1 M nodes, 23.7 M edges); the first ran out of a 512 MiB heap
        assertFalse(GraphSummariser.roomForParallelPaths(7_983_192, 4, 4, 12_563_682, 512L << 20));
        assertFalse(GraphSummariser.roomForParallelPaths(15_053_122, 4, 4, 23_701_387, 1000L << 20));
        assertTrue(GraphSummariser.roomForParallelPaths(7_983_192, 4, 4, 12_563_682, 1L << 30));
        assertTrue(GraphSummariser.roomForParallelPaths(15_053_122, 4, 4, 23_701_387, 2L << 30));
        // wider ids and sizes need more
        assertFalse(GraphSummariser.roomForParallelPaths(15_053_122, 8, 8, 23_701_387, 1340L << 20));
    }

    @Test
    void references_read_from_field_bytes_are_the_references_added_one_by_one() {
        for (int idSize : new int[] {8, 4}) {
            for (long seed = 1; seed <= 2; seed++) {
                GraphBuilder one = byIdBuilder();
                GraphBuilder fast = byIdBuilder();
                if (seed == 2) {
                    fast.expectLargeGraph(); // first chunks reserved full size, as a big dump's reader has them
                }
                int typeOne = one.type("T");
                int typeFast = fast.type("T");
                java.util.Random r = new java.util.Random(seed);
                int n = 500_000; // about 1.3 M references: more than one chunk of the reference buffer
                byte[] fields = new byte[64];
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(fields); // big-endian
                byte field = GraphBuilder.edgeCode(EdgeKind.FIELD, true);
                byte weak = GraphBuilder.edgeCode(EdgeKind.WEAK, false);
                for (int v = 0; v < n; v++) {
                    long id = 0x10_0000L + 16L * v;
                    one.node(typeOne, id, 24);
                    fast.node(typeFast, id, 24);
                    // up to six slots, ascending offsets with gaps; ids of nodes, nothing (0), dangling,
                    // and now and then one that cannot be stored narrow (unaligned, or beyond 35 bits)
                    int slots = r.nextInt(7);
                    int[] offsets = new int[slots];
                    int[] names = new int[slots];
                    byte[] codes = new byte[slots];
                    long[] gatheredIds = new long[slots];
                    int[] gatheredNames = new int[slots];
                    byte[] gatheredCodes = new byte[slots];
                    int at = r.nextInt(4);
                    int nonZero = 0;
                    for (int i = 0; i < slots; i++) {
                        offsets[i] = at;
                        at += idSize + r.nextInt(3);
                        names[i] = r.nextInt(1000);
                        codes[i] = r.nextInt(5) == 0 ? weak : field;
                        int pick = r.nextInt(100);
                        long target = pick < 15 ? 0 : pick < 18 ? 0x7777_0000L + 8 * pick
                                : pick == 18 ? 0x10_0001L + 16L * r.nextInt(n)
                                : pick == 19 && idSize == 8 ? 0x9_0000_0000L : 0x10_0000L + 16L * r.nextInt(n);
                        if (idSize == 8) {
                            bytes.putLong(offsets[i], target);
                        } else {
                            bytes.putInt(offsets[i], (int) target);
                            target &= 0xFFFF_FFFFL;
                        }
                        if (target != 0) {
                            gatheredIds[nonZero] = target;
                            gatheredNames[nonZero] = names[i];
                            gatheredCodes[nonZero] = codes[i];
                            nonZero++;
                        }
                    }
                    one.references(nonZero, gatheredCodes, gatheredNames, gatheredIds);
                    assertEquals(nonZero, fast.referencesAt(fields, 0, offsets, idSize, codes, names));
                }
                assertSameEdgesAcrossChunks(one.complete(), fast.complete(), idSize);
            }
        }
    }

    @Test
    void a_code_that_names_no_edge_kind_is_refused_before_anything_of_its_call_is_added() {
        byte field = GraphBuilder.edgeCode(EdgeKind.FIELD, true);
        byte bad = (byte) 0x7F;
        // the bad calls as the first references (no chunk yet: one by one), or after one reference
        // in a first chunk that grows, or in one reserved full size (both the straight way)
        for (int way = 0; way < 3; way++) {
            GraphBuilder b = byIdBuilder();
            if (way == 2) {
                b.expectLargeGraph();
            }
            int t = b.type("T");
            byte[] fields = new byte[24];
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(fields);
            int[] offsets = {0, 8, 16};
            int[] names = {b.intern("a"), b.intern("b"), b.intern("c")};
            for (int v = 0; v < 3; v++) {
                b.node(t, 0x1000L + 16 * v, 24);
            }
            int before = way == 0 ? 0 : 1;
            if (way > 0) {
                bytes.putLong(0, 0x1000L).putLong(8, 0).putLong(16, 0);
                assertEquals(1, b.referencesAt(fields, 0, offsets, 8, new byte[] {field, field, field}, names));
            }
            // a good reference before the bad one: neither is added
            bytes.putLong(0, 0x1010L).putLong(8, 0x1020L).putLong(16, 0);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> b.referencesAt(fields, 0, offsets, 8, new byte[] {field, bad, field}, names));
            assertTrue(e.getMessage().contains("names no edge kind"), e.getMessage());
            // after an id stored wide (unaligned), the same
            bytes.putLong(0, 0x1011L);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> b.referencesAt(fields, 0, offsets, 8, new byte[] {field, bad, field}, names));
            assertEquals(before, b.edgeCount());
            // a bad code on a slot that holds no reference names nothing, and is let be
            bytes.putLong(0, 0x1010L).putLong(8, 0);
            assertEquals(1, b.referencesAt(fields, 0, offsets, 8, new byte[] {field, bad, bad}, names));
            HeapGraph g = b.complete();
            // all from node 2, the node added last: to node 0 (after the first way), then node 1
            assertEquals(before + 1, g.edgeCount());
            assertEquals(g.endEdge(2), g.firstEdge(2) + before + 1);
            assertEquals(1, g.edgeTarget(g.firstEdge(2) + before));
            assertEquals("a", g.edgeName(g.firstEdge(2) + before));
        }
    }

    @Test
    void object_array_elements_read_from_their_bytes_are_the_references_added_one_by_one() {
        for (int idSize : new int[] {8, 4}) {
            GraphBuilder one = byIdBuilder();
            GraphBuilder fast = byIdBuilder();
            int typeOne = one.type("T[]");
            int typeFast = fast.type("T[]");
            java.util.Random r = new java.util.Random(idSize);
            byte code = GraphBuilder.edgeCode(EdgeKind.ELEMENT, true);
            int n = 80_000; // arrays of up to 40 elements: about 1.2 M references, across chunks
            for (int v = 0; v < n; v++) {
                long id = 0x10_0000L + 16L * v;
                int length = r.nextInt(41);
                byte[] elements = new byte[length * idSize + 3];
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(elements);
                long[] ids = new long[length];
                int[] names = new int[length];
                byte[] codes = new byte[length];
                int k = 0;
                for (int i = 0; i < length; i++) {
                    int pick = r.nextInt(100);
                    long target = pick < 20 ? 0 : pick < 22 ? 0x7777_0000L + 8 * pick
                            : pick == 22 ? 0x10_0001L + 16L * r.nextInt(n)
                            : pick == 23 && idSize == 8 ? 0x9_0000_0000L : 0x10_0000L + 16L * r.nextInt(n);
                    if (idSize == 8) {
                        bytes.putLong(3 + i * idSize, target);
                    } else {
                        bytes.putInt(3 + i * idSize, (int) target);
                        target &= 0xFFFF_FFFFL;
                    }
                    if (target != 0) {
                        ids[k] = target;
                        names[k] = 5 + i;
                        codes[k] = code;
                        k++;
                    }
                }
                one.node(typeOne, id, length * idSize);
                fast.node(typeFast, id, length * idSize);
                one.references(k, codes, names, ids);
                assertEquals(k, fast.elementsAt(elements, 3, length, idSize, 5, code));
            }
            assertSameEdgesAcrossChunks(one.complete(), fast.complete(), idSize);
        }
    }

    /** The same edges, node by node, and more of them than one chunk of the reference buffer holds. */
    private static void assertSameEdgesAcrossChunks(HeapGraph a, HeapGraph b, int idSize) {
        assertEquals(a.edgeCount(), b.edgeCount(), "edges, " + idSize + "-byte ids");
        assertTrue(a.edgeCount() > ReferenceBuffer.CHUNK, "references in more than one chunk");
        for (int e = 0; e < a.edgeCount(); e++) {
            assertEquals(a.edgeTarget(e), b.edgeTarget(e), "target of edge " + e);
            assertEquals(a.edgeNameOrIndex(e), b.edgeNameOrIndex(e), "name or index of edge " + e);
            assertEquals(a.edgeKind(e), b.edgeKind(e), "kind of edge " + e);
            assertEquals(a.retains(e), b.retains(e), "retention of edge " + e);
        }
        for (int v = 0; v < a.nodeCount(); v++) {
            assertEquals(a.firstEdge(v), b.firstEdge(v), "first edge of node " + v);
        }
    }

    private static GraphBuilder byIdBuilder() {
        return GraphBuilder.create("fields", "test", new ReadOptions(ReadOptions.ReadMode.GRAPH, java.util.Optional.empty(),
                true, java.util.Map.of()), ProgressListener.none());
    }

    /** Types Root, Holder and Leaf (in that order) and the string "f" (index 0). */
    private static int[] rootHolderLeaf(GraphBuilder g) {
        int[] types = {g.type("Root"), g.type("Holder"), g.type("Leaf")};
        g.string(0, "f");
        return types;
    }

    /** A builder in graph mode, keeping the graph or not. */
    private static GraphBuilder graphBuilder(String source, boolean keep) {
        return GraphBuilder.create(source, "test", new ReadOptions(
                ReadOptions.ReadMode.GRAPH, java.util.Optional.empty(), keep, java.util.Map.of()),
                ProgressListener.none());
    }

    /** A random graph by index: types, sizes and edges (an eighth of them weak) from {@code r}. */
    private static GraphBuilder randomGraph(java.util.Random r, int n, boolean keep) {
        GraphBuilder g = graphBuilder("random", keep);
        int[] types = {g.type("A"), g.type("B"), g.type("Infra", TypeTrait.INFRASTRUCTURE)};
        for (int i = 0; i < 4; i++) {
            g.string(i, "f" + i);
        }
        for (int v = 0; v < n; v++) {
            g.node(types[r.nextInt(types.length)], 1000 + v, r.nextInt(100));
        }
        int[] from = new int[r.nextInt(3 * n + 1)];
        for (int i = 0; i < from.length; i++) {
            from[i] = r.nextInt(n);
        }
        java.util.Arrays.sort(from);
        for (int f : from) {
            boolean weak = r.nextInt(8) == 0;
            g.edge(f, weak ? EdgeKind.WEAK : EdgeKind.PROPERTY, r.nextInt(4), r.nextInt(n), !weak);
        }
        g.root(r.nextInt(n), "test root");
        g.root(r.nextInt(n), "other root");
        return g;
    }
}
