package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.testing.SharedCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus's HPROF dumps, read with their object graph: the JVM twin of the founding
 * story, with the holder a static map and its retainer path.
 */
class CorpusHprofTest {

    @Test
    void one_finding_holds_the_tracing_objects_held_by_the_static_map_agent_active() {
        SnapshotLoader loader = Snapshots.loader();
        assumeTrue(loader.formatIds().contains("hprof"), "skipped: no HPROF reader on the class path");
        List<Snapshot> snapshots = new ArrayList<>();
        for (String f : List.of("leak-1-baseline", "leak-2-target", "leak-3-final")) {
            snapshots.add(loader.read(SharedCorpus.require("corpus/hprof/" + f + ".hprof.gz")));
        }
        LeakReport r = HeapDiff.of(snapshots).rank(Rankings.composite()).attribute(Heuristics.defaults());
        assertEquals(1, r.likelyLeaks().size(), r.likelyLeaks().toString());
        Finding f = r.findings().get(0);
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        Set<String> members = f.companions().stream().map(c -> c.key().type()).collect(Collectors.toSet());
        members.add(f.group().key().type());
        assertTrue(members.containsAll(Set.of("acme.tracing.Transaction", "acme.tracing.TraceSegment",
                "acme.tracing.Timer", "acme.tracing.ExponentialBackoffStrategy", "java.util.HashMap",
                "java.util.ArrayList")), members.toString());
        Evidence holder = f.holder().orElseThrow();
        assertTrue(holder.reason().startsWith("held by java.util.concurrent.ConcurrentHashMap @"), holder.reason());
        String path = holder.path().orElseThrow().render();
        assertTrue(path.endsWith("class acme.tracing.Agent --ACTIVE--> java.util.concurrent.ConcurrentHashMap"), path);
        List<String> controls = r.controls().stream().map(d -> d.key().render()).toList();
        assertEquals("acme.tracing.JvmLeak$Genre", controls.get(0), "the config records are the first control");
        assertTrue(controls.contains("acme.tracing.JvmLeak$PageLink"), controls.toString());
        assertTrue(r.findings().stream().noneMatch(x -> x.group().key().type().startsWith("acme.tracing.JvmLeak$")),
                "neither the config nor the full LRU is a suspect");
    }
}
