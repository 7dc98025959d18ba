package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.RankedDiff;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a ranked diff as a table: rank, group, count per snapshot, change, ratio, and bytes
 * where the format records them; then the groups that stayed put, shrank, went, or were not shown.
 *
 * <p>Built-ins: {@link #text()} for terminals and {@link #markdown()}. Output is deterministic
 * (same diff, same bytes) and never contains string contents from the heap. Writers are
 * immutable and thread-safe.
 */
public interface DiffWriter {

    /** The default number of rows per section. */
    int DEFAULT_TOP = 20;

    /** Writes {@code diff} to {@code out}. */
    void write(RankedDiff diff, Appendable out) throws IOException;

    /** Returns a writer that shows at most {@code rows} rows per section. */
    DiffWriter withTop(int rows);

    /** Writes {@code diff} to a string. */
    default String toString(RankedDiff diff) {
        StringBuilder sb = new StringBuilder();
        try {
            write(diff, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** An aligned plain-text table for terminals. */
    static DiffWriter text() {
        return new DiffTables(DiffTables.Style.TEXT, DEFAULT_TOP);
    }

    /** A Markdown document with one table per section. */
    static DiffWriter markdown() {
        return new DiffTables(DiffTables.Style.MARKDOWN, DEFAULT_TOP);
    }

    /**
     * The writer named {@code name}: {@code text} or {@code markdown}.
     *
     * @throws IllegalArgumentException for another name
     */
    static DiffWriter named(String name) {
        checkArgument(name.equals("text") || name.equals("markdown") || name.equals("md"),
                "unknown diff format '%s'; use text or markdown", name);
        return name.equals("text") ? text() : markdown();
    }
}
