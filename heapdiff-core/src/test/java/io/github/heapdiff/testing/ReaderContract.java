package io.github.heapdiff.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.SnapshotReadException;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SnapshotReader} passes: extend it in the reader's test and give it
 * the reader and a few valid samples.
 *
 * <p>It checks that the reader probes its own samples above "inconclusive" and random bytes
 * without throwing, reads each sample (plain and gzipped) to a non-empty snapshot, and that
 * damaged input (truncated, bytes flipped, deleted or inserted; a jqwik property over seeds)
 * ends in nothing but a {@link SnapshotReadException} naming the source.
 */
public abstract class ReaderContract {

    /** The reader under test. */
    protected abstract SnapshotReader reader();

    /** Valid samples by name: small, real or realistic content of the format. */
    protected abstract Map<String, byte[]> samples();

    /**
     * Returns true when every strict prefix of a sample (cut anywhere) must be rejected as
     * malformed: binary formats with lengths and end markers, listings with a closing line.
     * Listings that can legitimately end after any complete line return false. A prefix that
     * lacks only trailing whitespace (a final newline) is not a truncation and is not tried.
     */
    protected boolean truncationIsAlwaysAnError() {
        return true;
    }

    private Snapshot read(byte[] content, String name) {
        return SnapshotLoader.of(reader()).withFormat(reader().formatId())
                .read(new ByteArrayInputStream(content), name);
    }

    @Test
    void format_id_is_lowercase_with_dashes() {
        assertTrue(reader().formatId().matches("[a-z0-9][a-z0-9-]*"), reader().formatId());
        assertFalse(reader().description().isBlank());
    }

    @Test
    void probe_recognises_every_sample() {
        samples().forEach((name, bytes) -> {
            MatchStrength m = reader().probe(ProbeInput.of(name, bytes));
            assertTrue(m.compareTo(MatchStrength.INCONCLUSIVE) > 0, name + " probed as " + m);
        });
    }

    @Test
    void probe_never_throws_on_random_bytes() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            reader().probe(ProbeInput.of("junk", junk));
        }
        reader().probe(ProbeInput.of("empty", new byte[0]));
    }

    @Test
    void every_sample_reads_plain_and_gzipped_with_detection() throws IOException {
        for (Map.Entry<String, byte[]> e : samples().entrySet()) {
            Snapshot plain = read(e.getValue(), e.getKey());
            assertFalse(plain.groups().isEmpty(), e.getKey() + " read without groups");
            assertEquals(reader().formatId(), plain.source().formatId());
            Snapshot detected = SnapshotLoader.of(reader()).read(new ByteArrayInputStream(gzip(e.getValue())),
                    e.getKey() + ".gz");
            assertEquals(plain.groups(), detected.groups(), e.getKey() + " read differently when gzipped");
        }
    }

    @Test
    void truncated_input_is_an_error_or_a_shorter_snapshot_never_anything_else() {
        for (Map.Entry<String, byte[]> e : samples().entrySet()) {
            byte[] b = e.getValue();
            int step = Math.max(1, b.length / 400);
            for (int cut = 0; cut < b.length; cut += step) {
                if (onlyWhitespaceFrom(b, cut)) {
                    continue;
                }
                byte[] prefix = Arrays.copyOf(b, cut);
                try {
                    read(prefix, e.getKey());
                    if (truncationIsAlwaysAnError()) {
                        fail(e.getKey() + " cut at " + cut + " of " + b.length + " read without an error");
                    }
                } catch (SnapshotReadException expected) {
                    assertTrue(expected.getMessage().contains(e.getKey()), expected.getMessage());
                }
            }
        }
    }

    @Property(tries = 150)
    void damaged_input_raises_only_the_read_exception(@ForAll long seed) {
        Random random = new Random(seed);
        for (Map.Entry<String, byte[]> e : samples().entrySet()) {
            byte[] mutated = e.getValue();
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                mutated = mutate(mutated, random);
            }
            try {
                read(mutated, e.getKey());
            } catch (SnapshotReadException expected) {
                assertTrue(expected.getMessage().startsWith(e.getKey()), expected.getMessage());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError other) {
                throw new AssertionError(e.getKey() + " mutated with seed " + seed + " escaped with " + other, other);
            }
        }
    }

    @Test
    void empty_input_is_malformed() {
        assertThrows(MalformedSnapshotException.class, () -> read(new byte[0], "empty"));
    }

    private static boolean onlyWhitespaceFrom(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != '\n' && b[i] != '\r' && b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Returns a damaged copy of {@code b}: bytes flipped, a run deleted, or junk inserted. */
    public static byte[] mutate(byte[] b, Random random) {
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] out = b.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> {
                int at = random.nextInt(out.length);
                int len = Math.min(out.length - at, 1 + random.nextInt(16));
                byte[] shorter = new byte[out.length - len];
                System.arraycopy(out, 0, shorter, 0, at);
                System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                out = shorter;
            }
            case 2 -> {
                int at = random.nextInt(out.length);
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                byte[] longer = new byte[out.length + junk.length];
                System.arraycopy(out, 0, longer, 0, at);
                System.arraycopy(junk, 0, longer, at, junk.length);
                System.arraycopy(out, at, longer, at + junk.length, out.length - at);
                out = longer;
            }
            default -> {
                int at = random.nextInt(out.length);
                out[at] = (byte) (random.nextBoolean() ? 0xff : '9');
            }
        }
        return out;
    }

    /** Gzips {@code b}. */
    public static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(b);
        }
        return bos.toByteArray();
    }
}
