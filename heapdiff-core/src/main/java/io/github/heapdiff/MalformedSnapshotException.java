package io.github.heapdiff;

import java.util.Objects;

/**
 * A reader found something in the input it did not expect: a truncated file, a corrupt record, a
 * length running past the end, a malformed line.
 *
 * <p>The message reads {@code after.txt (mdb-findjsobjects): line 4: expected '<addr> <count>
 * <props> <constructor>' but found 'Total 1203 88120'}.
 */
public class MalformedSnapshotException extends SnapshotReadException {

    private static final long serialVersionUID = 1L;

    private final Location location;
    private final String expected;
    private final String found;

    /**
     * Creates the exception.
     *
     * @param source the source name
     * @param format the format id
     * @param location where in the input
     * @param expected what the reader expected there
     * @param found what it found (for text, the offending text, shortened)
     * @param cause the underlying cause, or null
     */
    public MalformedSnapshotException(String source, String format, Location location, String expected, String found,
            Throwable cause) {
        super(source, format, location + ": expected " + expected + " but found " + found, cause);
        this.location = Objects.requireNonNull(location, "location");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.found = Objects.requireNonNull(found, "found");
    }

    /** Where in the input the problem is. */
    public Location location() {
        return location;
    }

    /** What the reader expected. */
    public String expected() {
        return expected;
    }

    /** What it found instead. */
    public String found() {
        return found;
    }
}
