package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a snapshot came from: its name (usually the file name), the format it was read as, the
 * capture time when the format records it, and runtime metadata (Node or JVM version, size
 * model, ...).
 *
 * <p>Immutable; metadata is kept sorted by key so that reports are stable.
 *
 * @param name the source name, such as a file name; never empty
 * @param formatId the id of the format it was read as, such as {@code v8-heapsnapshot}
 * @param captureTime when the snapshot was taken, when the format records it
 * @param metadata facts about the runtime and how the snapshot was read, by key
 */
public record SnapshotSource(String name, String formatId, Optional<Instant> captureTime, Map<String, String> metadata) {

    /** Validates and copies. */
    public SnapshotSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formatId, "formatId");
        Objects.requireNonNull(captureTime, "captureTime");
        checkArgument(!name.isEmpty(), "a source name must not be empty");
        metadata = ImmutableSortedMap.copyOf(metadata);
    }

    /** A source with a name and format only. */
    public static SnapshotSource of(String name, String formatId) {
        return new SnapshotSource(name, formatId, Optional.empty(), Map.of());
    }

    /** Returns this source with the given capture time. */
    public SnapshotSource withCaptureTime(Instant time) {
        return new SnapshotSource(name, formatId, Optional.of(time), metadata);
    }

    /** Returns this source with one more metadata entry (replacing an entry with the same key). */
    public SnapshotSource withMetadata(String key, String value) {
        var copy = new java.util.TreeMap<>(metadata);
        copy.put(key, value);
        return new SnapshotSource(name, formatId, captureTime, copy);
    }

    /** Returns this source under another name. */
    public SnapshotSource withName(String newName) {
        return new SnapshotSource(newName, formatId, captureTime, metadata);
    }
}
