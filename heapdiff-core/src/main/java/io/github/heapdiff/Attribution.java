package io.github.heapdiff;

/**
 * Turns a {@link RankedDiff} into an explanation of the growth, such as a leak report: the step
 * after ranking in {@code diff.rank(ranking).attribute(attribution)}.
 *
 * <p>heapdiff-analysis provides {@code Heuristics.defaults()}, which returns a
 * {@code LeakReport}. Implementations must be immutable and thread-safe.
 *
 * @param <R> what the attribution produces
 */
@FunctionalInterface
public interface Attribution<R> {

    /** Explains {@code ranked}. */
    R attribute(RankedDiff ranked);
}
