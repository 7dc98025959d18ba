package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link LeakReport}: the snapshots, a summary, the findings with their evidence and
 * companions, the controls, new, gone and not-shown groups, the warnings and the heuristics used.
 *
 * <p>Built-ins: {@link #text()} for terminals, {@link #markdown()} for pull requests and tickets,
 * {@link #json()} for tools (documented in {@link #json()}), and {@link #html()}, one
 * self-contained file with a chart. Output is deterministic (same report, same bytes) and never
 * contains string contents from the heap: only type, property and field names, counts and sizes.
 * Writers are immutable and thread-safe.
 */
public interface ReportWriter {

    /** The default number of findings listed. */
    int DEFAULT_TOP = 10;

    /** Writes {@code report} to {@code out}. */
    void write(LeakReport report, Appendable out) throws IOException;

    /** Returns a writer that lists at most {@code findings} findings (and as many rows per other section). */
    ReportWriter withTop(int findings);

    /** Writes {@code report} to a string. */
    default String toString(LeakReport report) {
        StringBuilder sb = new StringBuilder();
        try {
            write(report, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Aligned plain text for terminals. */
    static ReportWriter text() {
        return new ReportTables(ReportTables.Style.TEXT, DEFAULT_TOP);
    }

    /** A Markdown document: headings, tables and lists. */
    static ReportWriter markdown() {
        return new ReportTables(ReportTables.Style.MARKDOWN, DEFAULT_TOP);
    }

    /**
     * JSON for tools, one object with stable field names; {@code schemaVersion} changes only when a
     * field changes meaning or goes away (new fields may appear in any version).
     *
     * <p>Top level: {@code schemaVersion} (1), {@code tool} ("heapdiff"), {@code grouping}
     * ("type" or "shape"), {@code ranking}, {@code heuristics} (names), {@code snapshots}, {@code
     * summary} ({@code likelyLeaks}, {@code unknown}, {@code notALeak}, {@code findings}), {@code
     * findings}, {@code controls}, {@code newGroups}, {@code goneGroups}, {@code notShown}, {@code
     * warnings}. A snapshot: {@code index} (from 1), {@code name}, {@code format}, {@code
     * captureTime} (ISO-8601, absent when unknown), {@code partial}, {@code groups}, {@code objects},
     * {@code shallowBytes} (absent when unknown), {@code metadata}. A group: {@code key} (rendered),
     * {@code type}, {@code shape} ({@code names}, {@code propertyCount}, {@code truncated}; absent for
     * type-only keys), {@code history} (one per snapshot: {@code presence} "present", "absent" or
     * "not-shown", {@code count}, {@code shallowBytes}, {@code retainedBytes}, each absent when
     * unknown), {@code countDelta} and {@code countRatio} (absent when unknown). A finding: {@code
     * rank}, {@code verdict} ("likely-leak", "unknown", "not-a-leak"), {@code confidence} ("high",
     * "medium", "low"), {@code score}, {@code rankScore} (absent when unranked), {@code summary},
     * {@code group}, {@code companions} (each a {@code group}, {@code via} key when indirect, and its
     * {@code evidence}), {@code evidence}. Evidence: {@code heuristic}, {@code kind}, {@code
     * stance} ("for", "against", "not-a-leak", "neutral"), {@code weight}, {@code decisive},
     * {@code reason}, {@code numbers} (name to number), {@code groups} (keys), {@code path} (steps of
     * {@code edge}, {@code type}, {@code objectId}; absent without a path). A control, new, gone or
     * not-shown entry is a group. Counts and bytes are integers; ratios and scores are numbers.
     */
    static ReportWriter json() {
        return new ReportJson(DEFAULT_TOP, false);
    }

    /**
     * One self-contained HTML file: inline CSS and an inline SVG chart of the top groups across the
     * snapshots, no scripts, no fonts, no network; readable in any browser and printable.
     */
    static ReportWriter html() {
        return new ReportHtml(DEFAULT_TOP);
    }

    /**
     * The writer named {@code name}: {@code text}, {@code markdown} (or {@code md}), {@code json} or
     * {@code html}.
     *
     * @throws IllegalArgumentException for another name
     */
    static ReportWriter named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text", "txt" -> text();
            case "markdown", "md" -> markdown();
            case "json" -> json();
            case "html" -> html();
            default -> throw new IllegalArgumentException("unknown report format '" + name
                    + "'; use text, markdown, json or html");
        };
    }

    /** Checks a top value. */
    static int checkTop(int top) {
        checkArgument(top > 0, "top must be positive: %s", top);
        return top;
    }
}
