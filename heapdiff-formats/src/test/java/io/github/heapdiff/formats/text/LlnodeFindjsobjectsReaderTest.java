package io.github.heapdiff.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Shape;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LlnodeFindjsobjectsReaderTest extends ReaderContract {

    static final SnapshotReader READER = new LlnodeFindjsobjectsReader();

    @Override
    protected SnapshotReader reader() {
        return READER;
    }

    @Override
    protected Map<String, byte[]> samples() {
        return Samples.byName(List.of("llnode/llnode-simple.txt", "llnode/llnode-simple-nofooter.txt",
                "llnode/llnode-detailed.txt"));
    }

    @Override
    protected boolean truncationIsAlwaysAnError() {
        // The totals footer is optional, so a table cut after a row is still a table.
        return false;
    }

    static Snapshot read(String text) {
        return Samples.read(READER, text, "llnode.txt");
    }

    static GroupStats stats(Snapshot s, GroupKey key) {
        return Samples.group(s, key).stats();
    }

    @Test
    void the_simple_table_gives_instances_and_shallow_bytes_per_type_name() {
        Snapshot s = Samples.read(READER, Samples.bytes("llnode/llnode-simple.txt"), "simple.txt");
        assertEquals(Grouping.TYPE, s.grouping());
        assertEquals(11, s.groups().size());
        assertEquals(GroupStats.of(420, 43_680), stats(s, GroupKey.of("TraceSegment")));
        assertEquals(GroupStats.of(14_873, 713_904), stats(s, GroupKey.of("(String)")));
        assertEquals(GroupStats.of(4, 224), stats(s, GroupKey.of("(ArrayBufferView)")));
        assertEquals(GroupStats.of(20_202, 937_896), s.totals());
        assertEquals("simple", s.source().metadata().get("llnode.table"));
        Snapshot bare = Samples.read(READER, Samples.bytes("llnode/llnode-simple-nofooter.txt"), "bare.txt");
        assertEquals(s.groups(), bare.groups());
    }

    @Test
    void the_detailed_table_keys_rows_by_type_properties_and_elements() {
        Snapshot s = Samples.read(READER, Samples.bytes("llnode/llnode-detailed.txt"), "detailed.txt");
        assertEquals(Grouping.SHAPE, s.grouping());
        assertEquals(13, s.groups().size());
        Shape length = Shape.of(List.of("length"));
        assertEquals(GroupStats.of(2_210, 70_720), stats(s, GroupKey.of("(Array)", length.withElementCount(17))));
        assertEquals(GroupStats.of(2, 64), stats(s, GroupKey.of("(Array)", length)));
        assertEquals(GroupStats.of(420, 43_680), stats(s, GroupKey.of("TraceSegment",
                new Shape(List.of("name", "transaction", "parameters"), 13, true))));
        assertEquals(GroupStats.of(188, 6_016), stats(s, GroupKey.of("Object", Shape.of(List.of("id", "genreIds")))));
        assertEquals(GroupStats.of(9, 288), stats(s, GroupKey.of("Object",
                Shape.of(List.of("id", "genreIds")).withElementCount(4))));
        assertEquals(GroupStats.of(14_873, 713_904), stats(s, GroupKey.of("(String)", Shape.counted(0))));
        assertEquals(GroupStats.of(18_975, 898_536), s.totals());
        ObjectGroup timer = s.group(GroupKey.of("Timer", new Shape(List.of("state", "touched", "duration"), 7,
                true))).orElseThrow();
        assertEquals(List.of(0x2b4a3e208471L), timer.exemplars());
        assertEquals("detailed", s.source().metadata().get("llnode.table"));
        assertEquals(List.of("(Array)", "(Object)", "(String)", "Agent", "ExponentialBackoffStrategy", "Object",
                "Timer", "TraceSegment"), s.regroup(Grouping.TYPE).groups().stream().map(g -> g.key().type()).toList());
    }

    @Test
    void totals_that_disagree_with_the_rows_are_malformed_naming_the_line() {
        List<String> lines = new ArrayList<>(Samples.text("llnode/llnode-simple.txt").lines().toList());
        int last = lines.size() - 1;
        lines.set(last, "      20203     937896 ");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> Samples.read(READER, String.join("\n", lines) + "\n", "simple.txt"));
        assertEquals(Location.line(last + 1), e.location());
        assertTrue(e.getMessage().contains("expected the totals line '20202 937896' (the sums of the rows) but found "
                + "      20203     937896 "), e.getMessage());
    }

    @Test
    void a_mutated_row_is_malformed_naming_its_line_and_text() {
        List<String> lines = new ArrayList<>(Samples.text("llnode/llnode-detailed.txt").lines().toList());
        lines.set(5, "  2b4a3e1f7b31          9         288           two         4 Object: id, genreIds");
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> Samples.read(READER, String.join("\n", lines) + "\n", "detailed.txt"));
        assertEquals(Location.line(6), e.location());
        assertEquals(lines.get(5), e.found());
        assertTrue(e.getMessage().startsWith("detailed.txt (llnode-findjsobjects): line 6: expected a row"),
                e.getMessage());
    }

    @Test
    void broken_tables_are_malformed_at_the_right_line() {
        String simple = " Instances  Total Size Name\n ---------- ---------- ----\n";
        assertMalformedAt(1, "some other text\n");
        assertMalformedAt(2, " Instances  Total Size Name\n          1         24 Object\n");
        assertMalformedAt(3, simple + "          x         24 Object\n");
        assertMalformedAt(3, simple + "          0         24 Object\n");
        assertMalformedAt(4, simple + "          1         24 Object\n ---------- ---------- \n");
        assertMalformedAt(6, simple + "          1         24 Object\n ---------- ---------- \n          1   24\n"
                + "          2         24 Object\n");
        String detailed = "   Sample Obj.  Instances  Total Size  Properties  Elements  Name\n"
                + " ------------- ---------- ----------- ----------- --------- -----\n";
        assertMalformedAt(3, detailed + "  2b4a3e1c0a11          1          24           1         0 Foo: a, b\n");
        assertMalformedAt(3, detailed + "  2b4a3e1c0a11          1          24           2         0 Foo: a, b, ...\n");
        assertMalformedAt(3, detailed + "  zz4a3e1c0a11          1          24           2         0 Foo: a, b\n");
        assertMalformedAt(3, detailed + "  2b4a3e1c0a11          1          24           2\n");
    }

    @Test
    void names_llnode_left_empty_and_prompt_lines_are_handled() {
        Snapshot s = read("(lldb) v8 findjsobjects\n Instances  Total Size Name\n ---------- ---------- ----\n"
                + "          3         96 \n          1         24 (Object)\n");
        assertEquals(GroupStats.of(3, 96), stats(s, GroupKey.of(LlnodeFindjsobjectsReader.NO_NAME)));
        Snapshot d = read("   Sample Obj.  Instances  Total Size  Properties  Elements  Name\n"
                + " ------------- ---------- ----------- ----------- --------- -----\n"
                + "  2b4a3e1c0a11          1          24           2         0 Foo: a\n");
        assertEquals(GroupStats.of(1, 24), stats(d, GroupKey.of("Foo", new Shape(List.of("a"), 2, true))));
    }

    static MalformedSnapshotException assertMalformedAt(long line, String text) {
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, () -> read(text), text);
        assertEquals(Location.line(line), e.location(), e.getMessage());
        return e;
    }

    // ---- round trip: tables rendered as llnode prints them read back to the same groups ----

    record Row(long sample, long count, long size, String type, List<String> props, int elements) {
        String shown() {
            StringBuilder sb = new StringBuilder(type);
            for (int i = 0; i < Math.min(3, props.size()); i++) {
                sb.append(i == 0 ? ": " : ", ").append(props.get(i));
            }
            if (props.size() > 3) {
                sb.append(", ...");
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ_$0189")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> types = Arbitraries.oneOf(Arbitraries.of("(Object)", "(Array)", "(String)", "Object"),
                names);
        return Combinators.combine(Arbitraries.longs().between(1, 0xffff_ffff_ffffL),
                Arbitraries.longs().between(1, 50_000_000), Arbitraries.longs().between(0, 5_000_000_000L), types,
                names.list().ofMaxSize(9), Arbitraries.integers().between(0, 3)).as(Row::new).list().ofMaxSize(30);
    }

    static String renderSimple(List<Row> rows, boolean footer) {
        StringBuilder out = new StringBuilder(" Instances  Total Size Name\n ---------- ---------- ----\n");
        long count = 0;
        long size = 0;
        for (Row r : rows) {
            out.append(String.format(" %10d %10d %s%n", r.count(), r.size(), r.type()).replace(System.lineSeparator(),
                    "\n"));
            count += r.count();
            size += r.size();
        }
        if (footer) {
            out.append(" ---------- ---------- \n").append(String.format(" %10d %10d \n", count, size));
        }
        return out.toString();
    }

    static String renderDetailed(List<Row> rows, boolean footer) {
        StringBuilder out = new StringBuilder("   Sample Obj.  Instances  Total Size  Properties  Elements  Name\n"
                + " ------------- ---------- ----------- ----------- --------- -----\n");
        long count = 0;
        long size = 0;
        for (Row r : rows) {
            out.append(String.format(" %13x %10d %11d %11d %9d %s", r.sample(), r.count(), r.size(), r.props().size(),
                    r.elements(), r.shown())).append('\n');
            count += r.count();
            size += r.size();
        }
        if (footer) {
            out.append(" ------------ ---------- ----------- ----------- ----------- ----\n")
                    .append(String.format("             %11d %11d \n", count, size));
        }
        return out.toString();
    }

    @Property(tries = 200)
    void simple_tables_read_back_to_their_rows(@ForAll("rows") List<Row> rows, @ForAll boolean footer) {
        Map<GroupKey, GroupStats> expected = new TreeMap<>();
        for (Row r : rows) {
            expected.merge(GroupKey.of(r.type()), GroupStats.of(r.count(), r.size()), GroupStats::plus);
        }
        Map<GroupKey, GroupStats> actual = new TreeMap<>();
        read(renderSimple(rows, footer)).groups().forEach(g -> actual.put(g.key(), g.stats()));
        assertEquals(expected, actual);
    }

    @Property(tries = 200)
    void detailed_tables_read_back_to_their_rows(@ForAll("rows") List<Row> rows, @ForAll boolean footer) {
        Map<GroupKey, GroupStats> expected = new TreeMap<>();
        for (Row r : rows) {
            List<String> shown = r.props().subList(0, Math.min(3, r.props().size()));
            Shape shape = new Shape(shown, r.props().size(), r.props().size() > 3, r.elements());
            expected.merge(GroupKey.of(r.type(), shape), GroupStats.of(r.count(), r.size()), GroupStats::plus);
        }
        Map<GroupKey, GroupStats> actual = new TreeMap<>();
        read(renderDetailed(rows, footer)).groups().forEach(g -> actual.put(g.key(), g.stats()));
        assertEquals(expected, actual);
    }
}
