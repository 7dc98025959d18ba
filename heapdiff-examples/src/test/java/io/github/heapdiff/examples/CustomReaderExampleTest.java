package io.github.heapdiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomReaderExampleTest {

    @Test
    void a_reader_registered_in_its_own_jar_is_found_by_snapshots_read() {
        Snapshot s = Snapshots.read(new ByteArrayInputStream(
                "# heapdiff-csv\nSession,3,288\n".getBytes(StandardCharsets.UTF_8)), "s.csv");
        assertEquals("csv-counts", s.source().formatId());
        assertEquals(3, s.group(GroupKey.of("Session")).orElseThrow().count());
    }

    @Test
    void a_bad_line_names_the_line_and_the_text() {
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> Snapshots.read(
                new ByteArrayInputStream("# heapdiff-csv\nSession,3,288\nSession;x\n".getBytes(StandardCharsets.UTF_8)),
                "bad.csv"));
        assertEquals("bad.csv (csv-counts): line 3: expected '<type>,<count>,<bytes>' with counts >= 0 but found 'Session;x'",
                e.getMessage());
    }

    @Test
    void the_example_prints_the_diff_with_the_growing_session_first() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            CustomReaderExample.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Grew (2)"), out);
        assertTrue(out.indexOf("Session") < out.indexOf("byte[]"), out);
        assertTrue(out.contains("Unchanged (1)"), out);
    }
}
