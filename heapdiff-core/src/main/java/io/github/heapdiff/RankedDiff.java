package io.github.heapdiff;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@link HeapDiff} with the groups that grew ordered by a {@link Ranking}, highest score
 * first, ties broken by group key.
 *
 * <p>Immutable and thread-safe. {@link #attribute(Attribution)} turns it into a report.
 */
public final class RankedDiff {

    /**
     * A delta with its score.
     *
     * @param delta the group followed across the snapshots
     * @param score its score under the ranking
     */
    public record Entry(GroupDelta delta, double score) {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(delta, "delta");
        }
    }

    private final HeapDiff diff;
    private final Ranking ranking;
    private final ImmutableList<Entry> entries;

    private RankedDiff(HeapDiff diff, Ranking ranking, List<Entry> entries) {
        this.diff = diff;
        this.ranking = ranking;
        this.entries = ImmutableList.copyOf(entries);
    }

    static RankedDiff of(HeapDiff diff, Ranking ranking) {
        Objects.requireNonNull(ranking, "ranking");
        List<Entry> entries = new ArrayList<>();
        for (GroupDelta d : diff.deltas()) {
            OptionalDouble s = ranking.score(d, diff);
            if (s.isPresent() && !Double.isNaN(s.getAsDouble())) {
                entries.add(new Entry(d, s.getAsDouble()));
            }
        }
        entries.sort(Comparator.comparingDouble(Entry::score).reversed()
                .thenComparing(e -> e.delta().key()));
        return new RankedDiff(diff, ranking, entries);
    }

    /** The diff that was ranked. */
    public HeapDiff diff() {
        return diff;
    }

    /** The ranking used. */
    public Ranking ranking() {
        return ranking;
    }

    /** The groups that grew by the ranking's measure, highest score first. */
    public List<Entry> entries() {
        return entries;
    }

    /** The deltas of {@link #entries()}, in rank order. */
    public List<GroupDelta> ranked() {
        return entries.stream().map(Entry::delta).collect(ImmutableList.toImmutableList());
    }

    /** The first {@code n} entries (all if fewer). */
    public List<Entry> top(int n) {
        return entries.subList(0, Math.min(Math.max(n, 0), entries.size()));
    }

    /**
     * Explains the ranked growth with {@code attribution}, for example
     * {@code Heuristics.defaults()} from heapdiff-analysis, and returns its result (a leak report).
     */
    public <R> R attribute(Attribution<R> attribution) {
        return Objects.requireNonNull(attribution, "attribution").attribute(this);
    }
}
