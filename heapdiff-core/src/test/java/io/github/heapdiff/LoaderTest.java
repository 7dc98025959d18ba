package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.fakes.TextPrefixReader;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import io.github.heapdiff.testing.ReaderContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {

    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Snapshot read(SnapshotLoader loader, byte[] content, String name) {
        return loader.read(new ByteArrayInputStream(content), name);
    }

    static String text(Snapshot s) {
        return s.source().metadata().get("text");
    }

    /** Runs {@code body} with the two {@link TextPrefixReader} discovered readers on the service path. */
    <T> T withDiscoveredReaders(Callable<T> body) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SnapshotReader.class.getName()),
                TextPrefixReader.DiscoveredA.class.getName() + "\n" + TextPrefixReader.DiscoveredB.class.getName()
                        + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(cl);
            return body.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void gzip_is_unwrapped_for_every_format_and_the_probe_sees_the_name_without_gz() throws IOException {
        TextPrefixReader a = new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:");
        TextPrefixReader b = new TextPrefixReader("fmt-b", MatchStrength.WEAK_MATCH, "B:");
        SnapshotLoader loader = SnapshotLoader.of(a, b);
        String contentA = "A: first\nsecond\n";
        String contentB = "B: " + "x".repeat(200_000) + "\nlast\n";
        Snapshot sa = read(loader, ReaderContract.gzip(bytes(contentA)), "a.txt.gz");
        Snapshot sb = read(loader, ReaderContract.gzip(bytes(contentB)), "b.txt.gz");
        assertEquals("fmt-a", sa.source().formatId());
        assertEquals(contentA, text(sa));
        assertEquals("fmt-b", sb.source().formatId());
        assertEquals(Integer.toString(contentB.length()), sb.source().metadata().get("length"));
        assertEquals("b.txt", b.lastProbeName());
        assertEquals(read(loader, bytes(contentA), "a.txt").groups(), sa.groups());
    }

    @Test
    void gzip_is_unwrapped_when_reading_a_file_too() throws IOException {
        Path file = dir.resolve("listing.txt.gz");
        Files.write(file, ReaderContract.gzip(bytes("A: from a file\n")));
        Snapshot s = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:")).read(file);
        assertEquals("A: from a file\n", text(s));
        assertEquals(file.toString(), s.source().name());
    }

    @Test
    void discovered_readers_are_found_through_the_service_path() throws Exception {
        Snapshot s = withDiscoveredReaders(() -> read(Snapshots.loader(), bytes("b: hello\n"), "b.txt"));
        assertEquals("disc-b", s.source().formatId());
    }

    @Test
    void a_reader_given_with_withReader_wins_a_tie_with_discovered_readers() throws Exception {
        TextPrefixReader mine = new TextPrefixReader("mine", MatchStrength.SOLID_MATCH, "shared");
        Snapshot s = withDiscoveredReaders(() -> read(Snapshots.loader().withReader(mine), bytes("shared\n"), "s"));
        assertEquals("mine", s.source().formatId());
    }

    @Test
    void a_tie_between_discovered_readers_is_an_unknown_format_naming_both() throws Exception {
        UnknownFormatException e = withDiscoveredReaders(() -> assertThrows(UnknownFormatException.class,
                () -> read(Snapshots.loader(), bytes("shared\n"), "s.txt")));
        assertTrue(e.getMessage().contains("more than one format matches equally (solid_match: disc-a, disc-b)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("withFormat"), e.getMessage());
    }

    @Test
    void a_tie_between_two_explicit_readers_is_an_unknown_format() {
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("one", MatchStrength.WEAK_MATCH, "x"),
                new TextPrefixReader("two", MatchStrength.WEAK_MATCH, "x"));
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> read(loader, bytes("x\n"), "x"));
        assertEquals(Map.of("one", MatchStrength.WEAK_MATCH, "two", MatchStrength.WEAK_MATCH), e.probes());
    }

    @Test
    void a_stronger_discovered_reader_beats_a_weaker_explicit_one() throws Exception {
        TextPrefixReader weak = new TextPrefixReader("weak", MatchStrength.WEAK_MATCH, "a:");
        Snapshot s = withDiscoveredReaders(() -> read(Snapshots.loader().withReader(weak), bytes("a: x\n"), "a"));
        assertEquals("disc-a", s.source().formatId());
    }

    @Test
    void a_reader_given_with_withReader_replaces_a_discovered_one_with_the_same_id() throws Exception {
        TextPrefixReader replacement = new TextPrefixReader("disc-a", MatchStrength.WEAK_MATCH, "z:");
        SnapshotLoader loader = withDiscoveredReaders(() -> Snapshots.loader().withReader(replacement));
        assertEquals(java.util.List.of("disc-a", "disc-b"), loader.formatIds());
        assertEquals(replacement, loader.readers().get(0));
        assertEquals("disc-a", read(loader, bytes("z: y\n"), "z").source().formatId());
    }

    @Test
    void withFormat_skips_detection_entirely() {
        TextPrefixReader never = new TextPrefixReader("never", MatchStrength.FULL_MATCH, "cannot match this");
        TextPrefixReader other = new TextPrefixReader("other", MatchStrength.FULL_MATCH, "plain");
        Snapshot s = read(SnapshotLoader.of(never, other).withFormat("never"), bytes("plain text\n"), "p");
        assertEquals("never", s.source().formatId());
        assertEquals("plain text\n", text(s));
        assertEquals(0, never.probes());
        assertEquals(0, other.probes());
    }

    @Test
    void withFormat_refuses_an_unknown_id_and_lists_the_known_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"))
                        .withFormat("hprof"));
        assertTrue(e.getMessage().contains("hprof") && e.getMessage().contains("[fmt-a]"), e.getMessage());
    }

    @Test
    void an_unknown_format_lists_each_format_with_its_probe_and_how_to_force_one() {
        SnapshotReader throwing = new TextPrefixReader("throws", MatchStrength.SOLID_MATCH) {
            @Override
            public MatchStrength probe(ProbeInput input) {
                throw new IllegalStateException("a buggy probe");
            }
        };
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"),
                new TextPrefixReader("vague", MatchStrength.INCONCLUSIVE, "some"), throwing);
        UnknownFormatException e = assertThrows(UnknownFormatException.class,
                () -> read(loader, bytes("something else\n"), "mystery.txt"));
        assertTrue(e.getMessage().startsWith("mystery.txt: no format recognised; formats tried: fmt-a no_match, "
                + "vague inconclusive, throws no_match. Force one with Snapshots.loader().withFormat(id)"),
                e.getMessage());
        assertEquals("mystery.txt", e.source());
        assertFalse(e.format().isPresent());
    }

    @Test
    void an_unknown_format_with_no_reader_at_all_says_to_add_the_formats_module() {
        UnknownFormatException e = assertThrows(UnknownFormatException.class,
                () -> read(SnapshotLoader.of(), bytes("x\n"), "x"));
        assertTrue(e.getMessage().contains("no reader on the class path; add heapdiff-formats"), e.getMessage());
    }

    @Test
    void a_truncated_gzip_stream_is_malformed_never_a_shorter_snapshot() throws IOException {
        StringBuilder sb = new StringBuilder("A: start\n");
        java.util.Random random = new java.util.Random(7);
        while (sb.length() < 300_000) {
            sb.append(Long.toHexString(random.nextLong())).append('\n');
        }
        byte[] gz = ReaderContract.gzip(bytes(sb.toString()));
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"));
        for (int cut : new int[] {gz.length / 2, gz.length - 4, gz.length - 1, 100}) {
            MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                    () -> read(loader, Arrays.copyOf(gz, cut), "cut.gz"), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("cut.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("gzip"), e.getMessage());
        }
        for (int cut : new int[] {2, 5, 9}) {
            MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                    () -> read(loader, Arrays.copyOf(gz, cut), "head.gz"), "cut at " + cut);
            assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        }
    }

    @Test
    void damaged_gzip_data_is_malformed() throws IOException {
        byte[] gz = ReaderContract.gzip(bytes("A: " + "abc ".repeat(10_000)));
        for (int i = 20; i < 40; i++) {
            gz[i] ^= 0x5a;
        }
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"));
        SnapshotReadException e = assertThrows(SnapshotReadException.class, () -> read(loader, gz, "bad.gz"));
        assertTrue(e.getMessage().startsWith("bad.gz"), e.getMessage());
    }

    @Test
    void withMaxInputBytes_bounds_plain_content_even_within_the_probe_head() {
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"));
        byte[] small = bytes("A: " + "y".repeat(997));
        SnapshotReadException e = assertThrows(SnapshotReadException.class,
                () -> read(loader.withMaxInputBytes(100), small, "small.txt"));
        assertTrue(e.getMessage().contains("larger than the limit of 100 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("withMaxInputBytes"), e.getMessage());
        assertEquals("1000", read(loader.withMaxInputBytes(1000), small, "exact.txt").source().metadata()
                .get("length"));
    }

    @Test
    void withMaxInputBytes_bounds_plain_content_beyond_the_probe_head() {
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"))
                .withMaxInputBytes(100_000);
        byte[] big = bytes("A: " + "z".repeat(200_000));
        SnapshotReadException e = assertThrows(SnapshotReadException.class, () -> read(loader, big, "big.txt"));
        assertTrue(e.getMessage().contains("larger than the limit of 100000 bytes"), e.getMessage());
    }

    @Test
    void withMaxInputBytes_stops_a_gzip_bomb() throws IOException {
        byte[] bomb = ReaderContract.gzip(bytes("A: " + "0".repeat(20_000_000)));
        assertTrue(bomb.length < 100_000);
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"))
                .withMaxInputBytes(1_000_000);
        SnapshotReadException e = assertThrows(SnapshotReadException.class, () -> read(loader, bomb, "bomb.gz"));
        assertTrue(e.getMessage().contains("larger than the limit of 1000000 bytes"), e.getMessage());
        SnapshotReadException inHead = assertThrows(SnapshotReadException.class,
                () -> read(loader.withMaxInputBytes(1000), bomb, "bomb.gz"));
        assertTrue(inHead.getMessage().contains("larger than the limit of 1000 bytes"), inHead.getMessage());
        assertFalse(inHead.getMessage().contains("cannot read"), inHead.getMessage());
    }

    @Test
    void withMaxInputBytes_refuses_a_bound_that_is_not_positive() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotLoader.of().withMaxInputBytes(0));
    }

    @Test
    void an_empty_input_is_malformed_plain_gzipped_or_forced() throws IOException {
        SnapshotLoader loader = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, ""));
        MalformedSnapshotException plain = assertThrows(MalformedSnapshotException.class,
                () -> read(loader, new byte[0], "empty.txt"));
        assertEquals("empty.txt: byte offset 0: expected snapshot content but found an empty input",
                plain.getMessage());
        MalformedSnapshotException gz = assertThrows(MalformedSnapshotException.class,
                () -> read(loader, ReaderContract.gzip(new byte[0]), "empty.gz"));
        assertTrue(gz.getMessage().contains("empty input"), gz.getMessage());
        MalformedSnapshotException forced = assertThrows(MalformedSnapshotException.class,
                () -> read(loader.withFormat("fmt-a"), new byte[0], "empty.txt"));
        assertEquals(java.util.Optional.of("fmt-a"), forced.format());
    }

    @Test
    void a_missing_file_is_a_read_exception_naming_it() {
        Path missing = dir.resolve("nope.hprof");
        SnapshotReadException e = assertThrows(SnapshotReadException.class,
                () -> SnapshotLoader.of().read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()) && e.getMessage().contains("no such file"),
                e.getMessage());
    }

    @Test
    void an_input_ending_early_inside_a_reader_is_reported_as_truncated_at_its_offset() {
        SnapshotReader needsMore = new TextPrefixReader("needs-more", MatchStrength.SOLID_MATCH, "N") {
            @Override
            public void read(InputStream in, SnapshotSink sink) throws IOException {
                byte[] b = new byte[100];
                new java.io.DataInputStream(in).readFully(b);
            }
        };
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> read(SnapshotLoader.of(needsMore), bytes("N12345"), "short.bin"));
        assertEquals(Location.offset(6), e.location());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void a_loader_is_immutable_each_with_returning_a_new_one() {
        SnapshotLoader base = SnapshotLoader.of(new TextPrefixReader("fmt-a", MatchStrength.SOLID_MATCH, "A:"));
        SnapshotLoader forced = base.withFormat("fmt-a");
        SnapshotLoader bounded = base.withMaxInputBytes(5);
        assertInstanceOf(SnapshotLoader.class, forced);
        assertEquals("A: long enough\n", text(read(base, bytes("A: long enough\n"), "a")));
        assertThrows(SnapshotReadException.class, () -> read(bounded, bytes("A: long enough\n"), "a"));
        assertEquals(base.formatIds(), forced.withDetectedFormat().formatIds());
    }

    @Test
    void a_memory_budget_is_a_positive_number_of_bytes_checked_where_it_is_configured() {
        assertEquals(java.util.OptionalLong.of(1L << 30),
                Snapshots.loader().withMemoryBudget(1L << 30).options().memoryBudget());
        assertEquals(java.util.OptionalLong.empty(), Snapshots.loader().options().memoryBudget());
        assertThrows(IllegalArgumentException.class, () -> Snapshots.loader().withMemoryBudget(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Snapshots.loader().withSetting(io.github.heapdiff.spi.ReadOptions.MEMORY_BUDGET_SETTING, "lots"));
        assertTrue(e.getMessage().contains("graph.memory-budget") && e.getMessage().contains("'lots'"), e.getMessage());
    }
}
