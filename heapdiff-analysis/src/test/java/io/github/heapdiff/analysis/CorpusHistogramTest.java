package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.testing.SharedCorpus;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shared corpus's class histograms of the JVM version of the founding story: findings without any graph. */
class CorpusHistogramTest {

    private static List<Snapshot> histograms() {
        return List.of(
                Snapshots.read(SharedCorpus.require("corpus/hprof/leak-1-baseline.histo.txt")),
                Snapshots.read(SharedCorpus.require("corpus/hprof/leak-2-target.histo.txt")),
                Snapshots.read(SharedCorpus.require("corpus/hprof/leak-3-final.histo.txt")));
    }

    private static Set<String> members(Finding f) {
        Set<String> s = f.companions().stream().map(c -> c.key().type()).collect(Collectors.toSet());
        s.add(f.group().key().type());
        return s;
    }

    @Test
    void three_histograms_give_one_likely_leak_holding_the_tracing_classes_with_genre_as_control() {
        LeakReport r = HeapDiff.of(histograms()).rank(Rankings.composite()).attribute(Heuristics.defaults());
        Finding f = r.findings().get(0);
        assertEquals("acme.tracing.TraceSegment", f.group().key().type());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        assertEquals(Confidence.HIGH, f.confidence());
        assertTrue(members(f).containsAll(Set.of("acme.tracing.Timer", "acme.tracing.Transaction",
                "java.util.HashMap", "java.lang.Double", "java.util.ArrayList")), members(f).toString());
        assertEquals(1, r.likelyLeaks().size(), r.likelyLeaks().toString());
        List<String> controls = r.controls().stream().map(d -> d.key().type()).toList();
        assertEquals("acme.tracing.JvmLeak$Genre", controls.get(0));
        assertTrue(controls.contains("acme.tracing.JvmLeak$PageLink"), "the full LRU did not move: " + controls);
        assertTrue(r.findings().stream().noneMatch(x -> x.group().key().type().endsWith("PageLink")));
    }

    @Test
    void a_histogram_pair_gives_trace_segment_as_a_likely_leak_without_any_graph() {
        List<Snapshot> h = histograms();
        LeakReport r = h.get(0).diff(h.get(2)).rank(Rankings.composite()).attribute(Heuristics.defaults());
        Finding f = r.findings().get(0);
        assertEquals("acme.tracing.TraceSegment", f.group().key().type());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        assertTrue(members(f).contains("acme.tracing.Transaction"), members(f).toString());
        assertTrue(r.likelyLeaks().stream().allMatch(x -> x.group().key().type().startsWith("acme.tracing.")),
                "no JDK class is a likely leak: " + r.likelyLeaks());
        assertEquals("acme.tracing.JvmLeak$Genre", r.controls().get(0).key().type());
        assertTrue(f.evidence(Evidence.KIND_ORIGIN).orElseThrow().reason().contains("acme.tracing"));
    }
}
