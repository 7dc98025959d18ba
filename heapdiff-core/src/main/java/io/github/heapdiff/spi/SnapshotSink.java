package io.github.heapdiff.spi;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.graph.GraphBuilder;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Where a {@link SnapshotReader} delivers what it reads. Provided by the loader; one sink per
 * read; not thread-safe.
 *
 * <p>Readers of summary formats (listings, histograms) call {@link #group} per row. Readers of
 * object-level formats (heap snapshots, heap dumps) stream the object graph into
 * {@link #graph()} instead; the loader turns it into groups and graph facts when the reader
 * returns. The sink also carries the source name, the caller's options, progress, and the
 * factory for the read exception.
 */
public interface SnapshotSink {

    /** The source name, for messages. */
    String sourceName();

    /** What the caller asked of this read. */
    ReadOptions options();

    /**
     * The number of content bytes (after gzip is unwrapped) when known before reading, such as the
     * size of an uncompressed file; readers check length fields against it.
     */
    default OptionalLong contentLength() {
        return OptionalLong.empty();
    }

    /**
     * The graph builder of this read, for readers of object-level formats: the same builder on
     * every call. Its nodes, edges and roots become the snapshot's groups, retained sizes and
     * graph facts once the reader returns. A reader uses either the graph or {@link #group}, not
     * both.
     *
     * @throws UnsupportedOperationException if this sink cannot build graphs (the loader's can)
     */
    default GraphBuilder graph() {
        throw new UnsupportedOperationException("this sink does not build object graphs");
    }

    /** Reports progress of a reader's own step (reading is reported by the loader). */
    void progress(String step, double fraction);

    /** Records when the snapshot was taken. */
    void captureTime(Instant time);

    /** Records a fact about the runtime or the read ({@code node.version}, {@code hprof.size-model}). */
    void metadata(String key, String value);

    /** Adds a group; a key added twice has its stats added up. */
    void group(ObjectGroup group);

    /** Adds a group with just a key and stats. */
    default void group(GroupKey key, GroupStats stats) {
        group(ObjectGroup.of(key, stats));
    }

    /** Declares that the source elided some groups (an mdb_v8 {@code ...} line). */
    void partial();

    /** Declares that the groups carry object identities that survive between snapshots of one process. */
    void identities();

    /**
     * Creates the exception for malformed input at {@code where}; the reader throws it.
     *
     * @param where the line or byte offset
     * @param expected what the reader expected, such as {@code "a heap sub-record tag"}
     * @param found what it found, such as {@code "0x7f"} or the offending line (it is shortened)
     */
    default MalformedSnapshotException malformed(Location where, String expected, String found) {
        return malformed(where, expected, found, null);
    }

    /** As {@link #malformed(Location, String, String)}, with a cause (may be null). */
    MalformedSnapshotException malformed(Location where, String expected, String found, Throwable cause);
}
