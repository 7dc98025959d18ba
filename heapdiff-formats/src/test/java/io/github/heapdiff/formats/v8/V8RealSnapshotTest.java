package io.github.heapdiff.formats.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.IdentityCheck;
import io.github.heapdiff.IdentityHistory;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Origin;
import io.github.heapdiff.RetainerPath;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.graph.HeapGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two small real snapshots of one Node.js process, bundled with their oracle (see
 * {@code src/test/resources/v8/ORACLE.md}): counts as memlab and an independent scanner count
 * them, retained sizes and dominators of every node as memlab computes them, the leak's holder,
 * and the identity diff.
 */
class V8RealSnapshotTest {

    static final String BASELINE = "small-1-baseline.heapsnapshot.gz";
    static final String FINAL = "small-3-final.heapsnapshot.gz";

    static final Map<String, Oracle> ORACLES = Map.of(
            BASELINE, new Oracle(42_869, 192_810,
                    Map.of("TraceSegment", 79L, "Timer", 99L, "Transaction", 20L, "ExponentialBackoffStrategy", 0L),
                    Map.of("id,genreIds", 300L, "href,ids", 17L, "nr_exclusive_duration_millis", 80L),
                    Map.of("activeTransactions", 49_536L, "genreConfig", 46_224L, "hrefCache", 3_784L),
                    11_663_823L, 270_257_766_098L, "20838853508912"),
            FINAL, new Oracle(50_885, 222_901,
                    Map.of("TraceSegment", 508L, "Timer", 639L, "Transaction", 131L, "ExponentialBackoffStrategy", 9L),
                    Map.of("id,genreIds", 300L, "href,ids", 17L, "nr_exclusive_duration_millis", 509L),
                    Map.of("activeTransactions", 310_632L, "genreConfig", 46_224L, "hrefCache", 3_784L),
                    14_365_983L, 365_922_494_251L, "34296120119978"));

    private static final Map<String, Snapshot> CACHE = new ConcurrentHashMap<>();

    /** Reads a bundled snapshot once, through service discovery, keeping its graph. */
    static Snapshot read(String name, SnapshotLoader loader, String variant) {
        return CACHE.computeIfAbsent(name + "/" + variant, k -> {
            try (InputStream in = V8RealSnapshotTest.class.getResourceAsStream("/v8/" + name)) {
                return loader.read(in, name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Snapshot graph(String name) {
        return read(name, Snapshots.loader().withKeepGraph(true), "graph");
    }

    @Test
    void counts_equal_memlab_and_the_independent_scanner() {
        for (String name : List.of(BASELINE, FINAL)) {
            Snapshot s = graph(name);
            assertEquals(V8HeapSnapshotReader.FORMAT_ID, s.source().formatId(), "found by service discovery");
            ORACLES.get(name).checkCounts(s, name);
            ORACLES.get(name).checkShapes(read(name, Snapshots.loader().withGrouping(Grouping.SHAPE), "shape"), name);
        }
    }

    @Test
    void retained_sizes_and_dominators_of_every_node_equal_memlab() {
        for (String name : List.of(BASELINE, FINAL)) {
            ORACLES.get(name).checkRetained(graph(name).graph().orElseThrow(), name);
        }
    }

    @Test
    void owners_and_accumulation_point_lead_to_the_map_that_leaks() {
        Snapshot s = graph(FINAL);
        HeapGraph g = s.graph().orElseThrow();
        long map = g.id(Oracle.variable(g, "activeTransactions"));
        for (String type : List.of("TraceSegment", "Timer", "Transaction")) {
            GroupFacts f = s.group(GroupKey.of(type)).orElseThrow().facts().orElseThrow();
            GroupFacts.AccumulationPoint holder = f.accumulationPoints().get(0);
            assertEquals(map, holder.objectId(), type + " " + f.accumulationPoints());
            assertEquals(s.group(GroupKey.of(type)).orElseThrow().count(), holder.instances(), type);
            assertEquals(310_632, holder.retainedBytes());
            assertTrue(holder.path().orElseThrow().render().endsWith("--activeTransactions--> Map"),
                    holder.path().orElseThrow().render());
        }
        GroupFacts segments = s.group(GroupKey.of("TraceSegment")).orElseThrow().facts().orElseThrow();
        assertEquals(new GroupFacts.Owner(GroupKey.of("Transaction"), 508, s.group(GroupKey.of("TraceSegment"))
                .orElseThrow().stats().retainedBytes().getAsLong()), segments.owners().get(0));
        GroupFacts transactions = s.group(GroupKey.of("Transaction")).orElseThrow().facts().orElseThrow();
        assertEquals(GroupKey.of("Map"), transactions.owners().get(0).owner());
        RetainerPath path = segments.exemplarPath().orElseThrow();
        assertTrue(path.render().contains("--activeTransactions--> Map --table--> (array) --"), path.render());
        assertTrue(path.render().endsWith("--> Transaction --trace--> TraceSegment"), path.render());
    }

    @Test
    void types_defined_in_a_script_have_it_as_origin() {
        Snapshot s = graph(FINAL);
        for (String type : List.of("TraceSegment", "Timer", "Transaction", "ExponentialBackoffStrategy")) {
            Origin o = s.group(GroupKey.of(type)).orElseThrow().origin().orElseThrow(() -> new AssertionError(type));
            assertTrue(o.name().endsWith("corpus/gen/v8-leak.js"), o.render());
            assertEquals("constructor script", o.basis());
        }
        assertEquals(java.util.Optional.empty(), s.group(GroupKey.of("Object")).orElseThrow().origin(),
                "plain objects come from the built-in Object constructor");
    }

    @Test
    void identity_diff_of_one_process_tells_new_and_surviving_objects() {
        HeapDiff diff = graph(BASELINE).diff(graph(FINAL));
        assertEquals(IdentityCheck.Status.TRACKED, diff.identityCheck().status(), diff.identityCheck().reason());
        IdentityHistory segments = diff.delta(GroupKey.of("TraceSegment")).orElseThrow().identity().orElseThrow();
        // every segment of the baseline leaked, so all 79 survive and the 429 new ones are all still alive
        assertEquals(new IdentityHistory.Step(429, 0, 79), segments.steps().get(0));
        IdentityHistory config = diff.delta(GroupKey.of("Object")).orElseThrow().identity().orElseThrow();
        assertTrue(config.steps().get(0).survived() >= 300, "the config objects survive: " + config);
        GroupDelta timers = diff.delta(GroupKey.of("Timer")).orElseThrow();
        assertEquals(new IdentityHistory.Step(540, 0, 99), timers.identity().orElseThrow().steps().get(0));
    }

    @Test
    void summary_mode_gives_the_same_counts_and_identities() {
        for (String name : List.of(BASELINE, FINAL)) {
            Snapshot full = graph(name);
            Snapshot summary = read(name, Snapshots.loader().withMode(io.github.heapdiff.spi.ReadOptions.ReadMode.SUMMARY),
                    "summary");
            assertEquals(full.groups().size(), summary.groups().size());
            for (ObjectGroup g : full.groups()) {
                ObjectGroup s = summary.group(g.key()).orElseThrow();
                assertEquals(g.stats().withoutRetained(), s.stats(), g.key().toString());
                assertEquals(g.ids(), s.ids(), g.key().toString());
            }
        }
    }
}
