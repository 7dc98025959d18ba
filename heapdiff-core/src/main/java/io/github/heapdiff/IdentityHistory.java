package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.OptionalLong;

/**
 * How a group's individual objects came and went between snapshots of one process, from object
 * identities that survive between snapshots (V8 node ids).
 *
 * @param steps one entry per consecutive pair of snapshots
 * @param persistentNew for three or more snapshots: how many objects of the group were
 *     allocated after the first snapshot, are in the second, and are still alive in every later
 *     snapshot (memlab's leak set for baseline, target and final); empty for two snapshots
 */
public record IdentityHistory(List<Step> steps, OptionalLong persistentNew) {

    /**
     * Objects of the group between two consecutive snapshots.
     *
     * @param added objects in the later snapshot that the earlier one did not have (new)
     * @param removed objects in the earlier snapshot that the later one does not have (deleted)
     * @param survived objects in both
     */
    public record Step(long added, long removed, long survived) {
        /** Validates. */
        public Step {
            checkArgument(added >= 0 && removed >= 0 && survived >= 0, "figures must not be negative");
        }
    }

    /** Copies. */
    public IdentityHistory {
        steps = List.copyOf(steps);
        checkArgument(persistentNew != null, "persistentNew");
    }
}
