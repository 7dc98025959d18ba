package io.github.heapdiff.spi;

import com.google.common.collect.ImmutableSortedMap;
import io.github.heapdiff.Grouping;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller asked of a read, as a reader sees it through {@link SnapshotSink#options()}.
 *
 * @param mode how deep object-level readers go
 * @param grouping the grouping the caller asked for, if any (readers of object-level formats
 *     group at this level; others group natively and the loader coarsens)
 * @param keepGraph true when the caller wants the object graph kept for queries
 * @param settings reader-specific settings by key, such as {@code hprof.size-model}
 */
public record ReadOptions(ReadMode mode, Optional<Grouping> grouping, boolean keepGraph, Map<String, String> settings) {

    /** The defaults: graph mode, native grouping, graph dropped, no settings. */
    public static final ReadOptions DEFAULTS = new ReadOptions(ReadMode.GRAPH, Optional.empty(), false, Map.of());

    /** Validates and copies. */
    public ReadOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(grouping, "grouping");
        settings = ImmutableSortedMap.copyOf(settings);
    }

    /** The setting for {@code key}, if given. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** How deep a reader of an object-level format goes. */
    public enum ReadMode {
        /** Counts and shallow sizes per group only: one streaming pass, little memory. */
        SUMMARY,
        /** The object graph too: dominators, retained sizes, owners, accumulation points, retainer paths. */
        GRAPH
    }
}
