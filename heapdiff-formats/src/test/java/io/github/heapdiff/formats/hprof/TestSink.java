package io.github.heapdiff.formats.hprof;

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

/** A sink for driving the parser directly in tests. */
final class TestSink implements SnapshotSink {
    final List<ObjectGroup> groups = new ArrayList<>();
    final Map<String, String> metadata = new TreeMap<>();

    @Override
    public String sourceName() {
        return "test.hprof";
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
        return new MalformedSnapshotException("test.hprof", "hprof", where, expected, found, cause);
    }
}
