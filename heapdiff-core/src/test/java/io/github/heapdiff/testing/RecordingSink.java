package io.github.heapdiff.testing;

import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.SnapshotSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sink that records what a reader (or a part of one, driven directly by a test) sends: its groups
 * and metadata, in the order given. Malformed input becomes the loader's exception, named after
 * the source and format given here.
 */
public final class RecordingSink implements SnapshotSink {
    private final String sourceName;
    private final String formatId;
    private final List<ObjectGroup> groups = new ArrayList<>();
    private final Map<String, String> metadata = new TreeMap<>();

    /** A sink for a source of this name read as {@code formatId}. */
    public RecordingSink(String sourceName, String formatId) {
        this.sourceName = sourceName;
        this.formatId = formatId;
    }

    /** The groups received so far (the live list). */
    public List<ObjectGroup> groups() {
        return groups;
    }

    /** The metadata received so far (the live map; tests may add their own entries). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public ReadOptions options() {
        return ReadOptions.DEFAULTS;
    }

    @Override
    public void progress(String step, double fraction) {
    }

    @Override
    public void captureTime(Instant time) {
    }

    @Override
    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    @Override
    public void group(ObjectGroup group) {
        groups.add(group);
    }

    @Override
    public void partial() {
    }

    @Override
    public void identities() {
    }

    @Override
    public MalformedSnapshotException malformed(Location where, String expected, String found, Throwable cause) {
        return new MalformedSnapshotException(sourceName, formatId, where, expected, found, cause);
    }
}
