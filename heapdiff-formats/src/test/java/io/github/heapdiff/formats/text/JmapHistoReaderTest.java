package io.github.heapdiff.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Origin;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import io.github.heapdiff.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JmapHistoReaderTest extends ReaderContract {

    static final SnapshotReader READER = new JmapHistoReader();

    static final List<String> SAMPLES = List.of("jmap/jdk17-jcmd-class-histogram.txt.gz",
            "jmap/jdk25-jmap-histo.txt.gz", "jmap/jdk8-jmap-histo-live.txt");

    @Override
    protected SnapshotReader reader() {
        return READER;
    }

    @Override
    protected Map<String, byte[]> samples() {
        return Samples.byName(SAMPLES);
    }

    @Override
    protected boolean truncationIsAlwaysAnError() {
        // The Total line closes every histogram and must equal the sums of the rows.
        return true;
    }

    static Snapshot read(String text) {
        return Samples.read(READER, text, "histo.txt");
    }

    // ---- an independent oracle: split each row on blanks, convert names with regular expressions ----

    private static final Pattern ARRAY = Pattern.compile("^(\\[+)(?:([ZBCSIJFD])|L([^;\\[]+);)$");
    private static final Pattern HIDDEN = Pattern.compile("/(?:0x[0-9a-fA-F]+|[0-9]+)$");
    private static final Map<String, String> PRIMITIVES = Map.of("Z", "boolean", "B", "byte", "C", "char", "S",
            "short", "I", "int", "J", "long", "F", "float", "D", "double");

    static String oracleName(String printed) {
        Matcher m = ARRAY.matcher(printed);
        if (!m.matches()) {
            return HIDDEN.matcher(printed).replaceFirst("");
        }
        String element = m.group(2) != null ? PRIMITIVES.get(m.group(2)) : HIDDEN.matcher(m.group(3)).replaceFirst("");
        return element + "[]".repeat(m.group(1).length());
    }

    /** Counts and bytes per Java name, and the Total line's figures under the key {@code "Total"}. */
    static Map<String, long[]> oracle(List<String> lines) {
        Map<String, long[]> out = new TreeMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].matches("\\d+:")) {
                out.merge(oracleName(f[3]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            } else if (f[0].equals("Total")) {
                out.put("Total", new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    static void assertMatchesOracle(Snapshot s, List<String> lines) {
        Map<String, long[]> expected = oracle(lines);
        long[] total = expected.remove("Total");
        assertEquals(expected.size(), s.groups().size(), "classes");
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            ObjectGroup g = s.group(GroupKey.of(e.getKey())).orElseThrow(() -> new AssertionError(e.getKey()));
            assertEquals(GroupStats.of(e.getValue()[0], e.getValue()[1]), g.stats(), e.getKey());
        }
        assertEquals(GroupStats.of(total[0], total[1]), s.totals());
    }

    @Test
    void every_bundled_sample_reads_back_exactly_as_the_oracle_reads_it() {
        for (String p : SAMPLES) {
            assertMatchesOracle(Samples.read(READER, Samples.bytes(p), Samples.name(p)), Samples.text(p).lines()
                    .toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"leak-1-baseline", "leak-2-target", "leak-3-final"})
    void every_corpus_histogram_reads_back_exactly(String name) throws IOException {
        Path file = SharedCorpus.require("corpus/hprof/" + name + ".histo.txt");
        Snapshot s = SnapshotLoader.of(READER).read(file);
        List<String> lines = Files.readAllLines(file);
        assertMatchesOracle(s, lines);
        assertEquals(lines.get(0).substring(0, lines.get(0).length() - 1), s.source().metadata().get("jvm.pid"));
    }

    @Test
    void the_corpus_histograms_agree_with_the_counts_of_expected_md() throws IOException {
        Path expected = SharedCorpus.require("corpus/hprof/EXPECTED.md");
        List<Snapshot> snapshots = new ArrayList<>();
        for (String name : List.of("leak-1-baseline", "leak-2-target", "leak-3-final")) {
            snapshots.add(SnapshotLoader.of(READER).read(SharedCorpus.require("corpus/hprof/" + name + ".histo.txt")));
        }
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| \\**([\\d,]+)\\** \\| \\**([\\d,]+)\\** \\| \\**([\\d,]+)\\** \\|");
        Pattern totals = Pattern.compile("^\\| histogram Total (instances|bytes) \\| ([\\d,]+) \\| ([\\d,]+) \\| ([\\d,]+) \\|");
        int classes = 0;
        int totalRows = 0;
        for (String line : Files.readAllLines(expected)) {
            if (line.startsWith("## Large")) {
                break; // the large dumps are not in the corpus
            }
            Matcher m = row.matcher(line);
            if (m.find()) {
                classes++;
                for (int i = 0; i < 3; i++) {
                    assertEquals(Optional.of(number(m.group(i + 2))), snapshots.get(i)
                            .group(GroupKey.of(oracleName(m.group(1)))).map(ObjectGroup::count), line);
                }
            }
            Matcher t = totals.matcher(line);
            if (t.find()) {
                totalRows++;
                for (int i = 0; i < 3; i++) {
                    GroupStats sum = snapshots.get(i).totals();
                    long actual = t.group(1).equals("instances") ? sum.count() : sum.shallowBytes().orElseThrow();
                    assertEquals(number(t.group(i + 2)), actual, line);
                }
            }
        }
        assertTrue(classes >= 15, "class rows found in EXPECTED.md: " + classes);
        assertEquals(2, totalRows);
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    @Test
    void jvm_descriptors_become_java_names() {
        assertEquals("byte[]", JvmNames.javaName("[B"));
        assertEquals("int[][]", JvmNames.javaName("[[I"));
        assertEquals("boolean[]", JvmNames.javaName("[Z"));
        assertEquals("java.lang.Object[]", JvmNames.javaName("[Ljava.lang.Object;"));
        assertEquals("java.util.HashMap$Node[][]", JvmNames.javaName("[[Ljava.util.HashMap$Node;"));
        assertEquals("java.lang.String", JvmNames.javaName("java.lang.String"));
        assertEquals("<objArrayKlassKlass>", JvmNames.javaName("<objArrayKlassKlass>"));
        assertNull(JvmNames.javaName("[X"));
        assertNull(JvmNames.javaName("[Ljava.lang.Object"));
        assertNull(JvmNames.javaName("[L;"));
        assertNull(JvmNames.javaName("[BB"));
        assertNull(JvmNames.javaName("["));
        assertNull(JvmNames.javaName("[".repeat(256) + "I"));
    }

    @Test
    void hidden_and_vm_anonymous_class_suffixes_are_dropped() {
        assertEquals("java.util.regex.Pattern$$Lambda$18", JvmNames.javaName("java.util.regex.Pattern$$Lambda$18/0x800000028"));
        assertEquals("Tiny$$Lambda", JvmNames.javaName("Tiny$$Lambda/0x0000000040040210"));
        assertEquals("com.example.App$$Lambda$1", JvmNames.javaName("com.example.App$$Lambda$1/1915318863"));
        assertEquals("a.B$$Lambda$3[]", JvmNames.javaName("[La.B$$Lambda$3/0x0000000800c0b000;"));
        assertEquals("a.B/notanid", JvmNames.javaName("a.B/notanid"));
    }

    @Test
    void lambdas_of_one_class_on_jdk_21_and_later_add_up_under_one_name() {
        Snapshot s = Samples.read(READER, Samples.bytes("jmap/jdk25-jmap-histo.txt.gz"), "jdk25.txt");
        assertEquals(GroupStats.of(2, 32), s.group(GroupKey.of("Tiny$$Lambda")).orElseThrow().stats());
        Snapshot s17 = Samples.read(READER, Samples.bytes("jmap/jdk17-jcmd-class-histogram.txt.gz"), "jdk17.txt");
        assertEquals(GroupStats.of(1, 16), s17.group(GroupKey.of("Tiny$$Lambda$1")).orElseThrow().stats());
    }

    @Test
    void modules_and_packages_become_origins_and_the_pid_line_metadata() {
        Snapshot s = Samples.read(READER, Samples.bytes("jmap/jdk17-jcmd-class-histogram.txt.gz"), "jdk17.txt");
        assertEquals(Optional.of(new Origin("java.base", Optional.of("java.base@17.0.15"), "module")),
                s.group(GroupKey.of("byte[]")).orElseThrow().origin());
        assertEquals(Optional.empty(), s.group(GroupKey.of("Tiny$Order")).orElseThrow().origin());
        assertEquals("8745", s.source().metadata().get("jvm.pid"));
        Snapshot jdk8 = Samples.read(READER, Samples.bytes("jmap/jdk8-jmap-histo-live.txt"), "jdk8.txt");
        assertEquals(Optional.of(new Origin("com.example.cache", Optional.empty(), "class package")),
                jdk8.group(GroupKey.of("com.example.cache.Cache$Entry[][]")).orElseThrow().origin());
        assertEquals(Optional.empty(), jdk8.group(GroupKey.of("char[]")).orElseThrow().origin());
        assertFalse(jdk8.source().metadata().containsKey("jvm.pid"));
        assertEquals(GroupStats.of(88_765, 5_064_048), jdk8.totals());
        Snapshot unversioned = read(" num     #instances         #bytes  class name (module)\n---\n"
                + "   1:             2             32  a.B (my.module)\nTotal             2             32\n");
        assertEquals(Optional.of(new Origin("my.module", Optional.empty(), "module")),
                unversioned.group(GroupKey.of("a.B")).orElseThrow().origin());
    }

    @Test
    void a_total_that_disagrees_with_the_rows_is_malformed_naming_the_line_and_text() {
        List<String> lines = new ArrayList<>(Samples.text("jmap/jdk8-jmap-histo-live.txt").lines().toList());
        int last = lines.size() - 1;
        lines.set(last, "Total         88765        5064047");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> Samples.read(READER, String.join("\n", lines) + "\n", "jdk8.txt"));
        assertEquals(Location.line(22), e.location());
        assertEquals("jdk8.txt (jmap-histo): line 22: expected 'Total 88765 5064048' (the sums of the rows) but found "
                + "Total         88765        5064047", e.getMessage());
    }

    @Test
    void a_mutated_row_is_malformed_naming_its_line_and_text() {
        List<String> lines = new ArrayList<>(Samples.text("jmap/jdk8-jmap-histo-live.txt").lines().toList());
        lines.set(6, "   5:          4120         19776O  com.example.cache.Cache$Entry");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> Samples.read(READER, String.join("\n", lines) + "\n", "jdk8.txt"));
        assertEquals(Location.line(7), e.location());
        assertEquals(lines.get(6), e.found());
        assertTrue(e.getMessage().startsWith("jdk8.txt (jmap-histo): line 7: expected a row '<num>: "), e.getMessage());
    }

    @Test
    void broken_histograms_are_malformed_at_the_right_line() {
        String head = " num     #instances         #bytes  class name\n----------------------------------------------\n";
        assertMalformedAt(1, "hello\n");
        assertMalformedAt(2, "123:\nhello\n");
        assertMalformedAt(2, " num     #instances         #bytes  class name\n   1:  1  16  A\n");
        assertMalformedAt(3, head + "   2:             1             16  A\nTotal 1 16\n");
        assertMalformedAt(3, head + "   1:             1             16  [Q\nTotal 1 16\n");
        assertMalformedAt(3, head + "   1:             1             16  A B\nTotal 1 16\n");
        assertMalformedAt(3, head + "   1:             1             16\nTotal 1 16\n");
        assertMalformedAt(4, head + "   1:             1             16  A\nTotal 1 16 extra\n");
        assertMalformedAt(5, head + "   1:             1             16  A\nTotal 1 16\n   2:  1  16  B\n");
        MalformedSnapshotException cut = assertMalformedAt(3, head + "   1:             1             16  A\n");
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
    }

    static MalformedSnapshotException assertMalformedAt(long line, String text) {
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> read(text), text);
        assertEquals(Location.line(line), e.location(), e.getMessage());
        return e;
    }

    @Test
    void the_same_class_from_two_loaders_adds_up() {
        Snapshot s = read("4242:\n num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:            10            160  com.acme.Plugin\n"
                + "   2:             5             80  com.acme.Plugin\n"
                + "Total            15            240\n");
        assertEquals(GroupStats.of(15, 240), s.group(GroupKey.of("com.acme.Plugin")).orElseThrow().stats());
    }

    // ---- round trip: rows rendered in HotSpot's layouts read back to the same groups ----

    record Row(long count, long bytes, String printed, String module) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<String> simple = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ$_").ofMinLength(1)
                .ofMaxLength(12);
        Arbitrary<String> classes = Combinators.combine(simple, simple, Arbitraries.of("", "/0x800000028",
                "/1915318863")).as((p, c, hidden) -> p + "." + c + hidden);
        Arbitrary<String> printed = Arbitraries.oneOf(classes, Arbitraries.of("[B", "[[I", "[J", "[Z", "[C"),
                Combinators.combine(Arbitraries.integers().between(1, 3), classes)
                        .as((dims, c) -> "[".repeat(dims) + "L" + c + ";"));
        Arbitrary<String> modules = Arbitraries.of("", "java.base@17.0.15", "jdk.compiler", "app@1.0");
        return Combinators.combine(Arbitraries.longs().between(1, 10_000_000), Arbitraries.longs()
                .between(16, 2_000_000_000L), printed, modules).as(Row::new).list().ofMaxSize(40);
    }

    static String render(List<Row> rows, boolean jdk9, boolean pid) {
        StringBuilder out = new StringBuilder(pid ? "31337:\n" : "");
        out.append(jdk9 ? " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                : " num     #instances         #bytes  class name\n----------------------------------------------\n");
        long count = 0;
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(String.format("%4d: %13d  %13d  %s", i + 1, r.count(), r.bytes(), r.printed()));
            if (jdk9 && !r.module().isEmpty()) {
                out.append(" (").append(r.module()).append(')');
            }
            out.append('\n');
            count += r.count();
            bytes += r.bytes();
        }
        return out.append(String.format("Total %13d  %13d", count, bytes)).append('\n').toString();
    }

    @Property(tries = 200)
    void histograms_rendered_as_hotspot_prints_them_read_back_to_their_rows(@ForAll("rows") List<Row> rows,
            @ForAll boolean jdk9, @ForAll boolean pid) {
        String text = render(rows, jdk9, pid);
        assertMatchesOracle(read(text), text.lines().toList());
    }
}
