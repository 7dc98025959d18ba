package io.github.heapdiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.heapdiff.analysis.Finding;
import io.github.heapdiff.analysis.Verdict;
import org.junit.jupiter.api.Test;

class FoundingStoryLeaksTest {

    @Test
    void the_first_finding_is_trace_segment_with_its_companions() {
        Finding f = FoundingStoryLeaks.report().findings().get(0);
        assertEquals("TraceSegment: name, transaction, ... +189,979 (x10.54), explains Array [2], Timer: state, touched, "
                + "duration, ..., Object: nr_exclusive_duration_millis; likely leak (medium confidence)", f.summary());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
    }
}
