package io.github.heapdiff.formats.text;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.Shape;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tables that llnode's {@code v8 findjsobjects} prints: the simple table, one row per
 * type name,
 *
 * <pre>
 *  Instances  Total Size Name
 *  ---------- ---------- ----
 *           1         24 Object
 *       20186    1130416 Timer
 * </pre>
 *
 * and the detailed table of {@code v8 findjsobjects -d}, one row per type name, property list
 * and element count, with a sample object:
 *
 * <pre>
 *    Sample Obj.  Instances  Total Size  Properties  Elements  Name
 *  ------------- ---------- ----------- ----------- --------- -----
 *   3f6e8d21c0a9      19917     2071368          13         0 TraceSegment: name, transaction, ...
 * </pre>
 *
 * <p>The totals footer (a dashed rule and the sums of both columns) may be there or not; when it
 * is, its sums must equal the rows'. Simple rows are keyed by type name; detailed rows by type
 * name and a {@link Shape} of the shown property names (llnode shows three at most and then
 * {@code ...}), the {@code Properties} count and the {@code Elements} count. Total sizes are
 * shallow bytes. A sample object's address is kept as an exemplar. Rows whose name llnode left
 * empty are grouped under {@value #NO_NAME}. Leading lldb prompt lines ({@code (llnode) v8
 * findjsobjects}) are skipped.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; stateless and
 * thread-safe.
 */
public final class LlnodeFindjsobjectsReader implements SnapshotReader {

    /** The format id. */
    public static final String FORMAT_ID = "llnode-findjsobjects";

    /** The type name of rows whose name llnode printed empty. */
    public static final String NO_NAME = "(no name)";

    private static final Logger LOG = LoggerFactory.getLogger(LlnodeFindjsobjectsReader.class);
    private static final List<String> SIMPLE = List.of("Instances", "Total", "Size", "Name");
    private static final List<String> DETAILED =
            List.of("Sample", "Obj.", "Instances", "Total", "Size", "Properties", "Elements", "Name");
    private static final String SIMPLE_ROW = "a row '<instances> <total size> <name>'";
    private static final String DETAILED_ROW =
            "a row '<sample obj.> <instances> <total size> <properties> <elements> <name>'";

    /** Creates the reader (readers are normally found by {@link java.util.ServiceLoader}). */
    public LlnodeFindjsobjectsReader() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public String description() {
        return "llnode v8 findjsobjects table (instances and sizes per type; -d per type and properties)";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        for (String line : (Iterable<String>) input.text().lines().limit(100)::iterator) {
            String t = line.strip();
            if (t.isEmpty() || isPrompt(t)) {
                continue;
            }
            List<String> f = Text.fields(t);
            return f.equals(SIMPLE) || f.equals(DETAILED) ? MatchStrength.SOLID_MATCH : MatchStrength.NO_MATCH;
        }
        return MatchStrength.NO_MATCH;
    }

    private static boolean isPrompt(String t) {
        return t.startsWith("(lldb)") || t.startsWith("(llnode)");
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        LineReader lines = new LineReader(in, sink);
        String line;
        Boolean detailed = null;
        while ((line = lines.next()) != null) {
            String t = line.strip();
            if (t.isEmpty() || isPrompt(t)) {
                continue;
            }
            List<String> f = Text.fields(t);
            if (f.equals(SIMPLE) || f.equals(DETAILED)) {
                detailed = f.equals(DETAILED);
                break;
            }
            throw sink.malformed(lines.location(), "the header ' Instances  Total Size Name' or '   Sample Obj.  "
                    + "Instances  Total Size  Properties  Elements  Name'", line);
        }
        if (detailed == null) {
            throw sink.malformed(lines.location(), "the findjsobjects header", "no header");
        }
        sink.metadata("llnode.table", detailed ? "detailed" : "simple");
        line = nextNonBlank(lines);
        if (line == null || !isRule(line)) {
            throw sink.malformed(lines.location(), "a dashed rule under the header",
                    line == null ? "the end of the input" : line);
        }
        long rows = 0;
        long objects = 0;
        long bytes = 0;
        boolean footer = false;
        while ((line = lines.next()) != null) {
            if (Text.isBlank(line)) {
                continue;
            }
            if (isRule(line)) {
                footer = true;
                break;
            }
            GroupStats stats = detailed ? detailedRow(line, lines, sink) : simpleRow(line, lines, sink);
            rows++;
            try {
                objects = Math.addExact(objects, stats.count());
                bytes = Math.addExact(bytes, stats.shallowBytes().orElseThrow());
            } catch (ArithmeticException e) {
                throw sink.malformed(lines.location(), "figures whose sums fit in 64 bits", line);
            }
        }
        if (footer) {
            totals(lines, sink, objects, bytes);
        }
        LOG.debug("{}: {} rows, {} objects, {} bytes{}", sink.sourceName(), rows, objects, bytes,
                footer ? ", totals checked" : ", no totals footer");
    }

