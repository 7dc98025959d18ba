package io.github.heapdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaksCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path snapshot(String name, String... rows) throws Exception {
        return Files.writeString(dir.resolve(name), TestCountsReader.MAGIC + "\n" + String.join("\n", rows) + "\n");
    }

    /** A session store that leaks: Session grows at every step with its Array and Timer, Config stays put. */
    private Path[] leakingService() throws Exception {
        return new Path[] {
            snapshot("1.txt", "Session 1000", "Timer 1010", "Array 5000", "Config 9000", "Buffer 300"),
            snapshot("2.txt", "Session 6000", "Timer 6020", "Array 10100", "Config 9000", "Buffer 310"),
            snapshot("3.txt", "Session 11000", "Timer 11030", "Array 15050", "Config 9000", "Buffer 305"),
        };
    }

    @Test
    void fail_on_leak_exits_with_the_leak_code_when_a_finding_is_a_likely_leak() throws Exception {
        Path[] s = leakingService();
        Run r = run("leaks", s[0].toString(), s[1].toString(), s[2].toString(), "--fail-on-leak", "--no-progress");
        assertEquals(Main.EXIT_LEAK, r.code(), r.err());
        assertTrue(r.out().contains("Finding 1: Session"), r.out());
        assertTrue(r.out().contains("likely leak"), r.out());
    }

    @Test
    void without_fail_on_leak_a_likely_leak_still_exits_zero() throws Exception {
        Path[] s = leakingService();
        Run r = run("leaks", s[0].toString(), s[2].toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void two_identical_snapshots_exit_zero_with_fail_on_leak() throws Exception {
        Path a = snapshot("a.txt", "Session 1000", "Config 9000");
        Path b = snapshot("b.txt", "Session 1000", "Config 9000");
        Run r = run("leaks", a.toString(), b.toString(), "--fail-on-leak");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0 likely leaks"), r.out());
        assertTrue(r.out().contains("Config"), "the unchanged group is a control: " + r.out());
    }

    @Test
    void malformed_input_exits_with_the_bad_input_code() throws Exception {
        Path a = snapshot("a.txt", "Session 1000");
        Path b = snapshot("b.txt", "Session one-thousand");
        Run r = run("leaks", a.toString(), b.toString(), "--fail-on-leak");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("line 2"), r.err());
    }

    @Test
    void a_missing_file_exits_with_the_bad_input_code() throws Exception {
        Path a = snapshot("a.txt", "Session 1000");
        Run r = run("leaks", a.toString(), dir.resolve("nope.txt").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    }

    @Test
    void an_unknown_report_format_is_a_usage_error() throws Exception {
        Path[] s = leakingService();
        Run r = run("leaks", s[0].toString(), s[1].toString(), "--format", "pdf");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown report format 'pdf'"), r.err());
    }

    @Test
    void out_writes_the_html_report_to_a_file() throws Exception {
        Path[] s = leakingService();
        Path html = dir.resolve("report.html");
        Run r = run("leaks", s[0].toString(), s[1].toString(), s[2].toString(), "--format", "html", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg"), page);
    }

    @Test
    void json_goes_to_stdout_with_its_schema_version() throws Exception {
        Path[] s = leakingService();
        Run r = run("leaks", s[0].toString(), s[1].toString(), "--format", "json", "--top", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"schemaVersion\" : 1"), r.out());
    }

    private Path listing(String name) throws Exception {
        try (java.io.InputStream in = getClass().getResourceAsStream("/text/mdb/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void the_founding_story_is_a_likely_leak_of_trace_segment() throws Exception {
        Run r = run("leaks", listing("before.txt").toString(), listing("after.txt").toString(), "--fail-on-leak");
        assertEquals(Main.EXIT_LEAK, r.code(), r.err());
        assertTrue(r.out().contains("Finding 1: TraceSegment: name, transaction, ..."), r.out());
        assertTrue(r.out().contains("Object: id, genreIds  8,775"), r.out());
    }

    @Test
    void the_founding_story_listing_diffed_with_itself_exits_zero() throws Exception {
        Path before = listing("before.txt");
        Run r = run("leaks", before.toString(), before.toString(), "--fail-on-leak");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void the_corpus_histograms_are_a_likely_leak() {
        Run r = run("leaks", "--fail-on-leak", "--format", "markdown",
                io.github.heapdiff.testing.SharedCorpus.require("corpus/hprof/leak-1-baseline.histo.txt").toString(),
                io.github.heapdiff.testing.SharedCorpus.require("corpus/hprof/leak-2-target.histo.txt").toString(),
                io.github.heapdiff.testing.SharedCorpus.require("corpus/hprof/leak-3-final.histo.txt").toString());
        assertEquals(Main.EXIT_LEAK, r.code(), r.err());
        assertTrue(r.out().contains("## Finding 1: acme.tracing.TraceSegment"), r.out());
    }

    @Test
    void help_documents_the_exit_codes() {
        Run r = run("--help");
        assertTrue(r.out().contains("Exit codes:") && r.out().contains("1   leaks --fail-on-leak found a likely leak"), r.out());
        Run leaks = run("leaks", "--help");
        assertTrue(leaks.out().contains("--fail-on-leak") && leaks.out().contains("1 a likely leak"), leaks.out());
    }
}
