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
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the summary that mdb_v8's {@code ::findjsobjects} prints: one row per group of objects
 * that share a constructor and property list.
 *
 * <pre>
 *           OBJECT #OBJECTS   #PROPS CONSTRUCTOR: PROPS
 *       9719710199    19917       13 TraceSegment: name, transaction, ...
 *        971970f1c9    71743        2 Array
 * </pre>
 *
 * <p>Each row is keyed by constructor and {@link Shape}: the visible property names, the
 * {@code #PROPS} count, and whether mdb cut the list short at column 80 (it then prints
 * {@code ...}). {@code Array} rows count elements in {@code #PROPS}, so arrays of different
 * lengths are different groups ({@link Shape#counted(int)}). Objects whose constructor mdb could
 * not name are grouped under {@value #NO_CONSTRUCTOR}. The representative address of a row is
 * kept as an exemplar, never as part of the key. The header line may come first (as mdb prints
 * it) or last; addresses may be of any width up to 16 digits; blank lines are skipped; a lone
 * {@code ...} line says rows were elided, and the snapshot is then {@linkplain
 * io.github.heapdiff.Snapshot#isPartial() partial}. The statistics of {@code ::findjsobjects -v}
 * ({@code findjsobjects: heap objects => 5083011}) become metadata such as
 * {@code mdb.findjsobjects.heap-objects}. The format records no sizes.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; stateless and
 * thread-safe.
 */
public final class MdbFindjsobjectsReader implements SnapshotReader {

    /** The format id. */
    public static final String FORMAT_ID = "mdb-findjsobjects";

    /** The type name of objects whose constructor mdb could not name (it prints their properties alone). */
    public static final String NO_CONSTRUCTOR = "(no constructor)";

    static final String METADATA_PREFIX = "mdb.findjsobjects.";

    private static final Logger LOG = LoggerFactory.getLogger(MdbFindjsobjectsReader.class);
    private static final List<String> HEADER = List.of("OBJECT", "#OBJECTS", "#PROPS", "CONSTRUCTOR:", "PROPS");
    private static final String ROW = "a row '<address> <#objects> <#props> <constructor>: <props>'";
    private static final int PROBE_LINES = 1000;

    /** Creates the reader (readers are normally found by {@link java.util.ServiceLoader}). */
    public MdbFindjsobjectsReader() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public String description() {
        return "mdb_v8 ::findjsobjects listing (objects per constructor and property list)";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        String text = input.text();
        int rows = 0;
        boolean header = false;
        boolean preamble = false;
        boolean first = true;
        int seen = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (++seen > PROBE_LINES) {
                break;
            }
            String t = line.strip();
            if (t.isEmpty() || t.equals("...")) {
                continue;
            }
            if (first && isPrompt(t)) {
                first = false;
                continue;
            }
            first = false;
            if (isHeader(t)) {
                header = true;
            } else if (t.startsWith("findjsobjects:") && t.contains(" => ")) {
                preamble = true;
            } else if (looksLikeRow(line)) {
                rows++;
            } else {
                return MatchStrength.NO_MATCH;
            }
        }
        if (header || (preamble && rows > 0)) {
            return MatchStrength.SOLID_MATCH;
        }
        return rows > 0 ? MatchStrength.WEAK_MATCH : MatchStrength.NO_MATCH;
    }

    private static boolean isPrompt(String t) {
        return t.startsWith(">") && t.contains("findjsobjects");
    }

    private static boolean isHeader(String t) {
        return Text.fields(t).equals(HEADER);
    }

    private static boolean looksLikeRow(String line) {
        int i = Text.skipBlanks(line, 0);
        int e = Text.fieldEnd(line, i);
        if (!Text.isHex(line, i, e)) {
            return false;
        }
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        if (Text.decimal(line, i, e) < 0) {
            return false;
        }
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        return Text.decimal(line, i, e) >= 0;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        LineReader lines = new LineReader(in, sink);
        long headerLine = 0;
        boolean headerAtBottom = false;
        long rows = 0;
        long objects = 0;
        boolean first = true;
        boolean partial = false;
        String line;
        while ((line = lines.next()) != null) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (headerAtBottom) {
                throw sink.malformed(lines.location(), "the end of the listing after its header at the bottom (line "
                        + headerLine + ")", line);
            }
            boolean wasFirst = first;
            first = false;
            if (t.equals("...")) {
                sink.partial();
                partial = true;
                continue;
            }
            if (isHeader(t)) {
                if (headerLine > 0) {
                    throw sink.malformed(lines.location(), ROW + " (the header already came on line " + headerLine
                            + ")", line);
                }
                headerLine = lines.lineNumber();
                headerAtBottom = rows > 0;
                continue;
            }
            if (rows == 0 && headerLine == 0 && t.startsWith("findjsobjects:")) {
                preamble(t, line, lines, sink);
                continue;
            }
            if (wasFirst && isPrompt(t)) {
                continue;
            }
            long count = row(line, lines, sink);
            rows++;
            try {
                objects = Math.addExact(objects, count);
            } catch (ArithmeticException e) {
                throw sink.malformed(lines.location(), "counts whose sum fits in 64 bits", line);
            }
        }
        if (headerLine == 0) {
            throw sink.malformed(lines.location(), "the header line 'OBJECT #OBJECTS #PROPS CONSTRUCTOR: PROPS' at "
                    + "the top or the bottom of the listing", rows == 0 ? "no row and no header"
                            : "the end of the input after " + rows + " rows without it (is the listing cut short?)");
        }
        LOG.debug("{}: {} rows, {} objects{}", sink.sourceName(), rows, objects, partial ? ", rows elided" : "");
    }

    /** Reads a {@code findjsobjects: <statistic> => <n>} line of {@code -v} into metadata. */
    private static void preamble(String t, String line, LineReader lines, SnapshotSink sink) {
        String rest = t.substring("findjsobjects:".length());
        int arrow = rest.lastIndexOf(" => ");
        String stat = arrow < 0 ? "" : rest.substring(0, arrow).strip();
        String value = arrow < 0 ? "" : rest.substring(arrow + 4).strip();
        String digits = value.startsWith("-") ? value.substring(1) : value;
        if (stat.isEmpty() || Text.decimal(digits, 0, digits.length()) < 0) {
            throw sink.malformed(lines.location(), "a statistic 'findjsobjects: <name> => <number>'", line);
        }
        sink.metadata(METADATA_PREFIX + slug(stat), value);
    }

    /** {@code elapsed time (seconds)} becomes {@code elapsed-time-seconds}. */
    static String slug(String stat) {
        StringBuilder sb = new StringBuilder();
        boolean dash = false;
        for (char c : stat.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                if (dash && sb.length() > 0) {
                    sb.append('-');
                }
                sb.append(c);
                dash = false;
            } else {
                dash = true;
            }
        }
        return sb.toString();
    }

    /** Reads one row into the sink and returns its object count. */
    private static long row(String line, LineReader lines, SnapshotSink sink) {
        int i = Text.skipBlanks(line, 0);
        int e = Text.fieldEnd(line, i);
        if (!Text.isHex(line, i, e)) {
            throw sink.malformed(lines.location(), ROW, line);
        }
        long address = Text.hex(line, i, e);
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        long count = Text.decimal(line, i, e);
        if (count < 1) {
            throw sink.malformed(lines.location(), ROW + " with an object count of at least 1", line);
        }
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        long props = Text.decimal(line, i, e);
        if (props < 0 || props > Integer.MAX_VALUE) {
            throw sink.malformed(lines.location(), ROW + " with a property count", line);
        }
        String rest = Text.stripTrailing(line.substring(Text.skipBlanks(line, e)));
        GroupKey key = key(rest, (int) props, line, lines, sink);
        sink.group(new ObjectGroup(key, GroupStats.ofCount(count), List.of(address), Optional.empty(),
                Optional.empty(), ObjectIds.empty()));
        return count;
    }

    /**
     * The key of a row whose text after {@code #PROPS} is {@code rest}. mdb prints
     * {@code Constructor: p1, p2} when it knows both, {@code Constructor} alone when there are
     * no property names (plain objects without properties, and arrays, whose {@code #PROPS} is
     * their length), and the property names alone when it could not name the constructor.
     */
    private static GroupKey key(String rest, int props, String line, LineReader lines, SnapshotSink sink) {
        int colon = rest.indexOf(": ");
        if (colon > 0) {
            return GroupKey.of(rest.substring(0, colon), shape(rest.substring(colon + 2), props, line, lines, sink));
        }
        if (colon == 0) {
            throw sink.malformed(lines.location(), "a constructor name before ': '", line);
        }
        if (rest.isEmpty()) {
            if (props != 0) {
                throw sink.malformed(lines.location(), "the names of the " + props + " properties after #PROPS",
                        line);
            }
            return GroupKey.of(NO_CONSTRUCTOR, Shape.counted(0));
        }
        if (props == 0) {
            return GroupKey.of(rest, Shape.counted(0));
        }
        if (rest.equals("Array")) {
            return GroupKey.of("Array", Shape.counted(props));
        }
        return GroupKey.of(NO_CONSTRUCTOR, shape(rest, props, line, lines, sink));
    }

    private static Shape shape(String text, int props, String line, LineReader lines, SnapshotSink sink) {
        String[] parts = text.split(", ", -1);
        boolean truncated = parts[parts.length - 1].equals("...");
        int n = truncated ? parts.length - 1 : parts.length;
        List<String> names = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            if (parts[k].isEmpty()) {
                throw sink.malformed(lines.location(), "property names separated by ', '", line);
            }
            names.add(parts[k]);
        }
        if (truncated ? n >= props : n != props) {
            throw sink.malformed(lines.location(), (truncated ? "fewer than " + props : Integer.toString(props))
                    + " property names, as #PROPS says", n + " in '" + line.strip() + "'");
        }
        return new Shape(names, props, truncated);
    }
}
