package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.graph.HeapGraph;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import io.github.heapdiff.testing.SharedCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The final dump of the shared HPROF corpus in graph mode ({@code corpus/gen/JvmLeak.java}): the
 * leaking classes lead to the static map {@code acme.tracing.Agent.ACTIVE}, the config records to
 * the startup config, the LRU's values to the cache; graph mode counts what summary mode counts;
 * and retained sizes agree with a brute-force check on a sample of objects.
 */
class HprofCorpusGraphTest {

    private static Snapshot graph;
    private static Snapshot summary;

    @BeforeAll
    static void read() {
        Path dump = SharedCorpus.require("corpus/hprof/leak-3-final.hprof.gz");
        graph = SnapshotLoader.of(new HprofReader()).withKeepGraph(true).read(dump);
        summary = SnapshotLoader.of(new HprofReader()).withMode(ReadMode.SUMMARY).read(dump);
    }

    private static GroupFacts facts(String type) {
        return graph.group(GroupKey.of(type)).orElseThrow().facts().orElseThrow();
    }

    private static final String ACTIVE = "class acme.tracing.Agent --ACTIVE--> java.util.concurrent.ConcurrentHashMap";

    @Test
    void graph_mode_counts_and_sizes_equal_summary_mode() {
        assertEquals(HprofGraphTest.figures(summary), HprofGraphTest.figures(graph));
        assertEquals("300", graph.source().metadata().get("graph.dangling-references"),
                "object array slots pointing at objects the dump leaves out");
    }

    @Test
    void the_leaking_classes_are_held_by_the_static_map_agent_active() {
        GroupFacts segments = facts("acme.tracing.TraceSegment");
        assertEquals(new GroupFacts.Owner(GroupKey.of("acme.tracing.Transaction"), 15_577,
                graph.group(GroupKey.of("acme.tracing.TraceSegment")).orElseThrow().stats().retainedBytes()
                        .orElseThrow()), segments.owners().get(0));
        GroupFacts.AccumulationPoint map = segments.accumulationPoints().get(0);
        assertEquals("java.util.concurrent.ConcurrentHashMap", map.type());
        assertEquals(15_577, map.instances());
        assertTrue(map.path().orElseThrow().render().endsWith(ACTIVE), map.path().orElseThrow().render());

        GroupFacts transactions = facts("acme.tracing.Transaction");
        assertEquals(GroupKey.of("java.util.concurrent.ConcurrentHashMap"), transactions.owners().get(0).owner());
        assertEquals(3_764, transactions.owners().get(0).instances());
        for (String held : List.of("acme.tracing.Transaction", "acme.tracing.Timer",
                "acme.tracing.ExponentialBackoffStrategy")) {
            assertEquals(map.objectId(), facts(held).accumulationPoints().get(0).objectId(), held);
        }
        assertTrue(transactions.exemplarPath().orElseThrow().render().contains(ACTIVE + " --table--> "
                + "java.util.concurrent.ConcurrentHashMap$Node[] --["));
    }

    @Test
    void the_config_records_are_held_by_the_startup_config_and_the_cache_values_by_the_cache() {
        GroupFacts.AccumulationPoint config = facts("acme.tracing.JvmLeak$Genre").accumulationPoints().get(0);
        assertEquals(8_775, config.instances());
        assertTrue(config.path().orElseThrow().render().endsWith(
                "class acme.tracing.JvmLeak --GENRE_CONFIG--> java.util.ImmutableCollections$ListN"),
                config.path().orElseThrow().render());
        GroupFacts.AccumulationPoint cache = facts("acme.tracing.JvmLeak$PageLink").accumulationPoints().get(0);
        assertEquals(128, cache.instances());
        assertTrue(cache.path().orElseThrow().render().endsWith("--HREF_CACHE--> acme.tracing.JvmLeak$1"));
    }

    @Test
    void retained_sizes_agree_with_removing_the_object_and_counting_what_becomes_unreachable() {
        HeapGraph g = graph.graph().orElseThrow();
        int n = g.nodeCount();
        boolean[] live = reached(g, -1);
        List<Integer> sample = new ArrayList<>();
        sample.add(g.nodeWithId(facts("acme.tracing.TraceSegment").accumulationPoints().get(0).objectId()).getAsInt());
        sample.add(g.nodeWithId(facts("acme.tracing.JvmLeak$Genre").accumulationPoints().get(0).objectId()).getAsInt());
        Random r = new Random(4);
        while (sample.size() < 40) {
            int v = r.nextInt(n);
            if (live[v]) {
                sample.add(v);
            }
        }
        for (int v : sample) {
            boolean[] without = reached(g, v);
            long expected = 0;
            for (int w = 0; w < n; w++) {
                if (live[w] && !without[w]) {
                    expected += g.shallowSize(w);
                }
            }
            assertEquals(expected, g.retainedSize(v).orElseThrow(), "node " + v + " of " + g.groupKey(v));
        }
    }

    @Test
    void grouping_by_package_and_by_class_loader_counts_alike_in_both_modes() {
        Path dump = SharedCorpus.require("corpus/hprof/leak-3-final.hprof.gz");
        long acme = summary.groups().stream().filter(g -> g.key().type().startsWith("acme.tracing."))
                .mapToLong(g -> g.count()).sum();
        for (String by : List.of("package", "class-loader")) {
            Snapshot s = SnapshotLoader.of(new HprofReader()).withMode(ReadMode.SUMMARY)
                    .withSetting("hprof.grouping", by).read(dump);
            Snapshot g = SnapshotLoader.of(new HprofReader()).withSetting("hprof.grouping", by).read(dump);
            assertEquals(HprofGraphTest.figures(s), HprofGraphTest.figures(g), by);
            assertEquals(summary.totals().count(), g.totals().count(), by);
            assertEquals(by, g.source().metadata().get("hprof.grouping"));
        }
        Snapshot packages = SnapshotLoader.of(new HprofReader()).withSetting("hprof.grouping", "package").read(dump);
        assertEquals(acme, packages.group(GroupKey.of("acme.tracing")).orElseThrow().count());
        assertTrue(packages.group(GroupKey.of("acme.tracing")).orElseThrow().stats().retainedBytes().isPresent());
        Snapshot loaders = SnapshotLoader.of(new HprofReader()).withSetting("hprof.grouping", "class-loader")
                .withMode(ReadMode.SUMMARY).read(dump);
        // the program ran in source-file mode: its classes, and nothing else here, come from the launcher's loader
        assertEquals(acme, loaders.group(GroupKey.of("com.sun.tools.javac.launcher.Main$MemoryClassLoader"))
                .orElseThrow().count());
        assertTrue(loaders.group(GroupKey.of(GroupNames.BOOTSTRAP)).orElseThrow().count() > acme);
    }

    /** The nodes the roots reach over retaining edges without passing through {@code removed}. */
    private static boolean[] reached(HeapGraph g, int removed) {
        boolean[] seen = new boolean[g.nodeCount()];
        int[] queue = new int[g.nodeCount()];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < g.rootCount(); i++) {
            int root = g.root(i);
            if (root != removed && !seen[root]) {
                seen[root] = true;
                queue[tail++] = root;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int e = g.firstEdge(v), end = g.endEdge(v); e < end; e++) {
                int t = g.edgeTarget(e);
                if (g.retains(e) && t != removed && !seen[t]) {
                    seen[t] = true;
                    queue[tail++] = t;
                }
            }
        }
        return seen;
    }
}
