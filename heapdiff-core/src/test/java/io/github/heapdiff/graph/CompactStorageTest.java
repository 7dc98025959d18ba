package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        ReferenceBuffer b = new ReferenceBuffer();
        int n = 2 * ReferenceBuffer.CHUNK + 77;
        for (int i = 0; i < n; i++) {
            long id = i % 1000 == 999 ? 0x1_0000_0000_0001L + i : 0x7_0000_0000L + 8L * i;
            b.add(id, i * 3, (byte) (i & 0x7F));
        }
        assertEquals(n, b.size());
        for (int i = 0; i < n; i++) {
            long id = i % 1000 == 999 ? 0x1_0000_0000_0001L + i : 0x7_0000_0000L + 8L * i;
            assertEquals(id, b.targetId(i), "id " + i);
            assertEquals(i * 3, b.name(i));
            assertEquals((byte) (i & 0x7F), b.flags(i));
        }
        b.releaseIdsBefore(n + ReferenceBuffer.CHUNK);
        b.releaseNamesBefore(n + ReferenceBuffer.CHUNK);
        b.clear();
    }

    @Test
    void references_by_id_across_many_chunks_resolve_in_order_and_dangling_ones_drop_out() {
        GraphBuilder g = GraphBuilder.create("g", "t", ReadOptions.DEFAULTS, ProgressListener.none());
        int type = g.type("T");
        int n = 1000;
        int perNode = 2500; // 2.5 M references: three chunks
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
    void the_lean_dominator_pass_gives_the_plain_pass_results() {
        for (long seed = 1; seed <= 200; seed++) {
            java.util.Random r = new java.util.Random(seed);
            int n = 1 + r.nextInt(60);
            int[] from = new int[r.nextInt(3 * n + 1)];
            for (int i = 0; i < from.length; i++) {
                from[i] = r.nextInt(n);
            }
            java.util.Arrays.sort(from);
            int[] start = new int[n + 1];
            int[] target = new int[from.length];
            byte[] flags = new byte[from.length];
            for (int i = 0; i < from.length; i++) {
                start[from[i] + 1]++;
                target[i] = r.nextInt(n);
                flags[i] = r.nextInt(8) == 0 ? (byte) GraphBuilder.NO_RETAIN : 0;
            }
            for (int v = 0; v < n; v++) {
                start[v + 1] += start[v];
            }
            LongColumn sizes = new LongColumn(n);
            for (int v = 0; v < n; v++) {
                sizes.set(v, r.nextInt(100));
            }
            int[] roots = {r.nextInt(n), r.nextInt(n)};
            Dominators plain = Dominators.compute(n, start, target, flags, sizes, roots, roots.length, f -> { },
                    new IntPool(), false);
            Dominators lean = Dominators.compute(n, start, target, flags, sizes, roots, roots.length, f -> { },
                    new IntPool(), true);
            assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(plain.idom, n + 1)),
                    java.util.Arrays.toString(java.util.Arrays.copyOf(lean.idom, n + 1)), "seed " + seed);
            assertEquals(java.util.Arrays.toString(plain.retained), java.util.Arrays.toString(lean.retained),
                    "seed " + seed);
            assertEquals(plain.reachedFromRoots, lean.reachedFromRoots);
        }
    }
}
