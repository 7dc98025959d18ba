package io.github.heapdiff.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Observation;
import io.github.heapdiff.Shape;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import io.github.heapdiff.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

class MdbFindjsobjectsReaderTest extends ReaderContract {

    static final SnapshotReader READER = new MdbFindjsobjectsReader();

    static final GroupKey SEGMENT = GroupKey.of("TraceSegment", new Shape(List.of("name", "transaction"), 13, true));
    static final GroupKey CONFIG = GroupKey.of("Object", Shape.of(List.of("id", "genreIds")));
    static final GroupKey BACKOFF = GroupKey.of("ExponentialBackoffStrategy", new Shape(List.of(), 6, true));
    static final GroupKey ARGUMENTS = GroupKey.of("Arguments", Shape.of(List.of("0", "length")));

    @Override
    protected SnapshotReader reader() {
        return READER;
    }

    @Override
    protected Map<String, byte[]> samples() {
        return Samples.byName(List.of("mdb/before.txt", "mdb/after.txt", "mdb/mdb-verbose-64bit.txt"));
    }

    @Override
    protected boolean truncationIsAlwaysAnError() {
        // With the header first (as mdb prints it), a listing cut after any row is still a listing.
        return false;
    }

    static Snapshot read(String text) {
        return Samples.read(READER, text, "listing.txt");
    }

    static long count(Snapshot s, GroupKey key) {
        return Samples.group(s, key).count();
    }

    @Test
    void founding_story_before_reads_every_row_with_its_shape() {
        Snapshot before = Samples.read(READER, Samples.bytes("mdb/before.txt"), "before.txt");
        assertEquals(14, before.groups().size());
        assertEquals(307_650, before.totals().count());
        assertFalse(before.isPartial());
        assertEquals(19_917, count(before, SEGMENT));
        assertEquals(20_186, count(before, GroupKey.of("Timer", new Shape(List.of("state", "touched", "duration"), 7,
                true))));
        assertEquals(8_775, count(before, CONFIG));
        assertEquals(4_643, count(before, ARGUMENTS));
        assertEquals(71_743, count(before, GroupKey.of("Array", Shape.counted(2))));
        assertEquals(59_489, count(before, GroupKey.of("Array", Shape.counted(1))));
        assertEquals(49_769, count(before, GroupKey.of("Array", Shape.counted(0))));
        assertEquals(9_430, count(before, GroupKey.of("Array", Shape.counted(3))));
        assertEquals(16_203, count(before, GroupKey.of("Object", Shape.counted(0))));
        assertEquals(OptionalLong.empty(), before.totals().shallowBytes());
        assertEquals(List.of(0x9719710199L), before.group(SEGMENT).orElseThrow().exemplars());
    }

    @Test
    void founding_story_after_is_partial_and_has_the_new_group() {
        Snapshot after = Samples.read(READER, Samples.bytes("mdb/after.txt"), "after.txt");
        assertTrue(after.isPartial());
        assertEquals(14, after.groups().size());
        assertEquals(1_750_160, after.totals().count());
        assertEquals(209_896, count(after, SEGMENT));
        assertEquals(14_099, count(after, BACKOFF));
        assertEquals(507_224, count(after, GroupKey.of("Array", Shape.counted(2))));
        assertFalse(after.group(ARGUMENTS).isPresent());
    }

    @Test
    void founding_story_diff_grows_the_segments_keeps_the_control_and_does_not_call_elided_rows_gone() {
        Snapshot before = Samples.read(READER, Samples.bytes("mdb/before.txt"), "before.txt");
        Snapshot after = Samples.read(READER, Samples.bytes("mdb/after.txt"), "after.txt");
        HeapDiff diff = before.diff(after);
        GroupDelta segment = diff.delta(SEGMENT).orElseThrow();
        assertEquals(OptionalLong.of(189_979), segment.countDelta());
        assertEquals(10.54, segment.countRatio().orElseThrow(), 0.005);
        assertTrue(diff.delta(CONFIG).orElseThrow().isUnchanged());
        assertTrue(diff.delta(BACKOFF).orElseThrow().isNew());
        GroupDelta arguments = diff.delta(ARGUMENTS).orElseThrow();
        assertEquals(Observation.Presence.NOT_SHOWN, arguments.last().presence());
        assertFalse(arguments.isGone());
    }

