package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.heapdiff.Grouping;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.testing.SharedCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared corpus's V8 heap snapshots, read with their object graph: the founding story with holder and path. */
class CorpusV8Test {

    private static List<Snapshot> read(Grouping grouping) {
        SnapshotLoader loader = Snapshots.loader();
        assumeTrue(loader.formatIds().contains("v8-heapsnapshot"), "skipped: no V8 heap snapshot reader on the class path");
        List<Snapshot> out = new ArrayList<>();
        for (String f : List.of("leak-1-baseline", "leak-2-target", "leak-3-final")) {
            out.add(loader.withGrouping(grouping).read(SharedCorpus.require("corpus/v8/" + f + ".heapsnapshot.gz")));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Grouping.class)
    void one_finding_holds_the_tracing_objects_held_by_the_active_transactions_map(Grouping grouping) {
        LeakReport r = HeapDiff.of(read(grouping)).rank(Rankings.composite()).attribute(Heuristics.defaults());
        assertEquals(1, r.likelyLeaks().size(), r.likelyLeaks().toString());
        Finding f = r.findings().get(0);
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        Set<String> members = f.companions().stream().map(c -> c.key().type()).collect(Collectors.toSet());
        members.add(f.group().key().type());
        assertTrue(members.containsAll(Set.of("Transaction", "TraceSegment", "Timer", "ExponentialBackoffStrategy", "Object")),
                members.toString());
        if (grouping == Grouping.SHAPE) {
            assertTrue(f.companions().stream().anyMatch(c -> c.key().render().equals("Object: nr_exclusive_duration_millis")),
                    f.companions().toString());
        }
        Evidence holder = f.holder().orElseThrow();
        assertTrue(holder.reason().startsWith("held by Map @"), holder.reason());
        String path = holder.path().orElseThrow().render();
        assertTrue(path.endsWith("--activeTransactions--> Map"), path);
        assertTrue(r.findings().stream().noneMatch(x -> x.group().key().render().startsWith("Object: ids, href")),
                "the full LRU is no suspect");
        if (grouping == Grouping.SHAPE) {
            List<String> controls = r.controls().stream().map(d -> d.key().render()).toList();
            assertEquals("Object: id, genreIds", controls.get(0), "the config objects are the first control");
            assertTrue(controls.contains("Object: ids, href"), controls.toString());
        }
    }
}
