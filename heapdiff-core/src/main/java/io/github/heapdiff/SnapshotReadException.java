package io.github.heapdiff;

import java.util.Objects;
import java.util.Optional;

/**
 * An input could not be read as a snapshot: it is unreadable, of no known format, or malformed.
 *
 * <p>The root of heapdiff's input-problem family: {@link UnknownFormatException} when no reader
 * recognises the input, {@link MalformedSnapshotException} when the chosen reader finds
 * something it did not expect. The message names the source, the format and the place.
 */
public class SnapshotReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String format;

    /**
     * Creates the exception.
     *
     * @param source the source name, such as a file name
     * @param format the format id, or the empty string when no format was chosen
     * @param message what went wrong, without the source (it is prefixed)
     * @param cause the underlying cause, or null
     */
    public SnapshotReadException(String source, String format, String message, Throwable cause) {
        super(prefix(source, format) + message, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.format = Objects.requireNonNull(format, "format");
    }

    private static String prefix(String source, String format) {
        return format.isEmpty() ? source + ": " : source + " (" + format + "): ";
    }

    /** The source name, such as a file name. */
    public String source() {
        return source;
    }

    /** The format the input was read as, when one was chosen. */
    public Optional<String> format() {
        return format.isEmpty() ? Optional.empty() : Optional.of(format);
    }
}
