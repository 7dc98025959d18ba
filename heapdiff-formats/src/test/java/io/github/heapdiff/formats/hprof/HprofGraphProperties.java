package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.heapdiff.Snapshot;
import io.github.heapdiff.graph.HeapGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Retained sizes of random dumps read in graph mode against a brute-force oracle built from what
 * the dump was made of: an object's retained size is its own size plus that of every object that
 * no GC root reaches any more once the object is taken away, following strong references only
 * (fields, array slots, statics, a class's superclass; not a soft reference's referent).
 */
class HprofGraphProperties {

    /** A random dump and the strong references it was made of, by object id. */
    record RandomDump(byte[] bytes, Map<Long, List<Long>> strong, List<Long> roots) {

        static RandomDump of(long seed, int n) {
            Random r = new Random(seed);
            DumpBuilder b = new DumpBuilder("1.0.2", 8);
            Map<Long, List<Long>> strong = new LinkedHashMap<>();
            long object = b.klass("java/lang/Object", 0);
            long reference = b.klass("java/lang/ref/Reference", object, "Object referent", "Object queue");
            long soft = b.klass("java/lang/ref/SoftReference", reference);
            long a = b.klass("acme/A", object, "Object f", "int x", "Object g");
            long array = b.klass("[Ljava/lang/Object;", object);
            long holder = b.address();
            b.load(holder, "acme/Holder");
            strong.put(object, new ArrayList<>());
            for (long c : new long[] {reference, a, array, holder}) {
                strong.put(c, new ArrayList<>(List.of(object)));
            }
            strong.put(soft, new ArrayList<>(List.of(reference)));
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = b.address();
                strong.put(ids[i], new ArrayList<>());
            }
            List<Long> targets = new ArrayList<>(strong.keySet());
            long s1 = pick(r, targets);
            long s2 = pick(r, targets);
            b.heap().classDump(holder, object, 0, 0, new long[][] {{b.str("ONE"), Hprof.OBJECT, s1},
                {b.str("TWO"), Hprof.OBJECT, s2}, {b.str("COUNT"), Hprof.INT, 7}}, new long[0][]);
            edge(strong, holder, s1);
            edge(strong, holder, s2);
            for (int i = 0; i < n; i++) {
                long id = ids[i];
                switch (r.nextInt(4)) {
                    case 0 -> {
                        long f = pick(r, targets);
                        long g = pick(r, targets);
                        b.heap().instance(id, a, b.fields().ref(f).i32(i).ref(g).toBytes());
                        edge(strong, id, f);
                        edge(strong, id, g);
                    }
                    case 1 -> {
                        long referent = pick(r, targets);
                        long queue = pick(r, targets);
                        b.heap().instance(id, soft, b.fields().ref(referent).ref(queue).toBytes());
                        edge(strong, id, queue);
                    }
                    case 2 -> {
                        long[] elements = new long[r.nextInt(5)];
                        for (int k = 0; k < elements.length; k++) {
                            elements[k] = pick(r, targets);
                            edge(strong, id, elements[k]);
                        }
                        b.heap().objectArray(id, array, elements);
                    }
                    default -> b.heap().primitiveArray(id, Hprof.BYTE, r.nextInt(20));
                }
                if (r.nextInt(4) == 0) {
                    b.nextPart();
                }
            }
            List<Long> roots = new ArrayList<>(List.of(object, holder));
            b.heap().rootStickyClass(object).rootStickyClass(holder);
            for (int k = r.nextInt(3); k > 0; k--) {
                long root = ids[r.nextInt(n)];
                roots.add(root);
                b.heap().rootJniGlobal(root, k);
            }
            return new RandomDump(b.segments(), strong, roots);
        }

        /** A random object or class, nothing (0) or an id no object has. */
        private static long pick(Random r, List<Long> targets) {
            int k = r.nextInt(targets.size() + 3);
            return k < targets.size() ? targets.get(k) : k == targets.size() ? 0xBAD0 : 0;
        }

        private static void edge(Map<Long, List<Long>> strong, long from, long to) {
            if (strong.containsKey(to)) {
                strong.get(from).add(to);
            }
        }

        /** The objects the roots reach without passing through {@code removed}. */
        Set<Long> reached(long removed) {
            Set<Long> seen = new HashSet<>();
            ArrayDeque<Long> queue = new ArrayDeque<>();
            for (long root : roots) {
                if (root != removed && seen.add(root)) {
                    queue.add(root);
                }
            }
            while (!queue.isEmpty()) {
                for (long t : strong.get(queue.poll())) {
                    if (t != removed && seen.add(t)) {
                        queue.add(t);
                    }
                }
            }
            return seen;
        }
    }

    @Property(tries = 300)
    void retained_sizes_are_what_becomes_unreachable_when_the_object_is_removed(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int objects) {
        RandomDump d = RandomDump.of(seed, objects);
        Snapshot s = HprofGraphTest.graph(d.bytes());
        HeapGraph g = s.graph().orElseThrow();
        Map<Long, Long> size = new HashMap<>();
        for (long id : d.strong().keySet()) {
            size.put(id, g.shallowSize(HprofGraphTest.node(g, id)));
        }
        Set<Long> live = d.reached(0);
        for (long id : d.strong().keySet()) {
            int node = HprofGraphTest.node(g, id);
            assertEquals(live.contains(id), g.retainerPath(node).isPresent(), "reachability of 0x" + Long.toHexString(id));
            if (!live.contains(id)) {
                continue;
            }
            Set<Long> without = d.reached(id);
            long expected = 0;
            for (long other : live) {
                if (!without.contains(other)) {
                    expected += size.get(other);
                }
            }
            assertEquals(expected, g.retainedSize(node).orElseThrow(), "retained size of 0x" + Long.toHexString(id));
        }
    }
}
