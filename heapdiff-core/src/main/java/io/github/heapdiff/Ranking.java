package io.github.heapdiff;

import java.util.OptionalDouble;

/**
 * A way to order the groups of a diff by how much they grew: the strategy behind
 * {@link HeapDiff#rank(Ranking)}.
 *
 * <p>A ranking gives each delta a score; higher ranks first, ties break on the group key, so the
 * order never depends on input order. A delta with no score (it did not grow by this ranking's
 * measure, or the measure is unknown for it) is left out of the ranking. Built-in rankings are in
 * {@code io.github.heapdiff.analysis.Rankings}. Implementations must be immutable and
 * thread-safe.
 */
public interface Ranking {

    /** A short name, such as {@code count-growth}, for reports. */
    String name();

    /**
     * The score of {@code delta} within {@code diff}, or empty when it does not grow by this
     * ranking's measure.
     */
    OptionalDouble score(GroupDelta delta, HeapDiff diff);
}
