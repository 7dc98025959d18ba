package io.github.heapdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void no_command_is_a_usage_error() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("name a command"), r.err());
    }

    @Test
    void diff_needs_two_files() {
        Run r = run("diff", "one.txt");
        assertEquals(2, r.code());
    }

    @Test
    void a_missing_file_is_bad_input_with_a_one_line_error() {
        Run r = run("show", "/nonexistent/dump.hprof");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("heapdiff: /nonexistent/dump.hprof: no such file", r.err().strip());
    }

    @Test
    void an_unknown_format_lists_the_formats_tried(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a heap snapshot\n");
        Run r = run("show", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("no format recognised"), r.err());
        assertTrue(r.err().contains("--input-format"), r.err());
    }

    @Test
    void an_unknown_ranking_is_a_usage_error_naming_the_choices(@TempDir Path dir) throws Exception {
        Run r = run("diff", "--rank", "size", "a", "b");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("count, bytes, retained, ratio, steady"), r.err());
    }

    @Test
    void top_must_be_a_positive_whole_number_in_every_command() {
        for (String command : new String[] {"diff", "leaks"}) {
            Run zero = run(command, "--top", "0", "a", "b");
            assertEquals(2, zero.code());
            assertTrue(zero.err().contains("'0' must be positive"), zero.err());
        }
        Run word = run("show", "--top", "many", "a");
        assertEquals(2, word.code());
        assertTrue(word.err().contains("'many' is not a whole number"), word.err());
    }

    @Test
    void help_and_version_exit_zero() {
        assertEquals(0, run("--help").code());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("heapdiff "), v.out());
    }
}
