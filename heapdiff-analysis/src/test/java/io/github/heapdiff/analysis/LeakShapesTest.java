package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leak shapes that are not the founding story's, from real runs (src/test/gen): an event-listener leak, a static
 * cache keyed by request, and bounded churn with no leak, each as V8 heap-snapshot summaries and as JVM class
 * histograms, over three snapshots and over the first and last only.
 */
class LeakShapesTest {

    private static LeakReport report(List<Snapshot> snapshots) {
        return HeapDiff.of(snapshots).rank(Rankings.composite()).attribute(Heuristics.defaults());
    }

    private static List<List<Snapshot>> variants(String shape) {
        List<Snapshot> v8 = Fixtures.summaries("/shapes/" + shape + ".v8.tsv");
        List<Snapshot> jvm = Fixtures.shapeHistograms(shape);
        return List.of(v8, List.of(v8.get(0), v8.get(2)), jvm, List.of(jvm.get(0), jvm.get(2)));
    }

    @Test
    void an_event_listener_leak_is_found_as_the_captured_request_context_with_its_closures() {
        for (List<Snapshot> s : variants("listeners")) {
            LeakReport r = report(s);
            Finding f = r.findings().get(0);
            assertEquals("RequestContext", TypeNames.simpleName(f.group().key().type()), f.toString());
            assertEquals(Verdict.LIKELY_LEAK, f.verdict(), f.toString());
            assertTrue(f.companions().stream().anyMatch(c -> TypeNames.simpleName(c.key().type()).equals("Headers")),
                    f.companions().toString());
            assertEquals(1, r.likelyLeaks().size(), r.likelyLeaks().toString());
        }
        Finding v8 = report(variants("listeners").get(0)).findings().get(0);
        assertTrue(v8.companions().stream().anyMatch(c -> c.key().type().equals("(closure)")),
                "the listener closures are folded in: " + v8.companions());
    }

    @Test
    void a_static_cache_keyed_by_request_is_found_as_its_entries() {
        for (List<Snapshot> s : variants("cache")) {
            LeakReport r = report(s);
            List<Finding> leaks = r.likelyLeaks();
            assertEquals(1, leaks.size(), leaks.toString());
            assertEquals("Fragment", TypeNames.simpleName(leaks.get(0).group().key().type()), leaks.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void bounded_churn_is_no_likely_leak_and_its_full_lru_is_a_control(int variant) {
        LeakReport r = report(variants("churn").get(variant));
        assertFalse(r.hasLikelyLeak(), r.likelyLeaks().toString());
        assertTrue(r.controls().stream().anyMatch(d -> TypeNames.simpleName(d.key().type()).equals("Page")),
                "the LRU of 256 pages did not move: " + r.controls());
    }

    @Test
    void over_three_snapshots_the_job_queue_that_went_up_and_down_is_judged_not_a_leak() {
        for (int variant : new int[] {0, 2}) {
            LeakReport r = report(variants("churn").get(variant));
            Finding job = r.findings().stream().filter(f -> TypeNames.simpleName(f.group().key().type()).equals("Job"))
                    .findFirst().orElseThrow(() -> new AssertionError("Job is not a finding"));
            assertEquals(Verdict.NOT_A_LEAK, job.verdict(), job.evidence().toString());
            assertTrue(job.evidence(Evidence.KIND_CHURN).isPresent(), job.evidence().toString());
        }
    }
}
