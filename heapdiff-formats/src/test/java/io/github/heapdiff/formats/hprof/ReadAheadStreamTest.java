package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReadAheadStreamTest {

    @Property(tries = 60)
    void reads_and_skips_see_the_same_bytes_as_the_plain_stream(@ForAll long seed) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Random r = new Random(seed);
            byte[] data = new byte[r.nextInt(200_000)];
            r.nextBytes(data);
            int chunk = 1 + r.nextInt(4096);
            long threshold = r.nextInt(5000);
            try (ReadAheadStream in = new ReadAheadStream(new ByteArrayInputStream(data), threshold, chunk)) {
                int pos = 0;
                while (true) {
                    if (r.nextInt(4) == 0) {
                        int n = r.nextInt(3 * chunk);
                        long k = in.skip(n);
                        assertTrue(k >= 0 && k <= n);
                        pos += (int) k;
                        continue;
                    }
                    byte[] b = new byte[1 + r.nextInt(2 * chunk)];
                    int n = in.read(b, 0, b.length);
                    if (pos >= data.length) {
                        assertEquals(-1, n, "past the end at " + pos);
                        break;
                    }
                    assertTrue(n > 0, "a read at " + pos + " of " + data.length + " returned " + n);
                    byte[] want = java.util.Arrays.copyOfRange(data, pos, pos + n);
                    assertArrayEquals(want, java.util.Arrays.copyOf(b, n), "bytes at " + pos);
                    pos += n;
                }
            }
        });
    }

    @Test
    void closing_midway_stops_the_thread() throws IOException {
        byte[] data = new byte[1 << 20];
        ReadAheadStream in = new ReadAheadStream(new ByteArrayInputStream(data), 10, 1024);
        in.read(new byte[5000]);   // the first 10 bytes and more pass straight through
        in.read(new byte[5000]);   // this one is served by the thread
        assertTrue(in.readingAhead());
        in.close();
        boolean alive = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("heapdiff-hprof-read-ahead") && t.isAlive());
        assertTrue(!alive, "the read-ahead thread outlived close()");
    }

    @Test
    void a_failure_of_the_underlying_stream_reaches_the_reader_as_it_was() {
        IOException boom = new IOException("disk on fire");
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw boom;
                }
                return 1;
            }
        };
        IOException e = assertThrows(IOException.class, () -> {
            try (ReadAheadStream in = new ReadAheadStream(failing, 100, 64)) {
                in.readAllBytes();
            }
        });
        assertSame(boom, e);
    }

    @Test
    void a_skip_far_beyond_what_was_read_ahead_seeks_and_the_end_shows_on_the_next_read() throws IOException {
        VirtualStream v = new VirtualStream(new byte[] {1, 2, 3}, 5_000_000_000L, new byte[] {9});
        try (ReadAheadStream in = new ReadAheadStream(v, 1, 16)) {
            assertEquals(1, in.read());
            assertEquals(2, in.read());
            assertEquals(5_000_000_001L, in.skip(5_000_000_001L));
            assertEquals(9, in.read());
            assertEquals(-1, in.read());
        }
    }
}
