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

    @Property(tries = 60)
    void an_input_that_takes_the_blocks_over_reads_what_a_plain_one_reads(@ForAll long seed) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Random r = new Random(seed);
            byte[] data = new byte[r.nextInt(300_000)];
            r.nextBytes(data);
            int chunk = 1 + r.nextInt(8192);
            int carry = r.nextInt(3000);
            try (ReadAheadStream ahead = new ReadAheadStream(new ByteArrayInputStream(data), r.nextInt(5000), chunk,
                    carry)) {
                HprofInput blocks = new HprofInput(ahead, 64, 1024);
                HprofInput plain = new HprofInput(new ByteArrayInputStream(data), 64, 1024);
                while (true) {
                    assertEquals(plain.offset(), blocks.offset());
                    int op = r.nextInt(6);
                    if (op == 0) {
                        long n = r.nextInt(4) == 0 ? r.nextInt(20_000) : r.nextInt(40);
                        boolean ok = skip(plain, n);
                        assertEquals(ok, skip(blocks, n), "skip " + n + " at " + plain.offset());
                        if (!ok) {
                            assertEquals(plain.missingAt(), blocks.missingAt(), "where the input ended");
                            break;
                        }
                    } else if (op == 1) {
                        byte[] a = new byte[r.nextInt(3 * chunk + 2)];
                        byte[] b = new byte[a.length];
                        boolean ok = readFully(plain, a);
                        assertEquals(ok, readFully(blocks, b), "readFully at " + plain.offset());
                        if (!ok) {
                            assertEquals(plain.missingAt(), blocks.missingAt(), "where the input ended");
                            break;
                        }
                        assertArrayEquals(a, b);
                    } else {
                        // what the parser does: need n bytes, then read them from the buffer
                        int n = 1 + r.nextInt(op == 2 ? 2000 : 9);
                        boolean ok = plain.fill(n);
                        assertEquals(ok, blocks.fill(n), "fill " + n + " at " + plain.offset());
                        if (!ok) {
                            assertEquals(plain.buffered(), blocks.buffered());
                            break;
                        }
                        assertArrayEquals(java.util.Arrays.copyOfRange(plain.buf, plain.pos, plain.pos + n),
                                java.util.Arrays.copyOfRange(blocks.buf, blocks.pos, blocks.pos + n), "bytes at " + plain.offset());
                        assertEquals(plain.base() + plain.pos, blocks.base() + blocks.pos);
                        plain.pos += n;
                        blocks.pos += n;
                    }
                }
            }
        });
    }

    private static boolean skip(HprofInput in, long n) throws IOException {
        try {
            in.skip(n);
            return true;
        } catch (java.io.EOFException e) {
            return false;
        }
    }

    private static boolean readFully(HprofInput in, byte[] into) throws IOException {
        try {
            in.readFully(into, 0, into.length);
            return true;
        } catch (java.io.EOFException e) {
            return false;
        }
    }

    @Test
    void a_real_dump_parsed_from_blocks_read_ahead_gives_the_plain_parse() throws IOException {
        byte[] dump;
        try (InputStream gz = new java.util.zip.GZIPInputStream(
                ReadAheadStreamTest.class.getResourceAsStream("/hprof/sa/jhsdb-binaryheap.hprof.gz"))) {
            dump = gz.readAllBytes();
        }
        HeapVisitorTest.Recorder plain = new HeapVisitorTest.Recorder();
        new HprofParser(new HprofInput(new ByteArrayInputStream(dump)),
                new io.github.heapdiff.testing.RecordingSink("plain.hprof", "hprof"), plain).parse();
        // read ahead from the first bytes on, in blocks smaller than some records, with little room to carry
        for (int[] sizes : new int[][] {{4096, 512}, {1000, 64}, {65536, 16}}) {
            HeapVisitorTest.Recorder blocks = new HeapVisitorTest.Recorder();
            try (ReadAheadStream ahead = new ReadAheadStream(new ByteArrayInputStream(dump), 100, sizes[0], sizes[1])) {
                new HprofParser(new HprofInput(ahead), new io.github.heapdiff.testing.RecordingSink("blocks.hprof", "hprof"),
                        blocks).parse();
            }
            assertTrue(plain.events.size() > 10_000, "a dump of some size: " + plain.events.size());
            assertEquals(plain.events, blocks.events, "blocks of " + sizes[0] + ", carrying " + sizes[1]);
        }
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
