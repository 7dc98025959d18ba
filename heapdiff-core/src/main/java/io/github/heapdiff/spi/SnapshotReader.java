package io.github.heapdiff.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one snapshot format: the extension point for new formats.
 *
 * <p>A reader is found by {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/io.github.heapdiff.spi.SnapshotReader}) or passed explicitly with
 * {@code Snapshots.loader().withReader(reader)}. The loader unwraps gzip, asks every reader to
 * {@linkplain #probe(ProbeInput) probe} the head of the content, and calls {@link #read} on the
 * strongest match. Implementations must be stateless and thread-safe: one reader instance reads
 * many inputs, possibly at once.
 */
public interface SnapshotReader {

    /** The format id, such as {@code v8-heapsnapshot}: lowercase, digits and dashes. */
    String formatId();

    /** A one-line description of the format for help texts. */
    String description();

    /**
     * How well {@code input} matches this format. Must be cheap (look at the head only) and must
     * not throw.
     */
    MatchStrength probe(ProbeInput input);

    /**
     * Reads the whole content of {@code in} into {@code sink}.
     *
     * <p>The stream is positioned at the first byte of the (uncompressed) content and is not
     * buffered: read it in large blocks. Input problems are thrown as
     * {@link SnapshotSink#malformed sink.malformed(...)} exceptions with the place; a
     * truncated input is an error, never a partial result. Length fields must be checked against
     * what can remain before anything is allocated for them. The loader closes the stream.
     *
     * @throws IOException when the stream fails
     * @throws io.github.heapdiff.MalformedSnapshotException when the content is not valid
     */
    void read(InputStream in, SnapshotSink sink) throws IOException;
}
