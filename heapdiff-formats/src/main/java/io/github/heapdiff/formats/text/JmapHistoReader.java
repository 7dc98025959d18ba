package io.github.heapdiff.formats.text;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.Origin;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a HotSpot class histogram as {@code jmap -histo[:live] <pid>} and
 * {@code jcmd <pid> GC.class_histogram} print it, on JDK 8 and on JDK 9 and later:
 *
 * <pre>
 * 14950:
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:         47136        2450880  [B (java.base@17.0.15)
 *    7:          8775         210600  acme.tracing.JvmLeak$Genre
 * Total        188296        7541632
 * </pre>
 *
 * <p>The {@code <pid>:} line that jcmd prints first is optional (it becomes metadata
 * {@code jvm.pid}); JDK 8 prints no {@code (module)} column. Rows are keyed by the Java name of
 * the class: JVM descriptors become source-style names ({@code [B} is {@code byte[]},
 * {@code [[I} is {@code int[][]}, {@code [Ljava.lang.Object;} is {@code java.lang.Object[]}), and
 * the address or hash suffix of a hidden or VM-anonymous class ({@code Foo$$Lambda$18/0x800000028})
 * is dropped, since it differs between runs of the same program. Rows that share a name (the same
 * class loaded by two class loaders) add up. The module of a row becomes its group's
 * {@link Origin}; without a module, the class's package does. The {@code Total} line must be there
 * and equal the sums of the rows, so a cut or damaged histogram is an error.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; stateless and
 * thread-safe.
 */
public final class JmapHistoReader implements SnapshotReader {

    /** The format id. */
    public static final String FORMAT_ID = "jmap-histo";

    private static final Logger LOG = LoggerFactory.getLogger(JmapHistoReader.class);
    private static final List<String> HEADER = List.of("num", "#instances", "#bytes", "class", "name");
    private static final String ROW = "a row '<num>: <#instances> <#bytes> <class name> [(<module>)]'";

    /** Creates the reader (readers are normally found by {@link java.util.ServiceLoader}). */
    public JmapHistoReader() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public String description() {
        return "HotSpot class histogram (jmap -histo, jcmd GC.class_histogram)";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        boolean first = true;
        int rows = 0;
        for (String line : (Iterable<String>) input.text().lines().limit(1000)::iterator) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (first && isPidLine(t)) {
                first = false;
                continue;
            }
            first = false;
            if (isHeader(t)) {
                return MatchStrength.SOLID_MATCH;
            }
            if (Text.isDashes(t)) {
                continue;
            }
            if (rowNumber(t) > 0) {
                rows++;
            } else {
                return rows > 0 && t.startsWith("Total ") ? MatchStrength.WEAK_MATCH : MatchStrength.NO_MATCH;
            }
        }
        return rows > 0 ? MatchStrength.WEAK_MATCH : MatchStrength.NO_MATCH;
    }

    private static boolean isPidLine(String t) {
        return t.length() > 1 && t.endsWith(":") && Text.decimal(t, 0, t.length() - 1) >= 0;
    }

    private static boolean isHeader(String t) {
        List<String> f = Text.fields(t);
        return f.equals(HEADER) || (f.size() == 6 && f.subList(0, 5).equals(HEADER) && f.get(5).equals("(module)"));
    }

    /** The number of a row {@code "  12: ..."}, or -1. */
    private static long rowNumber(String t) {
        int e = Text.fieldEnd(t, 0);
        return e > 1 && t.charAt(e - 1) == ':' ? Text.decimal(t, 0, e - 1) : -1;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        LineReader lines = new LineReader(in, sink);
        String line = nextNonBlank(lines);
        if (line != null && isPidLine(line.strip())) {
            String t = line.strip();
            sink.metadata("jvm.pid", t.substring(0, t.length() - 1));
            line = nextNonBlank(lines);
        }
        if (line == null || !isHeader(line.strip())) {
            throw sink.malformed(lines.location(), "the header ' num     #instances         #bytes  class name'",
                    line == null ? "the end of the input" : line);
        }
        line = nextNonBlank(lines);
        if (line == null || !Text.isDashes(line.strip())) {
            throw sink.malformed(lines.location(), "a dashed rule under the header",
                    line == null ? "the end of the input" : line);
        }
        long rows = 0;
        long instances = 0;
        long bytes = 0;
        while (true) {
            line = nextNonBlank(lines);
            if (line == null) {
                throw sink.malformed(lines.location(), "the line 'Total <#instances> <#bytes>' after the rows",
                        "the end of the input after " + rows + " rows (the histogram is cut short)");
            }
            String t = line.strip();
            if (t.startsWith("Total")) {
                total(t, line, lines, sink, instances, bytes);
                break;
            }
            long[] figures = row(line, rows + 1, lines, sink);
            rows++;
            try {
                instances = Math.addExact(instances, figures[0]);
                bytes = Math.addExact(bytes, figures[1]);
            } catch (ArithmeticException e) {
                throw sink.malformed(lines.location(), "figures whose sums fit in 64 bits", line);
            }
        }
        String after = nextNonBlank(lines);
        if (after != null) {
            throw sink.malformed(lines.location(), "the end of the histogram after its Total line", after);
        }
        LOG.debug("{}: {} classes, {} instances, {} bytes", sink.sourceName(), rows, instances, bytes);
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

    private static void total(String t, String line, LineReader lines, SnapshotSink sink, long instances,
            long bytes) {
        List<String> f = Text.fields(t);
        if (f.size() != 3 || !f.get(0).equals("Total") || Text.decimal(f.get(1), 0, f.get(1).length()) != instances
                || Text.decimal(f.get(2), 0, f.get(2).length()) != bytes) {
            throw sink.malformed(lines.location(), "'Total " + instances + " " + bytes + "' (the sums of the rows)",
                    line);
        }
    }

    /** Reads row number {@code expected} into the sink and returns its instances and bytes. */
    private static long[] row(String line, long expected, LineReader lines, SnapshotSink sink) {
        int i = Text.skipBlanks(line, 0);
        int e = Text.fieldEnd(line, i);
        if (e - i < 2 || line.charAt(e - 1) != ':') {
            throw sink.malformed(lines.location(), ROW, line);
        }
        long num = Text.decimal(line, i, e - 1);
        if (num != expected) {
            throw sink.malformed(lines.location(), num < 0 ? ROW : ROW + " numbered " + expected, line);
        }
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        long count = Text.decimal(line, i, e);
        i = Text.skipBlanks(line, e);
        e = Text.fieldEnd(line, i);
        long size = Text.decimal(line, i, e);
        int nameStart = Text.skipBlanks(line, e);
        if (count < 0 || size < 0 || nameStart == line.length() || nameStart == e) {
            throw sink.malformed(lines.location(), ROW, line);
        }
        int nameEnd;
        if (line.charAt(nameStart) == '<') {
            int close = line.indexOf('>', nameStart);
            nameEnd = close < 0 ? line.length() : close + 1;
        } else {
            nameEnd = Text.fieldEnd(line, nameStart);
        }
        String printed = line.substring(nameStart, nameEnd);
        String rest = line.substring(nameEnd).strip();
        Optional<String> module = Optional.empty();
        if (!rest.isEmpty()) {
            if (rest.length() < 3 || rest.charAt(0) != '(' || rest.charAt(rest.length() - 1) != ')'
                    || Text.fieldEnd(rest, 0) != rest.length()) {
                throw sink.malformed(lines.location(), ROW, line);
            }
            module = Optional.of(rest.substring(1, rest.length() - 1));
        }
        String name = JvmNames.javaName(printed);
        if (name == null) {
            throw sink.malformed(lines.location(), "a class name or JVM array descriptor", printed + " in '"
                    + line.strip() + "'");
        }
        sink.group(new ObjectGroup(GroupKey.of(name), GroupStats.of(count, size), List.of(), origin(name, module),
                Optional.empty(), ObjectIds.empty()));
        return new long[] {count, size};
    }

    /** The module of a row, or else the package of its (element) class. */
    static Optional<Origin> origin(String javaName, Optional<String> module) {
        if (module.isPresent()) {
            String m = module.get();
            int at = m.indexOf('@');
            return Optional.of(at <= 0 ? new Origin(m, Optional.empty(), "module")
                    : new Origin(m.substring(0, at), Optional.of(m), "module"));
        }
        return JvmNames.packageOf(javaName).map(p -> new Origin(p, Optional.empty(), "class package"));
    }
}
