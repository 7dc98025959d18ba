package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.util.Objects;

/**
 * What a report says about one of its snapshots: where it came from (name, format, capture time,
 * metadata), whether its listing elided groups, and its totals.
 *
 * @param source where the snapshot came from
 * @param partial true when its source elided groups, so missing groups are "not shown"
 * @param groups how many groups it has
 * @param totals its objects and, where known, shallow bytes
 */
public record SnapshotInfo(SnapshotSource source, boolean partial, int groups, GroupStats totals) {

    /** Validates. */
    public SnapshotInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(totals, "totals");
        checkArgument(groups >= 0, "groups must not be negative: %s", groups);
    }

    /** The information of {@code snapshot}. */
    public static SnapshotInfo of(Snapshot snapshot) {
        return new SnapshotInfo(snapshot.source(), snapshot.isPartial(), snapshot.groups().size(),
                snapshot.totals());
    }
}
