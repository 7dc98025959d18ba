package io.github.heapdiff;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Entry point: reads snapshots with the readers found on the class path.
 *
 * <pre>{@code
 * HeapDiff diff = Snapshots.read(before).diff(Snapshots.read(after));
 * }</pre>
 *
 * <p>For options (a forced format, progress, grouping, summary mode, extra readers) start from
 * {@link #loader()}.
 */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * Reads the snapshot in {@code file}, detecting its format (gzip is unwrapped).
     *
     * @throws SnapshotReadException if the file cannot be read, is of no known format, or is malformed
     */
    public static Snapshot read(Path file) {
        return loader().read(file);
    }

    /**
     * Reads a snapshot from {@code in}, detecting its format; {@code name} names it in results and
     * errors. The stream is read to its end but not closed.
     *
     * @throws SnapshotReadException if the content cannot be read, is of no known format, or is malformed
     */
    public static Snapshot read(InputStream in, String name) {
        return loader().read(in, name);
    }

    /**
     * A loader with the readers found by {@link java.util.ServiceLoader} through the current
     * thread's context class loader, and default options. Immutable and shareable; configure it
     * with its {@code with*} methods.
     */
    public static SnapshotLoader loader() {
        return SnapshotLoader.discovered();
    }
}
