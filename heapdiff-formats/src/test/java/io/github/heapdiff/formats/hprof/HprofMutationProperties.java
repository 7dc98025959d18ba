package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.SnapshotReadException;
import io.github.heapdiff.testing.ReaderContract;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Damaged dumps end in the read exception and nothing else, and quickly: lengths and counts set
 * to extremes (the fields that drive skips and allocations), sub-record tags swapped, random
 * edits in bulk. Each read must finish within two seconds.
 */
class HprofMutationProperties {

    private static final List<byte[]> SAMPLES = List.of(Fixtures.hotspot101(), Fixtures.hotspot102(),
            Fixtures.android103(), Fixtures.instancesBeforeClasses());

    private static final int[] EXTREMES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 0x7FFF_FFF0, 0xFFFF};

    private static void readQuickly(byte[] bytes, String what) {
        long start = System.nanoTime();
        try {
            SnapshotLoader.of(new HprofReader()).withFormat("hprof").read(new ByteArrayInputStream(bytes), "m.hprof");
        } catch (SnapshotReadException expected) {
            assertTrue(expected.getMessage().startsWith("m.hprof"), expected.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError other) {
            throw new AssertionError(what + " escaped with " + other, other);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, what + " took " + millis + " ms");
    }

    @Property(tries = 400)
    void a_u4_set_to_an_extreme_value_anywhere_raises_only_the_read_exception(@ForAll @IntRange(max = 3) int sample,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(max = 6) int extreme) {
        byte[] b = SAMPLES.get(sample).clone();
        int at = where % (b.length - 3);
        int v = EXTREMES[extreme];
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        readQuickly(b, "sample " + sample + " with 0x" + Integer.toHexString(v) + " at " + at);
    }

    @Property(tries = 300)
    void a_byte_set_to_any_tag_anywhere_raises_only_the_read_exception(@ForAll @IntRange(max = 3) int sample,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(max = 255) int tag) {
        byte[] b = SAMPLES.get(sample).clone();
        int at = where % b.length;
        b[at] = (byte) tag;
        readQuickly(b, "sample " + sample + " with byte 0x" + Integer.toHexString(tag) + " at " + at);
    }

    @Property(tries = 200)
    void many_random_edits_raise_only_the_read_exception(@ForAll long seed) {
        Random random = new Random(seed);
        for (byte[] sample : SAMPLES) {
            byte[] b = sample;
            for (int k = 0, n = 1 + random.nextInt(8); k < n; k++) {
                b = ReaderContract.mutate(b, random);
            }
            readQuickly(b, "seed " + seed);
        }
    }
}
