package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The shortest-path search gives the same entries (the index each index is reached from, by which
 * edge) whether wide levels are shared with a second thread or not, however the rounds fall, and
 * whether the edges that do not retain are told by their flags or by negative targets.
 */
class PathIndexProperties {

    /** A graph in the search's arrays: edges by source, some not retaining, some names too wide for an entry. */
    record Csr(int size, int[] vertex, int[] start, int[] target, int[] names, byte[] flags, int[] roots) {

        static Csr random(long seed, int size, int maxDegree) {
            Random r = new Random(seed);
            int[] start = new int[size + 1];
            for (int v = 0; v < size; v++) {
                // mostly small degrees, now and then a wide one (an array)
                int degree = r.nextInt(8) == 0 ? r.nextInt(maxDegree + 1) : r.nextInt(4);
                start[v + 1] = start[v] + degree;
            }
            int m = start[size];
            int[] target = new int[m];
            int[] names = new int[m];
            byte[] flags = new byte[m];
            for (int e = 0; e < m; e++) {
                // a few hubs many edges point at, the rest anywhere
                target[e] = r.nextInt(4) == 0 ? r.nextInt(Math.min(size, 8)) : r.nextInt(size);
                names[e] = r.nextInt(50) == 0 ? (1 << 28) + r.nextInt(1000) : r.nextInt(1 << 20);
                flags[e] = (byte) (r.nextInt(6) == 0 ? GraphBuilder.NO_RETAIN | 3 : r.nextInt(8));
            }
            int[] vertex = null;
            if (r.nextBoolean()) {
                vertex = new int[size];
                for (int i = 0; i < size; i++) {
                    vertex[i] = i;
                }
                for (int i = size - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = vertex[i];
                    vertex[i] = vertex[j];
                    vertex[j] = t;
                }
            }
            int[] roots = new int[1 + r.nextInt(Math.min(size, 6))];
            for (int i = 0; i < roots.length; i++) {
                roots[i] = r.nextInt(size);
            }
            return new Csr(size, vertex, start, target, names, flags, roots);
        }

        /**
         * Index {@code i}'s entry names the edge it was reached by: the first retaining edge from
         * the index it was reached from to it (a later one finds it seen), with that edge's kind and
         * name (a wide name from the side table).
         */
        void checkNamed(PathIndex p, int i) {
            String[] parts = p.entryOf(i).split("/");
            long entry = Long.parseLong(parts[0]);
            int from = (int) (entry >> 32);
            if (entry == -1 || from < 0) {
                return; // unreached, or a root
            }
            int v = vertex == null ? from : vertex[from];
            int e = start[v];
            while (e < start[v + 1] && (target[e] != i || (flags[e] & GraphBuilder.NO_RETAIN) != 0)) {
                e++;
            }
            assertEquals(true, e < start[v + 1], "index " + i + " reached by an edge of " + from);
            int name = (int) entry & ((1 << 28) - 1);
            assertEquals(names[e], name == (1 << 28) - 1 ? Integer.parseInt(parts[1]) : name, "name of index " + i);
            assertEquals(flags[e] & GraphBuilder.KIND_MASK, (int) (entry >>> 28) & GraphBuilder.KIND_MASK,
                    "kind of index " + i);
        }

        PathIndex search(int splitLevel, int roundHalf) {
            return search(splitLevel, roundHalf, false);
        }

        /**
         * The search told the edges that do not retain by their flags, or (signed) by negative
         * targets ({@code ~index}), as the dominator pass leaves them.
         */
        PathIndex search(int splitLevel, int roundHalf, boolean signed) {
            int[] targets = target;
            if (signed) {
                targets = target.clone();
                for (int e = 0; e < targets.length; e++) {
                    if ((flags[e] & GraphBuilder.NO_RETAIN) != 0) {
                        targets[e] = ~targets[e];
                    }
                }
            }
            PathIndex p = PathIndex.search(null, size, roots, vertex, start, targets, signed ? null : flags,
                    new IntPool(), splitLevel, roundHalf);
            p.resolveNames(Ints.flat(names), flags);
            return p;
        }
    }

    @Property(tries = 300)
    void two_threads_find_the_same_paths_as_one(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int size,
            @ForAll @IntRange(min = 1, max = 5) int roundHalf, @ForAll @IntRange(min = 0, max = 30) int maxDegree) {
        Csr g = Csr.random(seed, size, maxDegree);
        PathIndex one = g.search(Integer.MAX_VALUE, roundHalf);
        // every level split, in rounds so short that the second thread's buffer (2 * roundHalf)
        // often fills before its half is done
        PathIndex two = g.search(2, roundHalf);
        PathIndex signedOne = g.search(Integer.MAX_VALUE, roundHalf, true);
        PathIndex signedTwo = g.search(2, roundHalf, true);
        for (int i = 0; i < size; i++) {
            assertEquals(one.entryOf(i), two.entryOf(i), "index " + i);
            assertEquals(one.entryOf(i), signedOne.entryOf(i), "index " + i + ", signed targets");
            assertEquals(one.entryOf(i), signedTwo.entryOf(i), "index " + i + ", signed targets, two threads");
            g.checkNamed(one, i);
        }
    }

    @Example
    void a_wide_graph_searched_on_two_threads_in_many_rounds_matches_one_thread() {
        // levels of tens of thousands of indexes, where both threads run at once and race for
        // the same targets (a quarter of all edges point at eight hubs)
        for (long seed = 1; seed <= 3; seed++) {
            Csr g = Csr.random(seed, 400_000, 64);
            PathIndex one = g.search(Integer.MAX_VALUE, PathIndex.ROUND_HALF);
            PathIndex two = g.search(1024, 2048);
            int reached = 0;
            for (int i = 0; i < g.size(); i++) {
                assertEquals(one.entryOf(i), two.entryOf(i), "index " + i);
                reached += one.reaches(i) ? 1 : 0;
            }
            // the search went wide: most of the graph is reached
            assertEquals(true, reached > g.size() / 2, "reached " + reached);
        }
    }
}
