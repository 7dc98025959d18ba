package io.github.heapdiff.graph;

import com.google.common.collect.ImmutableSortedMap;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.ObjectGroup;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the graph engine distilled from one heap graph: the groups with their counts, sizes,
 * retained sizes and facts, ready to become a snapshot.
 *
 * @param groups the groups, in no particular order
 * @param grouping how nodes were grouped
 * @param identities true when the groups carry node identities that survive between snapshots of one process
 * @param metadata facts about the graph for the snapshot's source ({@code graph.nodes}, {@code graph.edges}, ...)
 * @param graph the graph itself, when the caller asked to keep it
 */
public record GraphSummary(List<ObjectGroup> groups, Grouping grouping, boolean identities,
        Map<String, String> metadata, Optional<HeapGraph> graph) {

    /** Validates and copies. */
    public GraphSummary {
        groups = List.copyOf(groups);
        Objects.requireNonNull(grouping, "grouping");
        metadata = ImmutableSortedMap.copyOf(metadata);
        Objects.requireNonNull(graph, "graph");
    }
}
