package io.github.heapdiff.spi;

import com.google.common.collect.ImmutableSortedMap;
import io.github.heapdiff.Grouping;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * The setting that bounds the memory the graph analysis plans with, in bytes: where it has a
     * choice (shortest paths on a second core beside the dominators, or one after the other) it
     * takes the faster plan only when that plan's working set fits both this budget and the JVM's
     * maximum heap. Without it the maximum heap alone decides. The budget steers the plan and
     * never fails a read: a graph that needs more than the budget still uses what the heap has.
     */
    public static final String MEMORY_BUDGET_SETTING = "graph.memory-budget";

    /** The defaults: graph mode, native grouping, graph dropped, no settings. */
    public static final ReadOptions DEFAULTS = new ReadOptions(ReadMode.GRAPH, Optional.empty(), false, Map.of());

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when the {@linkplain #MEMORY_BUDGET_SETTING memory budget}
     *     is set to anything but a positive whole number of bytes
     */
    public ReadOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(grouping, "grouping");
        settings = ImmutableSortedMap.copyOf(settings);
        budget(settings); // a bad budget fails here, where it is configured
    }

    /** The setting for {@code key}, if given. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** The {@linkplain #MEMORY_BUDGET_SETTING memory budget} in bytes, if set. */
    public OptionalLong memoryBudget() {
        return budget(settings);
    }

    private static OptionalLong budget(Map<String, String> settings) {
        String v = settings.get(MEMORY_BUDGET_SETTING);
        if (v == null) {
            return OptionalLong.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException(
                    "setting " + MEMORY_BUDGET_SETTING + " must be a positive number of bytes, not '" + v + "'");
        }
        return OptionalLong.of(bytes);
    }

    /** How deep a reader of an object-level format goes. */
    public enum ReadMode {
        /** Counts and shallow sizes per group only: one streaming pass, little memory. */
        SUMMARY,
        /** The object graph too: dominators, retained sizes, owners, accumulation points, retainer paths. */
        GRAPH
    }
}
