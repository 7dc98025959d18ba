package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the object graph tells about one group, distilled so the graph itself can be dropped.
 *
 * <p>Present only on snapshots read from object-level formats (V8 heap snapshots, HPROF) in graph
 * mode. Immutable.
 *
 * @param owners which groups dominate this group's instances, most instances first, looking
 *     through infrastructure (arrays, collection internals, V8 system objects); at most a few
 * @param accumulationPoints single objects that retain many of this group's instances or bytes,
 *     largest first; at most a few
 * @param exemplarPath a shortest retainer path from a GC root to one instance of the group
 */
public record GroupFacts(List<Owner> owners, List<AccumulationPoint> accumulationPoints,
        Optional<RetainerPath> exemplarPath) {

    /** No facts. */
    public static final GroupFacts NONE = new GroupFacts(List.of(), List.of(), Optional.empty());

    /** Copies the lists. */
    public GroupFacts {
        owners = List.copyOf(owners);
        accumulationPoints = List.copyOf(accumulationPoints);
        Objects.requireNonNull(exemplarPath, "exemplarPath");
    }

    /**
     * A group whose objects dominate instances of the group these facts belong to.
     *
     * @param owner the owning group's key (type level)
     * @param instances how many of this group's instances it dominates
     * @param retainedBytes how many of this group's retained bytes it dominates
     */
    public record Owner(GroupKey owner, long instances, long retainedBytes) {
        /** Validates the owner. */
        public Owner {
            Objects.requireNonNull(owner, "owner");
            checkArgument(instances >= 0 && retainedBytes >= 0, "figures must not be negative");
        }
    }

    /**
     * One object that holds much of a group.
     *
     * @param objectId the object's id in its snapshot
     * @param type the object's type name
     * @param instances how many of the group's instances it dominates
     * @param retainedBytes the object's own retained size
     * @param path a shortest retainer path from a GC root to the object, when computed
     */
    public record AccumulationPoint(long objectId, String type, long instances, long retainedBytes,
            Optional<RetainerPath> path) {
        /** Validates the point. */
        public AccumulationPoint {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(path, "path");
            checkArgument(instances >= 0 && retainedBytes >= 0, "figures must not be negative");
        }
    }
}
