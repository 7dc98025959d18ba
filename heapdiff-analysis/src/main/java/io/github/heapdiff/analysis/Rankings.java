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
     * The ranking named {@code name}: {@code count}, {@code bytes}, {@code retained}, {@code ratio} or
     * {@code steady} (or the full names such as {@code count-growth}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Ranking named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "count", "count-growth" -> byCountGrowth();
            case "bytes", "byte-growth" -> byByteGrowth();
            case "retained", "retained-growth" -> byRetainedGrowth();
            case "ratio", "relative", "relative-growth" -> byRelativeGrowth();
            case "steady", "steady-growth" -> steadyGrowth();
            default -> throw new IllegalArgumentException(
                    "unknown ranking '" + name + "'; use one of count, bytes, retained, ratio, steady");
        };
    }

    private static double positive(OptionalLong delta) {
        return delta.isPresent() && delta.getAsLong() > 0 ? delta.getAsLong() : Double.NaN;
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
