package io.github.heapdiff.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.Snapshot;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.UnknownFormatException;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The discovered text readers tell their formats apart, and refuse what is not theirs. */
class TextFormatDetectionTest {

    static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("mdb/before.txt", MdbFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("mdb/after.txt", MdbFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("mdb/mdb-verbose-64bit.txt", MdbFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("llnode/llnode-simple.txt", LlnodeFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("llnode/llnode-simple-nofooter.txt", LlnodeFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("llnode/llnode-detailed.txt", LlnodeFindjsobjectsReader.FORMAT_ID);
        SAMPLES.put("jmap/jdk17-jcmd-class-histogram.txt.gz", JmapHistoReader.FORMAT_ID);
        SAMPLES.put("jmap/jdk25-jmap-histo.txt.gz", JmapHistoReader.FORMAT_ID);
        SAMPLES.put("jmap/jdk8-jmap-histo-live.txt", JmapHistoReader.FORMAT_ID);
    }

    static final List<SnapshotReader> TEXT_READERS = List.of(new MdbFindjsobjectsReader(),
            new LlnodeFindjsobjectsReader(), new JmapHistoReader());

    @Test
    void the_service_loader_finds_the_three_text_readers() {
        assertTrue(Snapshots.loader().formatIds().containsAll(List.of(MdbFindjsobjectsReader.FORMAT_ID,
                LlnodeFindjsobjectsReader.FORMAT_ID, JmapHistoReader.FORMAT_ID)), Snapshots.loader().formatIds()
                        .toString());
    }

    @Test
    void the_loader_picks_the_right_reader_for_each_sample_plain_and_gzipped() throws IOException {
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            byte[] content = Samples.bytes(e.getKey());
            String name = Samples.name(e.getKey());
            Snapshot plain = Snapshots.read(new ByteArrayInputStream(content), name);
            assertEquals(e.getValue(), plain.source().formatId(), name);
            Snapshot gz = Snapshots.read(new ByteArrayInputStream(ReaderContract.gzip(content)), name + ".gz");
            assertEquals(e.getValue(), gz.source().formatId(), name + ".gz");
            assertEquals(plain.groups(), gz.groups(), name);
        }
    }

    @Test
    void each_sample_is_claimed_by_its_own_reader_only() {
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            ProbeInput probe = ProbeInput.of(Samples.name(e.getKey()), Samples.bytes(e.getKey()));
            for (SnapshotReader r : TEXT_READERS) {
                MatchStrength m = r.probe(probe);
                if (r.formatId().equals(e.getValue())) {
                    assertTrue(m.compareTo(MatchStrength.WEAK_MATCH) >= 0, e.getKey() + " by " + r.formatId());
                } else {
                    assertEquals(MatchStrength.NO_MATCH, m, e.getKey() + " by " + r.formatId());
                }
            }
        }
    }

    @Test
    void headers_make_solid_matches() {
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            ProbeInput probe = ProbeInput.of(Samples.name(e.getKey()), Samples.bytes(e.getKey()));
            SnapshotReader own = TEXT_READERS.stream().filter(r -> r.formatId().equals(e.getValue())).findFirst()
                    .orElseThrow();
            assertEquals(MatchStrength.SOLID_MATCH, own.probe(probe), e.getKey());
        }
    }

    @Test
    void v8_json_and_hprof_binaries_are_not_claimed() {
        byte[] v8 = "{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\"]},\"node_count\":5},\n\"nodes\":[9,1,1,0\n,3,2,3,0\n]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] hprof = new byte[64];
        byte[] magic = "JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, hprof, 0, magic.length);
        hprof[19] = 8;
        for (SnapshotReader r : TEXT_READERS) {
            assertEquals(MatchStrength.NO_MATCH, r.probe(ProbeInput.of("x.heapsnapshot", v8)), r.formatId());
            assertEquals(MatchStrength.NO_MATCH, r.probe(ProbeInput.of("x.hprof", hprof)), r.formatId());
        }
    }

    @Test
    void rows_without_their_header_are_only_a_weak_match() {
        String mdbRows = "  971971cb11    20186        7 Timer: state, touched, duration, ...\n";
        String jmapRows = "   1:         47136        2450880  [B (java.base@17.0.15)\n";
        assertEquals(MatchStrength.WEAK_MATCH, new MdbFindjsobjectsReader().probe(ProbeInput.of("m", bytes(mdbRows))));
        assertEquals(MatchStrength.WEAK_MATCH, new JmapHistoReader().probe(ProbeInput.of("j", bytes(jmapRows))));
        assertEquals(MatchStrength.NO_MATCH, new LlnodeFindjsobjectsReader().probe(ProbeInput.of("m",
                bytes(mdbRows))));
    }

    @Test
    void an_unknown_text_file_lists_the_formats_tried_and_how_to_force_one() {
        UnknownFormatException e = assertThrows(UnknownFormatException.class,
                () -> Snapshots.read(new ByteArrayInputStream(bytes("Dear diary,\ntoday the heap grew.\n")),
                        "diary.txt"));
        for (String id : List.of(MdbFindjsobjectsReader.FORMAT_ID, LlnodeFindjsobjectsReader.FORMAT_ID,
                JmapHistoReader.FORMAT_ID)) {
            assertTrue(e.getMessage().contains(id + " no_match"), e.getMessage());
            assertEquals(MatchStrength.NO_MATCH, e.probes().get(id));
        }
        assertTrue(e.getMessage().startsWith("diary.txt: no format recognised; formats tried: "), e.getMessage());
        assertTrue(e.getMessage().contains("withFormat(id)"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