    @Test
    void the_shared_corpus_listings_match_every_row_of_expected_md() throws IOException {
        Path expected = SharedCorpus.require("corpus/mdb/EXPECTED.md");
        Snapshot before = readFile(SharedCorpus.require("corpus/mdb/before.txt"));
        Snapshot after = readFile(SharedCorpus.require("corpus/mdb/after.txt"));
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| (\\d+) \\| ([\\d,]+|—) \\| ([\\d,]+|—) \\|");
        int rows = 0;
        for (String line : Files.readAllLines(expected)) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                continue;
            }
            rows++;
            GroupKey key = expectedKey(m.group(1), Integer.parseInt(m.group(2)));
            assertEquals(figure(m.group(3)), before.group(key).map(ObjectGroup::count), "before: " + line);
            assertEquals(figure(m.group(4)), after.group(key).map(ObjectGroup::count), "after: " + line);
        }
        assertEquals(15, rows, "rows of the EXPECTED.md table");
        assertEquals(Samples.text("mdb/before.txt"), Files.readString(SharedCorpus.require("corpus/mdb/before.txt")));
        assertEquals(Samples.text("mdb/after.txt"), Files.readString(SharedCorpus.require("corpus/mdb/after.txt")));
    }

    private static Snapshot readFile(Path file) {
        return io.github.heapdiff.SnapshotLoader.of(READER).read(file);
    }

    /** The key EXPECTED.md describes, worked out without the reader: names up to '...', #props as the count. */
    private static GroupKey expectedKey(String text, int props) {
        int colon = text.indexOf(": ");
        if (colon < 0) {
            return GroupKey.of(text, Shape.counted(props));
        }
        List<String> names = new ArrayList<>(List.of(text.substring(colon + 2).split(", ")));
        boolean truncated = names.get(names.size() - 1).equals("...");
        if (truncated) {
            names.remove(names.size() - 1);
        }
        return GroupKey.of(text.substring(0, colon), new Shape(names, props, truncated));
    }

    private static java.util.Optional<Long> figure(String s) {
        return s.equals("—") ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(s.replace(",", "")));
    }

    @Test
    void verbose_statistics_become_metadata() {
        Snapshot s = Samples.read(READER, Samples.bytes("mdb/mdb-verbose-64bit.txt"), "v.txt");
        Map<String, String> meta = s.source().metadata();
        assertEquals("1083342", meta.get("mdb.findjsobjects.heap-objects"));
        assertEquals("3", meta.get("mdb.findjsobjects.elapsed-time-seconds"));
        assertEquals("3921", meta.get("mdb.findjsobjects.functions-found"));
        assertEquals(12, meta.keySet().stream().filter(k -> k.startsWith("mdb.findjsobjects.")).count());
    }

    @Test
    void rows_without_a_constructor_and_cut_property_lists_are_keyed_by_what_mdb_shows() {
        Snapshot s = Samples.read(READER, Samples.bytes("mdb/mdb-verbose-64bit.txt"), "v.txt");
        String none = MdbFindjsobjectsReader.NO_CONSTRUCTOR;
        assertEquals(1, count(s, GroupKey.of(none, Shape.counted(0))));
        assertEquals(1, count(s, GroupKey.of(none, Shape.of(List.of("__proto__")))));
        assertEquals(3, count(s, GroupKey.of(none, new Shape(List.of(), 2, true))));
        assertEquals(12, count(s, GroupKey.of("Agent", new Shape(List.of("domain", "_events", "_eventsCount"), 7,
                true))));
        assertEquals(45, count(s, GroupKey.of("ExponentialBackoffStrategy", new Shape(List.of(), 6, true))));
        assertEquals(2, count(s, GroupKey.of("Array", Shape.counted(0))));
        assertEquals(2_210, count(s, GroupKey.of("Array", Shape.counted(2))));
        assertEquals(List.of(0x3a1f2c0b7e31L), s.group(GroupKey.of("Array", Shape.counted(2))).orElseThrow()
                .exemplars());
        assertEquals(14, s.groups().size());
    }

    @Test
    void the_header_may_come_first_or_last_and_addresses_may_have_any_width() {
        List<String> lines = new ArrayList<>(Samples.text("mdb/before.txt").lines().toList());
        String header = lines.remove(lines.size() - 1);
        Snapshot bottom = read(Samples.text("mdb/before.txt"));
        List<String> top = new ArrayList<>(lines);
        Collections.reverse(top);
        top.add(0, header);
        assertEquals(bottom.groups(), read(String.join("\n", top) + "\n").groups());
        String widths = "          OBJECT #OBJECTS   #PROPS CONSTRUCTOR: PROPS\n"
                + "ffffffffffff1a39        2        1 Foo: a\n"
                + "  8f5a1f69        3        1 Foo: a\n"
                + "1a39 4 1 Foo: a\n";
        Snapshot s = read(widths);
        ObjectGroup foo = s.group(GroupKey.of("Foo", Shape.of(List.of("a")))).orElseThrow();
        assertEquals(9, foo.count());
        assertEquals(List.of(0xffffffffffff1a39L, 0x8f5a1f69L, 0x1a39L), foo.exemplars());
    }

    @Test
    void a_prompt_line_and_blank_lines_and_windows_line_ends_are_accepted() {
        Snapshot s = read("> ::findjsobjects\r\n\r\n      OBJECT #OBJECTS   #PROPS CONSTRUCTOR: PROPS\r\n"
                + "    8f5a1f69        3        2 Foo: a, b\r\n\r\n");
        assertEquals(3, count(s, GroupKey.of("Foo", Shape.of(List.of("a", "b")))));
    }

    @Test
    void a_mutated_row_is_malformed_naming_its_line_and_text() {
        List<String> lines = new ArrayList<>(Samples.text("mdb/before.txt").lines().toList());
        lines.set(4, " 1102bfc1dc31     8775        x Object: id, genreIds");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> Samples.read(READER, String.join("\n", lines) + "\n", "before.txt"));
        assertEquals(Location.line(5), e.location());
        assertEquals(" 1102bfc1dc31     8775        x Object: id, genreIds", e.found());
        assertTrue(e.getMessage().startsWith("before.txt (mdb-findjsobjects): line 5: expected a row"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("but found  1102bfc1dc31     8775        x Object: id, genreIds"),
                e.getMessage());
    }

    @Test
    void names_that_disagree_with_the_property_count_are_malformed() {
        String head = "OBJECT #OBJECTS #PROPS CONSTRUCTOR: PROPS\n";
        assertMalformedAt(2, head + "8f5a1f69 3 3 Foo: a, b\n");
        assertMalformedAt(2, head + "8f5a1f69 3 2 Foo: a, b, ...\n");
        assertMalformedAt(2, head + "8f5a1f69 3 1 Foo: a, b\n");
        assertMalformedAt(3, head + "8f5a1f69 3 0 Foo\n8f5a1f70 3 2\n");
        assertMalformedAt(2, head + "8f5a1f69 3 2 Foo: a, , b\n");
        assertMalformedAt(2, head + "8f5a1f69 3 1 : a\n");
        assertMalformedAt(2, head + "8f5a1f69 0 1 Foo: a\n");
        assertMalformedAt(2, head + "8f5a1f69g 3 1 Foo: a\n");
        assertMalformedAt(2, head + "12345678123456781 3 1 Foo: a\n");
        assertMalformedAt(2, head + "8f5a1f69 99999999999999999999 1 Foo: a\n");
    }

    @Test
    void the_header_is_required_once_and_nothing_follows_it_at_the_bottom() {
        String row = "8f5a1f69 3 1 Foo: a\n";
        String header = "OBJECT #OBJECTS #PROPS CONSTRUCTOR: PROPS\n";
        MalformedSnapshotException none = assertMalformedAt(1, row);
        assertTrue(none.getMessage().contains("header"), none.getMessage());
        assertMalformedAt(3, header + row + header);
        assertMalformedAt(3, row + header + row);
        assertMalformedAt(3, row + header + "...\n");
        assertMalformedAt(1, "findjsobjects: heap objects => lots\n" + header);
        assertMalformedAt(1, "{\"snapshot\":{\"meta\":{}}}\n");
    }

    @Test
    void a_header_alone_is_an_empty_listing_and_dots_anywhere_mark_it_partial() {
        assertTrue(read("OBJECT #OBJECTS #PROPS CONSTRUCTOR: PROPS\n").groups().isEmpty());
        assertTrue(read("...\nOBJECT #OBJECTS #PROPS CONSTRUCTOR: PROPS\n").isPartial());
    }

    static MalformedSnapshotException assertMalformedAt(long line, String text) {
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> read(text), text);
        assertEquals(Location.line(line), e.location(), e.getMessage());
        return e;
    }

    // ---- round trip: rows rendered as mdb prints them read back to the same groups ----

    record Row(long address, int count, String constructor, List<String> props, int arrayLength) {
        boolean isArray() {
            return constructor.equals("Array");
        }

        int nprops() {
            return isArray() ? arrayLength : props.size();
        }
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDXYZ_$0123456789")
                .ofMinLength(1).ofMaxLength(30).filter(n -> !n.equals("Array"));
        Arbitrary<String> constructors = Arbitraries.oneOf(Arbitraries.of("", "Array", "Object", "Timer"), names);
        return Combinators.combine(Arbitraries.longs().between(1, 0xffff_ffff_ffffL), Arbitraries.integers()
                .between(1, 5_000_000), constructors, names.list().ofMaxSize(15), Arbitraries.integers().between(0, 40))
                .as(Row::new).list().ofMaxSize(40);
    }

    /** Renders {@code rows} as mdb_v8's {@code findjsobjects_print} does, for a target with {@code pointerBytes}-byte pointers. */
    static String render(List<Row> rows, int pointerBytes, boolean headerFirst) {
        int width = pointerBytes * 2;
        StringBuilder out = new StringBuilder();
        String header = String.format("%" + width + "s %8s %8s %s", "OBJECT", "#OBJECTS", "#PROPS",
                "CONSTRUCTOR: PROPS") + "\n";
        if (headerFirst) {
            out.append(header);
        }
        for (Row r : rows) {
            int col = 19 + width + 3;
            List<String> props = r.isArray() ? List.of() : r.props();
            out.append(String.format("%" + width + "x %8d %8d ", r.address() & (width == 8 ? 0xffff_ffffL : -1L),
                    r.count(), r.nprops()));
            if (!r.constructor().isEmpty()) {
                out.append(r.constructor()).append(props.isEmpty() ? "" : ": ");
                col += r.constructor().length() + 2;
            }
            for (int i = 0; i < props.size(); i++) {
                int len = props.get(i).length() + 2;
                if (col + len < 80) {
                    out.append(props.get(i)).append(i + 1 < props.size() ? ", " : "");
                    col += len;
                } else {
                    out.append("...");
                    break;
                }
            }
            out.append('\n');
        }
        if (!headerFirst) {
            out.append(header);
        }
        return out.toString();
    }

    /** The key each row must read back as, worked out from the row itself and the column-80 rule. */
    static GroupKey expectedKey(Row r, int pointerBytes) {
        if (r.isArray()) {
            return GroupKey.of("Array", Shape.counted(r.nprops()));
        }
        String type = r.constructor().isEmpty() ? MdbFindjsobjectsReader.NO_CONSTRUCTOR : r.constructor();
        int col = 19 + pointerBytes * 2 + 3 + (r.constructor().isEmpty() ? 0 : r.constructor().length() + 2);
        List<String> shown = new ArrayList<>();
        for (String p : r.props()) {
            if (col + p.length() + 2 >= 80) {
                return GroupKey.of(type, new Shape(shown, r.props().size(), true));
            }
            shown.add(p);
            col += p.length() + 2;
        }
        return GroupKey.of(type, Shape.of(shown));
    }

    @Property(tries = 300)
    void rows_rendered_as_mdb_prints_them_read_back_to_their_groups(@ForAll("rows") List<Row> rows,
            @ForAll boolean sixtyFourBit, @ForAll boolean headerFirst) {
        int pointerBytes = sixtyFourBit ? 8 : 4;
        Snapshot s = read(render(rows, pointerBytes, headerFirst));
        Map<GroupKey, Long> expected = new TreeMap<>();
        for (Row r : rows) {
            expected.merge(expectedKey(r, pointerBytes), (long) r.count(), Long::sum);
        }
        Map<GroupKey, Long> actual = new TreeMap<>();
        for (ObjectGroup g : s.groups()) {
            actual.put(g.key(), g.count());
            assertFalse(g.exemplars().isEmpty());
        }
        assertEquals(expected, actual);
    }
}
