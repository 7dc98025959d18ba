package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One group followed across the snapshots of a {@link HeapDiff}: one {@link Observation} per
 * snapshot, in time order.
 *
 * <p>Deltas are last minus first; a figure is empty when an endpoint is not shown (an elided
 * listing) or the format does not record it. Immutable and thread-safe.
 *
 * @param key the group
 * @param history one observation per snapshot, oldest first; at least two
 * @param identity how the group's objects came and went, when the snapshots carry identities
 */
public record GroupDelta(GroupKey key, List<Observation> history, Optional<IdentityHistory> identity) {

    /** Validates and copies. */
    public GroupDelta {
        Objects.requireNonNull(key, "key");
        history = List.copyOf(history);
        Objects.requireNonNull(identity, "identity");
        checkArgument(history.size() >= 2, "a delta follows a group over at least two snapshots");
    }

    /** The observation in the first snapshot. */
    public Observation first() {
        return history.get(0);
    }

    /** The observation in the last snapshot. */
    public Observation last() {
        return history.get(history.size() - 1);
    }

    /** Count in the last snapshot minus count in the first, when both are known. */
    public OptionalLong countDelta() {
        return delta(Observation::count);
    }

    /** Shallow bytes in the last snapshot minus the first, when both are known. */
    public OptionalLong shallowBytesDelta() {
        return delta(Observation::shallowBytes);
    }

    /** Retained bytes in the last snapshot minus the first, when both are known. */
    public OptionalLong retainedBytesDelta() {
        return delta(Observation::retainedBytes);
    }

    private OptionalLong delta(Function<Observation, OptionalLong> figure) {
        OptionalLong a = figure.apply(first());
        OptionalLong b = figure.apply(last());
        return a.isPresent() && b.isPresent()
                ? OptionalLong.of(Math.subtractExact(b.getAsLong(), a.getAsLong()))
                : OptionalLong.empty();
    }

    /** Count in the last snapshot divided by count in the first, when both are known and the first is not zero. */
    public OptionalDouble countRatio() {
        OptionalLong a = first().count();
        OptionalLong b = last().count();
        return a.isPresent() && b.isPresent() && a.getAsLong() > 0
                ? OptionalDouble.of((double) b.getAsLong() / a.getAsLong())
                : OptionalDouble.empty();
    }

    /** Returns true when every count is known and each is strictly greater than the one before. */
    public boolean grewAtEveryStep() {
        for (int i = 1; i < history.size(); i++) {
            OptionalLong a = history.get(i - 1).count();
            OptionalLong b = history.get(i).count();
            if (a.isEmpty() || b.isEmpty() || b.getAsLong() <= a.getAsLong()) {
                return false;
            }
        }
        return true;
    }

    /** Returns true when every count is known and all are equal (and not all zero). */
    public boolean isUnchanged() {
        long c = -1;
        for (Observation o : history) {
            if (o.presence() != Observation.Presence.PRESENT) {
                return false;
            }
            if (c >= 0 && o.stats().count() != c) {
                return false;
            }
            c = o.stats().count();
        }
        return true;
    }

    /** Returns true when the group is absent from the first snapshot (a complete one) and present in the last. */
    public boolean isNew() {
        return first().presence() == Observation.Presence.ABSENT && last().presence() == Observation.Presence.PRESENT;
    }

    /** Returns true when the group is present in the first snapshot and absent from the last (a complete one). */
    public boolean isGone() {
        return first().presence() == Observation.Presence.PRESENT && last().presence() == Observation.Presence.ABSENT;
    }

    /** Returns true when some snapshot did not show the group (its listing was elided). */
    public boolean hasUnknown() {
        return history.stream().anyMatch(o -> !o.isKnown());
    }

    /** The count in each snapshot, {@code -1} where not shown. */
    public long[] counts() {
        long[] out = new long[history.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = history.get(i).count().orElse(-1);
        }
        return out;
    }
}