    private static boolean isRule(String line) {
        List<String> f = Text.fields(line);
        return !f.isEmpty() && f.stream().allMatch(Text::isDashes);
    }

    private static String nextNonBlank(LineReader lines) throws IOException {
        String line;
        while ((line = lines.next()) != null) {
            if (!Text.isBlank(line)) {
                return line;
            }
        }
        return null;
    }

    /** Reads the sums line under the footer rule and checks it against the rows; then only blank lines may follow. */
    private static void totals(LineReader lines, SnapshotSink sink, long objects, long bytes) throws IOException {
        String line = nextNonBlank(lines);
        String expected = "the totals line '" + objects + " " + bytes + "' (the sums of the rows)";
        if (line == null) {
            throw sink.malformed(lines.location(), expected, "the end of the input (the listing is cut short)");
        }
        List<String> f = Text.fields(line);
        if (f.size() != 2 || Text.decimal(f.get(0), 0, f.get(0).length()) != objects
                || Text.decimal(f.get(1), 0, f.get(1).length()) != bytes) {
            throw sink.malformed(lines.location(), expected, line);
        }
        String after = nextNonBlank(lines);
        if (after != null) {
            throw sink.malformed(lines.location(), "the end of the listing after its totals", after);
        }
    }

    private static GroupStats simpleRow(String line, LineReader lines, SnapshotSink sink) {
        int i = Text.skipBlanks(line, 0);
        int e = Text.fieldEnd(line, i);
        long count = Text.decimal(line, i, e);
        i = Text.skipBlanks(line, e);
        int e2 = Text.fieldEnd(line, i);
        long size = Text.decimal(line, i, e2);
        if (count < 1 || size < 0) {
            throw sink.malformed(lines.location(), SIMPLE_ROW, line);
        }
        String name = name(Text.stripTrailing(line.substring(Text.skipBlanks(line, e2))));
        GroupStats stats = GroupStats.of(count, size);
        sink.group(GroupKey.of(name), stats);
        return stats;
    }

    private static GroupStats detailedRow(String line, LineReader lines, SnapshotSink sink) {
        int i = Text.skipBlanks(line, 0);
        int e = Text.fieldEnd(line, i);
        if (!Text.isHex(line, i, e)) {
            throw sink.malformed(lines.location(), DETAILED_ROW, line);
        }
        long sample = Text.hex(line, i, e);
        long[] figures = new long[4];
        for (int k = 0; k < figures.length; k++) {
            i = Text.skipBlanks(line, e);
            e = Text.fieldEnd(line, i);
            figures[k] = Text.decimal(line, i, e);
        }
        long count = figures[0];
        long size = figures[1];
        long properties = figures[2];
        long elements = figures[3];
        if (count < 1 || size < 0 || properties < 0 || properties > Integer.MAX_VALUE || elements < 0
                || elements > Integer.MAX_VALUE) {
            throw sink.malformed(lines.location(), DETAILED_ROW, line);
        }
        String text = Text.stripTrailing(line.substring(Text.skipBlanks(line, e)));
        GroupKey key = detailedKey(text, (int) properties, (int) elements, line, lines, sink);
        GroupStats stats = GroupStats.of(count, size);
        sink.group(new ObjectGroup(key, stats, List.of(sample), Optional.empty(), Optional.empty(),
                ObjectIds.empty()));
        return stats;
    }

    /** {@code Type} or {@code Type: p1, p2, p3} or {@code Type: p1, p2, p3, ...}. */
    private static GroupKey detailedKey(String text, int properties, int elements, String line, LineReader lines,
            SnapshotSink sink) {
        int colon = text.indexOf(": ");
        String type = name(colon < 0 ? text : text.substring(0, colon));
        List<String> names = new ArrayList<>();
        boolean marked = false;
        if (colon >= 0) {
            String[] parts = text.substring(colon + 2).split(", ", -1);
            marked = parts[parts.length - 1].equals("...");
            for (int k = 0; k < parts.length - (marked ? 1 : 0); k++) {
                if (parts[k].isEmpty()) {
                    throw sink.malformed(lines.location(), "property names separated by ', '", line);
                }
                names.add(parts[k]);
            }
        }
        if (names.size() > properties || (marked && names.size() >= properties)) {
            throw sink.malformed(lines.location(), "at most " + properties + " property names"
                    + (marked ? " before '...'" : "") + ", as Properties says", names.size() + " in '" + text + "'");
        }
        // llnode shows a few names; fewer names than Properties means the list was cut short.
        return GroupKey.of(type, new Shape(names, properties, names.size() < properties, elements));
    }

    private static String name(String text) {
        return text.isEmpty() ? NO_NAME : text;
    }
}
