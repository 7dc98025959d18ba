package io.github.heapdiff.formats.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.SnapshotReadException;
import io.github.heapdiff.testing.ReaderContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and corrupt snapshots end in the read exception with a byte offset, and nothing else. */
class V8MalformedTest {

    static final SnapshotLoader LOADER = SnapshotLoader.of(new V8HeapSnapshotReader())
            .withFormat(V8HeapSnapshotReader.FORMAT_ID);

    static final SnapshotText FIXTURE = SnapshotText.leak(new SnapshotText().withLocations());
    static final String TEXT = FIXTURE.text();
    static final int EDGES = FIXTURE.edgeCount();
    static final int STRINGS = TEXT.substring(TEXT.indexOf("\"strings\":[")).split(",\n", -1).length;

    static MalformedSnapshotException malformed(String text) {
        return assertThrows(MalformedSnapshotException.class,
                () -> LOADER.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.heapsnapshot"));
    }

    /** Replaces the first occurrence of {@code from}, which must exist. */
    static String replace(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0, from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static void assertAt(MalformedSnapshotException e, String text, String marker, String message) {
        long expected = text.getBytes(StandardCharsets.UTF_8).length
                - text.substring(text.indexOf(marker)).getBytes(StandardCharsets.UTF_8).length;
        assertEquals(Location.offset(expected), e.location(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void the_fixture_itself_reads() {
        Snapshot s = LOADER.read(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)), "good");
        assertEquals(4, s.group(GroupKey.of("TraceSegment")).map(ObjectGroup::count).orElse(0L));
    }

    @Test
    void a_locations_array_closing_inside_a_record_is_malformed_at_its_bracket() {
        String bad = replace(TEXT, ",3,11,0]", ",3,11]");
        String fromBracket = bad.substring(bad.indexOf(",3,11]") + ",3,11".length());
        assertAt(malformed(bad), bad, fromBracket, "the rest of a record of 4 numbers");
    }

    @Test
    void a_location_that_is_no_number_is_malformed_where_it_starts() {
        String bad = replace(TEXT, "[0,3,10,2\n,", "[0,3,x0,2\n,");
        assertAt(malformed(bad), bad, "x0,2", "a non-negative integer");
    }

    @Test
    void every_cut_before_the_end_is_malformed_at_or_before_the_cut() {
        byte[] b = TEXT.getBytes(StandardCharsets.UTF_8);
        int end = TEXT.lastIndexOf('}') + 1;
        for (int cut = 0; cut < end; cut++) {
            byte[] prefix = Arrays.copyOf(b, cut);
            try {
                LOADER.read(new ByteArrayInputStream(prefix), "cut.heapsnapshot");
                fail("cut at " + cut + " read without an error");
            } catch (MalformedSnapshotException e) {
                assertTrue(e.location().position() <= cut, "cut at " + cut + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("cut.heapsnapshot (v8-heapsnapshot): byte offset "), e.getMessage());
            }
        }
    }

    @Test
    void a_to_node_not_divisible_by_the_field_count_is_malformed_there() {
        String bad = replace(TEXT, "\"edges\":[1,1,7", "\"edges\":[1,1,8");
        assertAt(malformed(bad), bad, "8\n,5,", "a to_node offset divisible by the 7 node fields");
    }

    @Test
    void a_to_node_beyond_the_nodes_is_malformed_there() {
        String bad = replace(TEXT, "\"edges\":[1,1,7", "\"edges\":[1,1,700");
        assertAt(malformed(bad), bad, "700\n,", "a to_node offset below 168 (24 nodes)");
    }

    @Test
    void edge_counts_that_overrun_the_declared_edge_count_are_malformed_in_the_nodes() {
        // the root declares 3 edges instead of 2: the counts add up to more than edge_count
        String bad = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,1,0,3,");
        MalformedSnapshotException e = malformed(bad);
        assertTrue(e.getMessage().contains("edge counts adding up to at most " + EDGES), e.getMessage());
        assertTrue(e.location().position() > bad.indexOf("\"nodes\"") && e.location().position() < bad.indexOf("\"edges\""),
                e.getMessage());
    }

    @Test
    void an_edges_array_shorter_than_the_node_edge_counts_is_malformed() {
        String noCounts = SnapshotText.leak(new SnapshotText().withoutCounts()).text();
        String bad = replace(noCounts, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,1,0,3,");
        MalformedSnapshotException e = malformed(bad);
        assertTrue(e.getMessage().contains("the end of the edges array after"), e.getMessage());
    }

    @Test
    void an_edges_array_longer_than_the_node_edge_counts_is_malformed() {
        String noCounts = SnapshotText.leak(new SnapshotText().withoutCounts()).text();
        String bad = replace(noCounts, "],\n\"strings\"", "\n,2,5,7],\n\"strings\"");
        MalformedSnapshotException e = malformed(bad);
        assertTrue(e.getMessage().contains("']' closing the edges array"), e.getMessage());
    }

    @Test
    void a_node_name_beyond_the_strings_is_malformed_where_it_is_written() {
        String bad = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,4000,1,0,2,");
        assertAt(malformed(bad), bad, "4000,1,0,2,", "a node name index below the " + STRINGS + " strings");
    }

    @Test
    void an_edge_name_beyond_the_strings_is_malformed_where_it_is_written() {
        // the root's second edge is the shortcut named "global"
        String bad = TEXT.replaceFirst("(\"edges\":\\[1,1,7\n,5,)\\d+(,14)", "$13999$2");
        assertAt(malformed(bad), bad, "3999,14", "an edge name index below the " + STRINGS + " strings");
    }

    @Test
    void numbers_that_overflow_are_malformed_where_they_start() {
        String bad = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,123456789012345678901234567890,0,2,");
        assertAt(malformed(bad), bad, "123456789012345678901234567890", "an integer of at most 2^53");
        String big = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,1,9007199254740993,2,");
        assertAt(malformed(big), big, "9007199254740993", "an integer of at most 2^53");
        String name = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,2147483648,1,0,2,");
        assertAt(malformed(name), name, "2147483648", "a string index below 2^31");
        String negative = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,-1,0,2,");
        assertAt(malformed(negative), negative, "-1,0,2,", "a non-negative integer");
        String fraction = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[9,0,1.5,0,2,");
        assertAt(malformed(fraction), fraction, ".5,0,2,", "',' or ']' after a number");
    }

    @Test
    void types_beyond_the_type_lists_are_malformed() {
        String node = replace(TEXT, "\"nodes\":[9,0,1,0,2,", "\"nodes\":[15,0,1,0,2,");
        assertAt(malformed(node), node, "15,0,1,0,2,", "a node type below 15");
        String edge = replace(TEXT, "\"edges\":[1,1,7", "\"edges\":[7,1,7");
        assertAt(malformed(edge), edge, "7,1,7\n,", "an edge type below 7");
    }

    @Test
    void declared_counts_must_match_the_arrays() {
        String fewer = replace(TEXT, "\"node_count\":24", "\"node_count\":25");
        assertTrue(malformed(fewer).getMessage().contains("25 nodes as node_count declares"));
        String more = replace(TEXT, "\"node_count\":24", "\"node_count\":23");
        assertTrue(malformed(more).getMessage().contains("no more than the 23 nodes node_count declares"));
    }

    @Test
    void a_count_the_file_cannot_hold_is_refused_before_allocating(@TempDir Path dir) throws IOException {
        String bad = replace(TEXT, "\"node_count\":24", "\"node_count\":2000000000");
        Path f = dir.resolve("huge.heapsnapshot");
        Files.writeString(f, bad);
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> LOADER.read(f));
        assertTrue(e.getMessage().contains("a node_count that the remaining"), e.getMessage());
        String edges = replace(TEXT, "\"edge_count\":", "\"edge_count\":9999999");
        Files.writeString(f, edges);
        e = assertThrows(MalformedSnapshotException.class, () -> LOADER.read(f));
        assertTrue(e.getMessage().contains("an edge_count that the remaining"), e.getMessage());
    }

    @Test
    void a_root_index_that_names_no_node_is_malformed() {
        String bad = SnapshotText.leak(new SnapshotText().rootAt(0)).text().replace("\"root_index\":0",
                "\"root_index\":3");
        assertTrue(malformed(bad).getMessage().contains("a root_index that is the offset of one of the 24 nodes"));
    }

    @Test
    void structural_problems_name_what_was_expected() {
        assertTrue(malformed("[]").getMessage().contains("expected '{' starting a heap snapshot but found '['"));
        assertTrue(malformed("{}").getMessage().contains("the \"snapshot\" header"));
        assertTrue(malformed(TEXT.substring(0, TEXT.indexOf(",\n\"strings\"")) + "}")
                .getMessage().contains("a \"strings\" section"));
        String edgesFirst = replace(TEXT, "\"nodes\":", "\"nodez\":");
        assertTrue(malformed(edgesFirst).getMessage().contains("the \"nodes\" section before \"edges\""));
        assertTrue(malformed(TEXT + "x").getMessage().contains("the end of the input after the snapshot object"));
        String twice = replace(TEXT, "\"locations\":", "\"strings\":[\"a\"],\"locations\":");
        twice = replace(twice, "\"locations\":", "\"strings\":");
        assertTrue(malformed(twice).getMessage().contains("each section once"), malformed(twice).getMessage());
        String noMeta = replace(TEXT, "\"meta\":", "\"mota\":");
        assertTrue(malformed(noMeta).getMessage().contains("\"meta\" in the snapshot header as a JSON object"));
        String noEdgeCount = replace(TEXT, "\"edge_count\",", "\"edge_cnt\",");
        assertTrue(malformed(noEdgeCount).getMessage().contains("meta.node_fields naming \"edge_count\""));
        String badEscape = replace(TEXT, "\"activeTransactions\"", "\"active\\qTransactions\"");
        assertTrue(malformed(badEscape).getMessage().contains("a JSON escape after '\\'"));
        String deep = replace(TEXT, "\"locations\":", "\"deep\":" + "[".repeat(600) + "]".repeat(600)
                + ",\"locations\":");
        assertTrue(malformed(deep).getMessage().contains("JSON nested at most 512 deep"));
    }

    @Test
    void a_gzip_stream_cut_short_is_an_error_not_a_partial_snapshot() throws IOException {
        byte[] gz = ReaderContract.gzip(TEXT.getBytes(StandardCharsets.UTF_8));
        for (int cut = 10; cut < gz.length; cut += Math.max(1, gz.length / 50)) {
            byte[] prefix = Arrays.copyOf(gz, cut);
            assertThrows(SnapshotReadException.class,
                    () -> SnapshotLoader.of(new V8HeapSnapshotReader()).read(new ByteArrayInputStream(prefix), "g.gz"));
        }
    }

    /** A chain of 250,000 objects: big enough that records are decoded and consumed on two threads. */
    static final String BIG = bigChain(250_000);

    static String bigChain(int n) {
        SnapshotText t = new SnapshotText().nodeFields("type", "name", "id", "self_size", "edge_count");
        int root = t.node("synthetic", "", 1, 0);
        int previous = root;
        for (int i = 1; i < n; i++) {
            int node = t.node("object", i % 2 == 0 ? "Even" : "Odd", 1 + 2L * i, 16);
            t.edge(previous, "property", "next", node);
            previous = node;
        }
        return t.text();
    }

    @Test
    void a_chain_of_a_quarter_million_objects_is_read_whole() {
        Snapshot s = LOADER.read(new ByteArrayInputStream(BIG.getBytes(StandardCharsets.UTF_8)), "big");
        assertEquals(124_999, s.group(GroupKey.of("Even")).orElseThrow().count());
        assertEquals(125_000, s.group(GroupKey.of("Odd")).orElseThrow().count());
        assertEquals(java.util.OptionalLong.of(16L * 249_999),
                s.group(GroupKey.of("Odd")).orElseThrow().stats().retainedBytes(),
                "the first object of the chain holds all the others, and it is odd");
    }

    @Test
    void errors_in_the_middle_of_a_big_snapshot_keep_their_byte_offsets() {
        // a to_node in the middle of the edges array that is not a multiple of the 5 node fields
        String bad = replace(BIG, "\n,2,2,500000\n", "\n,2,2,500001\n");
        assertAt(malformed(bad), bad, "500001\n", "a to_node offset divisible by the 5 node fields");
        // a node type out of range in the middle of the nodes array
        String badType = replace(BIG, "\n,3,1,200003,16,1\n", "\n,99,1,200003,16,1\n");
        assertAt(malformed(badType), badType, "99,1,200003", "a node type below 15");
        // truncated in the middle of the edges
        String cut = BIG.substring(0, BIG.indexOf("\"edges\"") + (BIG.length() - BIG.indexOf("\"edges\"")) / 2);
        MalformedSnapshotException e = malformed(cut);
        assertTrue(e.getMessage().contains("the end of the input"), e.getMessage());
    }

    static final List<byte[]> SAMPLES = List.of(TEXT.getBytes(StandardCharsets.UTF_8),
            V8LayoutTest.rootLast(new SnapshotText().nodeFields("type", "name", "id", "self_size", "edge_count"))
                    .withTraceFunctionInfos().withSamples().bytes(),
            SnapshotText.leak(new SnapshotText().withoutCounts().separatedBy(" , ")).bytes());

    @Property(tries = 1000)
    void mutated_snapshots_raise_only_the_read_exception(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random random = new Random(seed);
        for (byte[] sample : SAMPLES) {
            byte[] b = sample;
            for (int i = 0; i < mutations; i++) {
                b = ReaderContract.mutate(b, random);
            }
            try {
                LOADER.read(new ByteArrayInputStream(b), "mutated.heapsnapshot");
            } catch (MalformedSnapshotException e) {
                assertTrue(e.location().position() <= b.length, e.getMessage());
            } catch (SnapshotReadException e) {
                assertTrue(e.getMessage().startsWith("mutated.heapsnapshot"), e.getMessage());
            }
        }
    }

    @Property(tries = 500)
    void mutated_numbers_raise_only_the_read_exception(@ForAll long seed) {
        // digits replaced by other digits or number-like junk: the hardest case for range checks
        Random random = new Random(seed);
        byte[] b = TEXT.getBytes(StandardCharsets.UTF_8).clone();
        int start = TEXT.indexOf("\"nodes\"");
        int end = TEXT.indexOf("\"strings\"");
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            int at = start + random.nextInt(end - start);
            if (Character.isDigit(b[at])) {
                byte[] junk = {(byte) ('0' + random.nextInt(10)), '9', '-', '.', 'e', ','};
                b[at] = junk[random.nextInt(junk.length)];
            }
        }
        try {
            LOADER.read(new ByteArrayInputStream(b), "digits.heapsnapshot");
        } catch (SnapshotReadException e) {
            assertTrue(e.getMessage().startsWith("digits.heapsnapshot"), e.getMessage());
        }
    }
}
