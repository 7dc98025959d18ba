package io.github.heapdiff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects of one snapshot that share a {@link GroupKey}, summarised.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key what the objects share
 * @param stats how many objects and bytes
 * @param exemplars a few object ids (addresses or node ids) of objects of the group, as the
 *     format gives them; never part of the key
 * @param origin where the type comes from, when the dump tells
 * @param facts what the object graph tells about the group, for graph formats
 * @param ids the identities of all the group's objects, for formats whose ids survive between
 *     snapshots of one process; empty otherwise
 */
public record ObjectGroup(GroupKey key, GroupStats stats, List<Long> exemplars, Optional<Origin> origin,
        Optional<GroupFacts> facts, ObjectIds ids) {

    /** Validates and copies. */
    public ObjectGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stats, "stats");
        exemplars = List.copyOf(exemplars);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(ids, "ids");
    }

    /** A group with just a key and stats. */
    public static ObjectGroup of(GroupKey key, GroupStats stats) {
        return new ObjectGroup(key, stats, List.of(), Optional.empty(), Optional.empty(), ObjectIds.empty());
    }

    /** The number of objects; shorthand for {@code stats().count()}. */
    public long count() {
        return stats.count();
    }

    /** Returns this group with another key (used by regrouping). */
    public ObjectGroup withKey(GroupKey newKey) {
        return new ObjectGroup(newKey, stats, exemplars, origin, facts, ids);
    }
}
