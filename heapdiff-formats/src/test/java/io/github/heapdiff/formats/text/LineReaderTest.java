package io.github.heapdiff.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Reads every line of {@code content} through a loader, so that errors come out as they would for a reader. */
    static List<String> lines(byte[] content, InputStream trickle) {
        List<String> out = new ArrayList<>();
        SnapshotReader reader = new SnapshotReader() {
            @Override
            public String formatId() {
                return "lines";
            }

            @Override
            public String description() {
                return "lines";
            }

            @Override
            public MatchStrength probe(ProbeInput input) {
                return MatchStrength.SOLID_MATCH;
            }

            @Override
            public void read(InputStream in, SnapshotSink sink) throws IOException {
                LineReader lines = new LineReader(in, sink);
                String line;
                while ((line = lines.next()) != null) {
                    out.add(line);
                    assertEquals(out.size(), lines.lineNumber());
                }
                assertNull(lines.next());
            }
        };
        SnapshotLoader.of(reader).read(trickle != null ? trickle : new ByteArrayInputStream(content), "lines.txt");
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lines_end_at_newlines_with_or_without_carriage_returns_and_the_last_may_lack_one() {
        assertEquals(List.of("a", "", "b c", "d"), lines(bytes("a\r\n\nb c\nd"), null));
        assertEquals(List.of("a", "b"), lines(bytes("a\nb\n"), null));
        assertEquals(List.of("é ü €"), lines(bytes("é ü €\n"), null));
    }

    @Test
    void lines_spanning_many_blocks_and_a_trickling_stream_read_whole() {
        String longLine = "x".repeat(60_000);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(longLine).append(i).append('\n');
        }
        byte[] content = bytes(sb.toString());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(longLine + i);
        }
        assertEquals(expected, lines(content, null));
        InputStream trickle = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7_777));
            }
        };
        assertEquals(expected, lines(content, trickle));
    }

    @Test
    void a_line_longer_than_the_limit_is_malformed_at_its_number() {
        byte[] content = bytes("first\nsecond\n" + "z".repeat(LineReader.MAX_LINE + 1) + "\nlast\n");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> lines(content, null));
        assertEquals(Location.line(3), e.location());
        assertTrue(e.getMessage().contains("a line of at most 65536 bytes"), e.getMessage());
        byte[] endless = new byte[3 * LineReader.MAX_LINE];
        java.util.Arrays.fill(endless, (byte) 'q');
        assertEquals(Location.line(1), assertThrows(MalformedSnapshotException.class,
                () -> lines(endless, null)).location());
        assertEquals(1, lines(bytes("y".repeat(LineReader.MAX_LINE) + "\n"), null).size());
    }
}
