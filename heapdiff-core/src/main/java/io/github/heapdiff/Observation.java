package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A group as seen in one snapshot of a diff: present with its stats, absent, or not shown.
 *
 * @param presence whether the snapshot had the group
 * @param stats the group's stats when {@linkplain Presence#PRESENT present};
 *     {@link GroupStats#ZERO} otherwise
 */
public record Observation(Presence presence, GroupStats stats) {

    /** Whether a snapshot had a group. */
    public enum Presence {
        /** The snapshot has the group. */
        PRESENT,
        /** The snapshot is complete and has no object of the group: its count is zero. */
        ABSENT,
        /** The snapshot elided groups and this one is not among those shown: its count is unknown. */
        NOT_SHOWN
    }

    /** An absent observation. */
    public static final Observation ABSENT = new Observation(Presence.ABSENT, GroupStats.ZERO);

    /** A not-shown observation. */
    public static final Observation NOT_SHOWN = new Observation(Presence.NOT_SHOWN, GroupStats.ZERO);

    /** Validates. */
    public Observation {
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(stats, "stats");
        checkArgument(presence == Presence.PRESENT || stats.equals(GroupStats.ZERO),
                "an observation that is not present has zero stats");
    }

    /** A present observation with {@code stats}. */
    public static Observation present(GroupStats stats) {
        return new Observation(Presence.PRESENT, stats);
    }

    /** Returns true when the count is known: present, or absent from a complete snapshot. */
    public boolean isKnown() {
        return presence != Presence.NOT_SHOWN;
    }

    /** The count when known (zero when absent); empty when not shown. */
    public OptionalLong count() {
        return isKnown() ? OptionalLong.of(stats.count()) : OptionalLong.empty();
    }

    /** The shallow bytes when known (zero when absent); empty when not shown or not recorded. */
    public OptionalLong shallowBytes() {
        return switch (presence) {
            case PRESENT -> stats.shallowBytes();
            case ABSENT -> OptionalLong.of(0);
            case NOT_SHOWN -> OptionalLong.empty();
        };
    }

    /** The retained bytes when known (zero when absent); empty when not shown or not computed. */
    public OptionalLong retainedBytes() {
        return switch (presence) {
            case PRESENT -> stats.retainedBytes();
            case ABSENT -> OptionalLong.of(0);
            case NOT_SHOWN -> OptionalLong.empty();
        };
    }
}
