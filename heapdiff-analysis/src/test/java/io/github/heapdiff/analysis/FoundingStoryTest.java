package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupDelta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The founding story's two mdb_v8 listings, row for row: what the engineer found by hand, found by heapdiff. */
class FoundingStoryTest {

    static LeakReport report() {
        return Fixtures.foundingBefore().diff(Fixtures.foundingAfter()).rank(Rankings.composite())
                .attribute(Heuristics.defaults());
    }

    @Test
    void finding_one_is_trace_segment_a_likely_leak_of_ten_and_a_half_times() {
        Finding f = report().findings().get(0);
        assertEquals("TraceSegment: name, transaction, ...", f.group().key().render());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        assertEquals(10.54, f.group().countRatio().getAsDouble(), 0.005);
        assertEquals(1, report().likelyLeaks().size(), "only TraceSegment is a likely leak");
    }

    @Test
    void timer_and_the_nr_objects_are_companions_growing_in_lock_step_with_trace_segment() {
        Finding f = report().findings().get(0);
        long ts = f.group().countDelta().getAsLong();
        for (String key : List.of("Timer: state, touched, duration, ...", "Object: nr_exclusive_duration_millis")) {
            Companion c = f.companions().stream().filter(x -> x.key().render().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " is not a companion of " + f.companions()));
            double ratio = (double) c.delta().countDelta().getAsLong() / ts;
            assertTrue(ratio >= 0.975 && ratio <= 1.075, key + " grew " + ratio + "x TraceSegment's growth");
            assertEquals(ratio, c.evidence().numbers().get("ratio").doubleValue(), 0.0001);
        }
        assertTrue(f.companions().stream().anyMatch(c -> c.key().render().equals("Array [2]")),
                "the 2-element arrays grew most of all, and are folded into TraceSegment's finding");
        for (Finding other : report().findings().subList(1, report().findings().size())) {
            assertTrue(!other.group().key().type().equals("Timer"), "Timer is never a suspect of its own");
        }
    }

    @Test
    void the_config_objects_are_the_control() {
        LeakReport r = report();
        assertEquals(List.of("Object: id, genreIds"), r.controls().stream().map(d -> d.key().render()).toList());
        assertTrue(r.warnings().stream().noneMatch(w -> w.reason().startsWith("no large group")), r.warnings().toString());
    }

    @Test
    void exponential_backoff_strategy_is_new_and_arguments_is_not_shown_not_gone() {
        LeakReport r = report();
        assertEquals(List.of("ExponentialBackoffStrategy: ..."), r.newGroups().stream().map(d -> d.key().render()).toList());
        assertEquals(List.of("Arguments: 0, length"), r.notShown().stream().map(d -> d.key().render()).toList());
        assertEquals(List.of(), r.goneGroups());
        GroupDelta args = r.notShown().get(0);
        assertTrue(args.countDelta().isEmpty(), "its change is unknown, not -4,643");
        assertTrue(r.findings().stream().noneMatch(f -> f.group().key().equals(args.key())));
    }

    @Test
    void the_well_known_table_names_the_new_relic_agent_as_supporting_evidence_only() {
        Finding f = report().findings().get(0);
        Evidence e = f.evidence(Evidence.KIND_WELL_KNOWN).orElseThrow();
        assertTrue(e.reason().contains("New Relic Node.js agent"), e.reason());
        assertEquals(0.0, e.weight());
        Assessment without = Assessment.of(f.evidence().stream().filter(x -> x != e).toList());
        assertEquals(f.assessment(), without, "supporting evidence never changes the verdict");
    }

    @Test
    void text_report_matches_the_golden_file() throws IOException {
        golden("founding-story.txt", ReportWriter.text().toString(report()));
    }

    @Test
    void markdown_report_matches_the_golden_file() throws IOException {
        golden("founding-story.md", ReportWriter.markdown().toString(report()));
    }

    @Test
    void the_real_listings_read_by_the_mdb_reader_give_the_same_report() {
        LeakReport real = Fixtures.listing("before.txt").diff(Fixtures.listing("after.txt")).rank(Rankings.composite())
                .attribute(Heuristics.defaults());
        assertEquals(ReportWriter.text().toString(report()), ReportWriter.text().toString(real));
        assertEquals(ReportWriter.json().toString(report()), ReportWriter.json().toString(real));
    }

    /** Compares with src/test/resources/golden/NAME; run with -Dheapdiff.updateGolden=true to rewrite it. */
    static void golden(String name, String actual) throws IOException {
        Path source = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("heapdiff.updateGolden")) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = FoundingStoryTest.class.getResourceAsStream("/golden/" + name)) {
            assertTrue(in != null, "no golden file " + name + "; run once with -Dheapdiff.updateGolden=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }
}
