package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Ranking;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.ToDoubleBiFunction;

/**
 * The built-in {@link Ranking}s: how to order the groups of a diff by growth.
 *
 * <p>Every ranking leaves out groups that did not grow by its measure and breaks ties on the group
 * key (see {@link io.github.heapdiff.RankedDiff}), so its order never depends on input order. All
 * are immutable and thread-safe.
 */
public final class Rankings {

    private Rankings() {
    }

    /** By objects added, last snapshot minus first: the plain "what grew most". */
    public static Ranking byCountGrowth() {
        return new Scored("count-growth", (d, diff) -> positive(d.countDelta()));
    }

    /**
     * By shallow bytes added, last snapshot minus first; groups whose format records no sizes are
     * left out.
     */
    public static Ranking byByteGrowth() {
        return new Scored("byte-growth", (d, diff) -> positive(d.shallowBytesDelta()));
    }

    /**
     * By retained bytes added, last snapshot minus first; only groups read with an object graph
     * have retained sizes.
     */
    public static Ranking byRetainedGrowth() {
        return new Scored("retained-growth", (d, diff) -> positive(d.retainedBytesDelta()));
    }

    /**
     * By relative growth: {@code (last + 1) / (first + 1)} for groups that grew. The +1 keeps new
     * groups finite and damps tiny groups (2 to 6 objects scores 2.3, not 3).
     */
    public static Ranking byRelativeGrowth() {
        return new Scored("relative-growth", (d, diff) -> {
            OptionalLong delta = d.countDelta();
            if (delta.isEmpty() || delta.getAsLong() <= 0) {
                return Double.NaN;
            }
            long first = d.first().count().getAsLong();
            long last = d.last().count().getAsLong();
            return (last + 1.0) / (first + 1.0);
        });
    }

    /**
     * Groups that grew at every step of the diff, by objects added; with two snapshots, every group
     * that grew. The ranking for a leak watched over three or more snapshots: churn and a cache
     * that filled once drop out.
     */
    public static Ranking steadyGrowth() {
        return new Scored("steady-growth", (d, diff) -> d.grewAtEveryStep() ? positive(d.countDelta()) : Double.NaN);
    }

    /**
     * By objects added per hour, last snapshot minus first over the time between their captures;
     * groups of diffs whose first and last capture times are unknown (or equal) are left out. Compares
     * diffs taken over different spans: a leak of 1,000 objects an hour is one whatever the interval.
     */
    public static Ranking growthPerHour() {
        return new Scored("growth-per-hour", (d, diff) -> {
            double delta = positive(d.countDelta());
            var a = diff.snapshots().get(0).source().captureTime();
            var b = diff.snapshots().get(diff.snapshots().size() - 1).source().captureTime();
            if (Double.isNaN(delta) || a.isEmpty() || b.isEmpty()) {
                return Double.NaN;
            }
            double hours = java.time.Duration.between(a.get(), b.get()).toMillis() / 3_600_000.0;
            return hours > 0 ? delta / hours : Double.NaN;
        });
    }

    /**
     * The default ranking, a composite of size, steadiness and relative growth: the score is
     * {@code 100 * share * steadiness * sqrt(1 - first / last)} where
     * <ul>
     *   <li>{@code share} is the group's part of the diff's growth: its objects added divided by the
     *       objects added in all groups that grew, averaged with the same share of bytes added
     *       (retained bytes where every snapshot has them for the group, else shallow bytes) when the
     *       format records bytes;</li>
     *   <li>{@code steadiness} is 1 for a group that grew at every step (always so with two
     *       snapshots) and 0.5 for one that grew overall but not at every step;</li>
     *   <li>{@code sqrt(1 - first / last)} favours relative growth (1 for a new group, 0.95 for
     *       x10, 0.41 for x1.2) without letting small groups that doubled outrank big leaks.</li>
     * </ul>
     * Groups whose count did not grow from first to last are left out.
     */
    public static Ranking composite() {
        return new Composite();
    }

    /**
     * The ranking named {@code name}: {@code composite} (the default), {@code count}, {@code bytes},
     * {@code retained}, {@code ratio}, {@code steady} or {@code per-hour} (or the full names such as
     * {@code count-growth}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Ranking named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "composite", "default" -> composite();
            case "count", "count-growth" -> byCountGrowth();
            case "bytes", "byte-growth" -> byByteGrowth();
            case "retained", "retained-growth" -> byRetainedGrowth();
            case "ratio", "relative", "relative-growth" -> byRelativeGrowth();
            case "steady", "steady-growth" -> steadyGrowth();
            case "per-hour", "hourly", "growth-per-hour" -> growthPerHour();
            default -> throw new IllegalArgumentException(
                    "unknown ranking '" + name + "'; use one of composite, count, bytes, retained, ratio, steady, per-hour");
        };
    }

    private static double positive(OptionalLong delta) {
        return delta.isPresent() && delta.getAsLong() > 0 ? delta.getAsLong() : Double.NaN;
    }

    /** The composite default ranking; keeps the totals of the last diff it scored. */
    private static final class Composite implements Ranking {
        private volatile Totals totals;

        private record Totals(HeapDiff diff, long count, long bytes, boolean retained) {
        }

        @Override
        public String name() {
            return "composite";
        }

        @Override
        public OptionalDouble score(GroupDelta d, HeapDiff diff) {
            OptionalLong delta = d.countDelta();
            if (delta.isEmpty() || delta.getAsLong() <= 0) {
                return OptionalDouble.empty();
            }
            Totals t = totals(diff);
            double share = t.count() > 0 ? (double) delta.getAsLong() / t.count() : 0;
            OptionalLong bytes = t.retained() ? d.retainedBytesDelta() : d.shallowBytesDelta();
            if (t.bytes() > 0 && bytes.isPresent()) {
                share = (share + Math.max(0, (double) bytes.getAsLong()) / t.bytes()) / 2;
            }
            double steadiness = d.grewAtEveryStep() ? 1.0 : 0.5;
            long first = d.first().count().orElse(0);
            long last = d.last().count().getAsLong();
            double relative = Math.sqrt(1.0 - (double) first / last);
            return OptionalDouble.of(100 * share * steadiness * relative);
        }

        private Totals totals(HeapDiff diff) {
            Totals t = totals;
            if (t != null && t.diff() == diff) {
                return t;
            }
            long count = 0;
            long shallow = 0;
            long retained = 0;
            boolean retainedKnown = true;
            for (GroupDelta d : diff.deltas()) {
                count += Math.max(0, d.countDelta().orElse(0));
                shallow += Math.max(0, d.shallowBytesDelta().orElse(0));
                OptionalLong r = d.retainedBytesDelta();
                retainedKnown &= r.isPresent() || d.countDelta().orElse(0) <= 0;
                retained += Math.max(0, r.orElse(0));
            }
            boolean useRetained = retainedKnown && retained > 0;
            t = new Totals(diff, count, useRetained ? retained : shallow, useRetained);
            totals = t;
            return t;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** A ranking given by a score function; NaN means "not ranked". */
    private record Scored(String name, ToDoubleBiFunction<GroupDelta, HeapDiff> scorer) implements Ranking {
        @Override
        public OptionalDouble score(GroupDelta delta, HeapDiff diff) {
            double s = scorer.applyAsDouble(delta, diff);
            return Double.isNaN(s) ? OptionalDouble.empty() : OptionalDouble.of(s);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
