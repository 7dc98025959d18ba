package io.github.heapdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on the founding story's listings (bundled in this module's test resources). */
class FoundingStoryCommandTest {

    @TempDir
    Path dir;

    private Path listing(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/text/mdb/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static void assertRow(String out, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(out).find(), () -> "no line matching " + regex + " in\n" + out);
    }

    @Test
    void diff_ranks_the_growth_and_keeps_not_shown_apart_from_gone() throws IOException {
        MainTest.Run r = MainTest.run("diff", listing("before.txt").toString(), listing("after.txt").toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertRow(out, "^\\s+1\\s+Array \\[2\\]\\s+71,743\\s+507,224\\s+\\+435,481\\s+x7\\.07$");
        assertRow(out, "^\\s+3\\s+TraceSegment: name, transaction, \\.\\.\\.\\s+19,917\\s+209,896\\s+\\+189,979\\s+x10\\.54$");
        assertRow(out, "^\\s+\\d+\\s+ExponentialBackoffStrategy: \\.\\.\\.\\s+-\\s+14,099\\s+\\+14,099\\s+new$");
        assertRow(out, "^Unchanged \\(1\\)");
        assertRow(out, "^\\s+Object: id, genreIds\\s+8,775\\s+8,775\\s+0\\s+x1\\.00$");
        assertRow(out, "^Not shown \\(1\\)");
        assertRow(out, "^\\s+Arguments: 0, length\\s+4,643\\s+not shown\\s+\\?\\s+\\?$");
        assertTrue(!out.contains("Gone"), out);
    }

    @Test
    void markdown_output_is_a_table_per_section() throws IOException {
        MainTest.Run r = MainTest.run("diff", "--format", "markdown", "--top", "3",
                listing("before.txt").toString(), listing("after.txt").toString());
        assertEquals(0, r.code(), r.err());
        assertRow(r.out(), "^## Grew \\(top 3 of 13\\)$");
        assertRow(r.out(), "^\\| 3 \\| TraceSegment: name, transaction, \\.\\.\\. \\| 19,917 \\| 209,896 \\| \\+189,979 \\| x10\\.54 \\|$");
    }

    @Test
    void grouping_by_type_merges_the_array_lengths() throws IOException {
        MainTest.Run r = MainTest.run("diff", "--group", "type", listing("before.txt").toString(), listing("after.txt").toString());
        assertEquals(0, r.code(), r.err());
        // 71,743 + 59,489 + 49,769 + 9,430 arrays before; after shows 507,224 + 202,984 + 198,161 + 15,593
        assertRow(r.out(), "^\\s+1\\s+Array\\s+190,431\\s+923,962\\s+\\+733,531\\s+x4\\.85$");
    }

    @Test
    void show_lists_one_snapshot_largest_first() throws IOException {
        MainTest.Run r = MainTest.run("show", "--top", "2", listing("after.txt").toString());
        assertEquals(0, r.code(), r.err());
        assertRow(r.out(), "14 groups, 1,750,160 objects \\(partial: the listing elided rows\\)");
        assertRow(r.out(), "^\\s+1\\s+Array \\[2\\]\\s+507,224$");
        assertRow(r.out(), "^\\s+2\\s+Timer: state, touched, duration, \\.\\.\\.\\s+223,481$");
        assertRow(r.out(), "\\.\\.\\. and 12 more groups");
    }
}
