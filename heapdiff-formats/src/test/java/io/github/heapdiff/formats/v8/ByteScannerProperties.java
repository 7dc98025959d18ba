package io.github.heapdiff.formats.v8;

import io.github.heapdiff.testing.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The record decoder's fast path agrees with the one-number-at-a-time decoder on any array text. */
class ByteScannerProperties {

    static final SnapshotSink SINK = new RecordingSink("numbers", "v8-heapsnapshot");

    /** An input stream that hands out at most {@code chunk} bytes per read, to put numbers across buffer ends. */
    static InputStream chunked(byte[] b, int chunk) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] out, int off, int len) {
                return super.read(out, off, Math.min(len, chunk));
            }
        };
    }

    /** Decodes an array's elements; the result ends with the error's offset (negated, minus one) if it failed. */
    static List<Long> decode(byte[] text, boolean bulk, int bufferSize, int chunk) throws IOException {
        ByteScanner s = new ByteScanner(chunked(text, chunk), SINK, bufferSize);
        List<Long> out = new ArrayList<>();
        long[] values = new long[1 << 16];
        int[] offsets = new int[1 << 16];
        try {
            s.expect('[', "'['");
            while (true) {
                long base = s.offset();
                if (bulk) {
                    s.record(values, offsets, 0, 3, base);
                } else {
                    for (int f = 0; f < 3; f++) {
                        values[f] = s.arrayNumber();
                        offsets[f] = (int) (s.numberOffset - base);
                        if (s.separator == ']' && f < 2) {
                            throw s.errorAt(s.offset() - 1, "the rest of a record of 3 numbers", "']'");
                        }
                    }
                }
                for (int i = 0; i < 3; i++) {
                    out.add(values[i]);
                    out.add(base + offsets[i]);
                }
                if (s.separator == ']') {
                    return out;
                }
            }
        } catch (MalformedSnapshotException e) {
            out.add(-1 - e.location().position());
            return out;
        }
    }

    static byte[] array(long seed, int count, boolean junk) {
        Random r = new Random(seed);
        String[] seps = {",", ",", ",", "\n,", ",\n", " , ", ",\t", "\r\n,"};
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(seps[r.nextInt(seps.length)]);
            }
            int digits = 1 + r.nextInt(r.nextInt(10) == 0 ? 17 : 9);
            for (int d = 0; d < digits; d++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            if (junk && r.nextInt(count) == 0) {
                sb.append("-.e ,x]\u00e9".charAt(r.nextInt(8)));
            }
        }
        sb.append(r.nextBoolean() ? "]" : "\n]");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void fast_and_single_decoding_agree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int count,
            @ForAll boolean junk, @ForAll @IntRange(min = 1, max = 5000) int chunk) throws IOException {
        byte[] text = array(seed, 3 * count, junk);
        for (int buffer : new int[] {64, 4096, 1 << 16}) {
            List<Long> single = decode(text, false, buffer, chunk);
            List<Long> fast = decode(text, true, buffer, chunk);
            assertEquals(single, fast, "buffer " + buffer + ", text " + new String(text, StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 50)
    void plain_arrays_decode_to_their_numbers(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        long[] want = new long[2001];
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < want.length; i++) {
            want[i] = r.nextInt(3) == 0 ? r.nextInt(10) : Math.abs(r.nextLong()) % (1L << 53);
            sb.append(i > 0 ? (i % 7 == 0 ? "\n," : ",") : "").append(want[i]);
        }
        sb.append("]");
        List<Long> got = decode(sb.toString().getBytes(StandardCharsets.US_ASCII), true, 1 << 16, 1 << 20);
        long[] values = new long[got.size() / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = got.get(2 * i);
        }
        assertArrayEquals(want, values);
    }
}
