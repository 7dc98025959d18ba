package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real dump written by HotSpot's serviceability agent ({@code jhsdb jmap --binaryheap}, what
 * {@code jmap -F} became) rather than by the VM itself, read against the class histogram
 * {@code jcmd GC.class_histogram -all} printed just before it, with no collection in between (see
 * {@code hprof/sa/ORACLE.md}). The agent's dumper writes its records its own way and declares no
 * sticky-class roots.
 */
class ServiceabilityAgentDumpTest {

    private static final String DIR = "/hprof/sa/";

    private static Snapshot read(ReadMode mode) {
        try (InputStream in = ServiceabilityAgentDumpTest.class.getResourceAsStream(DIR + "jhsdb-binaryheap.hprof.gz")) {
            return SnapshotLoader.of(new HprofReader()).withMode(mode).read(in, "jhsdb-binaryheap.hprof.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, long[]> histogram() throws IOException {
        try (InputStream in = ServiceabilityAgentDumpTest.class.getResourceAsStream(DIR + "jhsdb-binaryheap.histo.txt")) {
            return Histograms.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ObjectGroup group(Snapshot s, String name) {
        return s.group(GroupKey.of(name)).orElseThrow(() -> new AssertionError(name + " is not in the dump"));
    }

    @Test
    void every_class_count_equals_the_histogram_but_the_int_array_fillers() throws IOException {
        Snapshot s = read(ReadMode.SUMMARY);
        Map<String, long[]> histogram = histogram();
        assertEquals(histogram.size(), s.groups().size(), "one group a histogram row");
        for (Map.Entry<String, long[]> e : histogram.entrySet()) {
            long dumped = group(s, e.getKey()).count();
            if (e.getKey().equals("int[]")) {
                // the histogram also walks the int[] fillers of unused allocation buffers, which dumps leave out
                long fillers = e.getValue()[0] - dumped;
                assertTrue(fillers >= 0 && fillers <= 8, "int[]: " + dumped + " dumped, " + e.getValue()[0] + " walked");
            } else {
                assertEquals(e.getValue()[0], dumped, e.getKey());
            }
        }
        // the fixture's own classes, bytes included, under the model detected from object spacing
        assertEquals("hotspot-64-coops", s.source().metadata().get("hprof.size-model"));
        for (String own : new String[] {"SaFixture$Session", "SaFixture$Setting"}) {
            assertEquals(histogram.get(own)[1], group(s, own).stats().shallowBytes().getAsLong(), own + " bytes");
        }
        assertEquals(1000, group(s, "SaFixture$Session").count());
        assertEquals(200, group(s, "SaFixture$Setting").count());
    }

    @Test
    void bootstrap_classes_hold_their_statics_as_system_class_roots_when_the_dump_declares_none() {
        Snapshot s = read(ReadMode.GRAPH);
        Map<String, String> meta = s.source().metadata();
        assertEquals("ROOT JNI LOCAL: 4, ROOT THREAD OBJECT: 12", meta.get("hprof.roots"));
        assertTrue(meta.getOrDefault("hprof.roots.inferred", "").matches("\\d+ classes of the bootstrap loader.*"),
                meta.get("hprof.roots.inferred"));
        // held by nothing but a static of a bootstrap class: reachable, from that class
        String system = group(s, "java.lang.System$2").facts().orElseThrow().exemplarPath().orElseThrow().render();
        assertTrue(system.startsWith("[system class] class "), system);
        // the fixture's sessions are held by its static list
        String session = group(s, "SaFixture$Session").facts().orElseThrow().exemplarPath().orElseThrow().render();
        assertTrue(session.contains("class SaFixture --SESSIONS--> java.util.ArrayList --elementData--> "), session);
        assertEquals("java.util.ArrayList", group(s, "SaFixture$Session").facts().orElseThrow().owners().get(0).owner()
                .render());
    }

    @Test
    void dumps_that_declare_sticky_class_roots_get_no_roots_inferred() {
        Snapshot s = HprofGraphTest.graph(Fixtures.hotspot101());
        assertFalse(s.source().metadata().containsKey("hprof.roots.inferred"));
    }
}
