package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A place in an input: a 1-based line number for text formats, or a 0-based byte offset (in the
 * uncompressed content) for binary ones.
 *
 * @param kind what the position counts
 * @param position the line number or byte offset
 */
public record Location(Kind kind, long position) {

    /** What a {@link Location} counts. */
    public enum Kind {
        /** A 1-based line number. */
        LINE,
        /** A 0-based byte offset in the uncompressed content. */
        BYTE_OFFSET
    }

    /** Validates the position. */
    public Location {
        checkArgument(kind != null, "kind");
        checkArgument(position >= (kind == Kind.LINE ? 1 : 0), "invalid %s position %s", kind, position);
    }

    /** Line {@code line} (1-based). */
    public static Location line(long line) {
        return new Location(Kind.LINE, line);
    }

    /** Byte offset {@code offset} (0-based). */
    public static Location offset(long offset) {
        return new Location(Kind.BYTE_OFFSET, offset);
    }

    @Override
    public String toString() {
        return kind == Kind.LINE ? "line " + position : "byte offset " + position;
    }
}
