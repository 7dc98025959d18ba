package io.github.heapdiff.analysis;

import com.google.common.collect.ImmutableList;
import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Observation;
import io.github.heapdiff.RankedDiff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What every {@link LeakHeuristic} sees of one ranked diff: the diff, its candidates (the groups
 * that grew) in rank order, the diff's total growth, and the snapshots' groups and graph facts.
 *
 * <p>Candidates are the groups whose count grew at some step or whose shallow bytes grew: first
 * the groups the ranking scored, in its order, then the others by objects added (so a bounded cache
 * that a steady-growth ranking leaves out can still be judged "not a leak"). Thread-safe; the
 * {@linkplain #memo(String, GroupKey, Supplier) memo} lets heuristics share work within one
 * attribution.
 */
public final class AnalysisContext {

    private final RankedDiff ranked;
    private final ImmutableList<GroupDelta> candidates;
    private final Map<GroupKey, Integer> position = new HashMap<>();
    private final Map<GroupKey, Double> scores = new HashMap<>();
    private final long totalCountGrowth;
    private final Map<List<Object>, Object> memo = new ConcurrentHashMap<>();

    private AnalysisContext(RankedDiff ranked) {
        this.ranked = ranked;
        List<GroupDelta> out = new ArrayList<>();
        Set<GroupKey> seen = new HashSet<>();
        for (RankedDiff.Entry e : ranked.entries()) {
            scores.put(e.delta().key(), e.score());
            if (grew(e.delta()) && seen.add(e.delta().key())) {
                out.add(e.delta());
            }
        }
        List<GroupDelta> rest = new ArrayList<>();
        long total = 0;
        for (GroupDelta d : ranked.diff().deltas()) {
            total += Math.max(0, d.countDelta().orElse(0));
            if (!seen.contains(d.key()) && grew(d)) {
                rest.add(d);
            }
        }
        rest.sort(Comparator.comparingLong((GroupDelta d) -> -maxStepGrowth(d)).thenComparing(GroupDelta::key));
        out.addAll(rest);
        this.candidates = ImmutableList.copyOf(out);
        for (int i = 0; i < out.size(); i++) {
            position.put(out.get(i).key(), i);
        }
        this.totalCountGrowth = total;
    }

    /** The context of {@code ranked}. */
    public static AnalysisContext of(RankedDiff ranked) {
        return new AnalysisContext(Objects.requireNonNull(ranked, "ranked"));
    }

    /** Returns true when {@code d}'s count grew at some step, or its shallow bytes grew from first to last. */
    static boolean grew(GroupDelta d) {
        return maxStepGrowth(d) > 0 || d.shallowBytesDelta().orElse(0) > 0;
    }

    /** The largest count increase between two consecutive snapshots where both counts are known. */
    static long maxStepGrowth(GroupDelta d) {
        long best = 0;
        long[] c = d.counts();
        for (int i = 1; i < c.length; i++) {
            if (c[i - 1] >= 0 && c[i] >= 0) {
                best = Math.max(best, c[i] - c[i - 1]);
            }
        }
        if (best == 0 && c[0] >= 0 && c[c.length - 1] >= 0) {
            best = Math.max(0, c[c.length - 1] - c[0]);
        }
        return best;
    }

    /** The ranked diff. */
    public RankedDiff ranked() {
        return ranked;
    }

    /** The diff. */
    public HeapDiff diff() {
        return ranked.diff();
    }

    /** The groups that grew, ranked ones first in rank order. */
    public List<GroupDelta> candidates() {
        return candidates;
    }

    /** The position of {@code key} among the candidates, from 0; empty when it is not a candidate. */
    public Optional<Integer> position(GroupKey key) {
        return Optional.ofNullable(position.get(key));
    }

    /** The ranking's score of {@code key}, when the ranking scored it. */
    public OptionalDouble rankScore(GroupKey key) {
        Double s = scores.get(key);
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
    }

    /** The objects added over all groups that grew, last snapshot minus first (groups with unknown counts left out). */
    public long totalCountGrowth() {
        return totalCountGrowth;
    }

    /** The number of snapshots. */
    public int snapshotCount() {
        return diff().snapshots().size();
    }

    /** The group with {@code key} in snapshot {@code index} (from 0), with its exemplars, origin and facts. */
    public Optional<ObjectGroup> group(GroupKey key, int index) {
        return diff().snapshots().get(index).group(key);
    }

    /** The graph facts of {@code key} in the latest snapshot that has them. */
    public Optional<GroupFacts> facts(GroupKey key) {
        for (int i = snapshotCount() - 1; i >= 0; i--) {
            Optional<GroupFacts> f = group(key, i).flatMap(ObjectGroup::facts);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** Returns true when some snapshot of the diff carries graph facts. */
    public boolean hasGraphFacts() {
        return memo("context.graph", null, () -> diff().snapshots().stream()
                .flatMap(s -> s.groups().stream()).anyMatch(g -> g.facts().isPresent()));
    }

    /** Hours between the capture of snapshots {@code from} and {@code to} (from 0), when both capture times are known. */
    public OptionalDouble hours(int from, int to) {
        Optional<Instant> a = diff().snapshots().get(from).source().captureTime();
        Optional<Instant> b = diff().snapshots().get(to).source().captureTime();
        if (a.isEmpty() || b.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Duration.between(a.get(), b.get()).toMillis() / 3_600_000.0);
    }

    /** The count of {@code d} in snapshot {@code index}, when known. */
    static OptionalLong count(GroupDelta d, int index) {
        Observation o = d.history().get(index);
        return o.count();
    }

    /**
     * Computes a value once per context: {@code name} names the computation, {@code key} the group it
     * is about (or null for the whole diff).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String name, GroupKey key, Supplier<T> compute) {
        List<Object> k = java.util.Arrays.asList(name, key);
        Object v = memo.get(k);
        if (v == null) {
            v = compute.get();
            Object prev = memo.putIfAbsent(k, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
    }
}
