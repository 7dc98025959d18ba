package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A group whose growth a finding's suspect explains, folded into the finding instead of being
 * listed as a suspect of its own: {@code Timer} grew because it is a property of
 * {@code TraceSegment}.
 *
 * @param delta the companion group followed across the snapshots
 * @param via the group it hangs off when that is another companion rather than the suspect itself
 *     ({@code long[]} via {@code Timer}); empty when the suspect explains it directly
 * @param evidence why: domination in the object graph, or growth in proportion plus a link,
 *     with the figures
 */
public record Companion(GroupDelta delta, Optional<GroupKey> via, Evidence evidence) {

    /** Validates. */
    public Companion {
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The companion's key; shorthand for {@code delta().key()}. */
    public GroupKey key() {
        return delta.key();
    }
}
