package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.Attribution;
import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.RankedDiff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Leak attribution: runs {@link LeakHeuristic}s over a ranked diff and returns a {@link LeakReport}.
 *
 * <pre>{@code
 * LeakReport report = Snapshots.read(before).diff(Snapshots.read(after))
 *         .rank(Rankings.composite())
 *         .attribute(Heuristics.defaults());
 * }</pre>
 *
 * <p>How: every candidate (a group that grew) is asked of each heuristic which other candidates'
 * growth it {@linkplain LeakHeuristic#explains explains}. Candidates that nothing explains become
 * suspects; every other candidate is folded, as a companion, into the suspect that reaches it in the
 * fewest steps (ties to the better-ranked suspect); a cycle with no suspect outside it is broken at
 * its best-ranked member. Each suspect with its companions is then {@linkplain LeakHeuristic#examine
 * examined} by every heuristic, and its evidence adds up to an {@link Assessment}. Findings are
 * ordered by the ranking score of their best-ranked member. Immutable and thread-safe.
 */
public final class Heuristics implements Attribution<LeakReport> {

    private final List<LeakHeuristic> heuristics;

    private Heuristics(List<LeakHeuristic> heuristics) {
        this.heuristics = List.copyOf(heuristics);
    }

    /** The built-in heuristics: growth, companions, controls, holder and origin (with the bundled well-known types). */
    public static Heuristics defaults() {
        return new Heuristics(List.of(growth(), companions(), controls(), holder(), origin()));
    }

    /** Just the given heuristics, in this order. */
    public static Heuristics of(LeakHeuristic... heuristics) {
        return new Heuristics(List.of(heuristics));
    }

    /** Growth: count, ratio, bytes, per hour, steady or noisy; "filled once then flat" and "up and down" are not leaks. */
    public static LeakHeuristic growth() {
        return new GrowthHeuristic();
    }

    /** Companions: the groups whose growth a suspect explains, by domination or by proportion plus a link. */
    public static LeakHeuristic companions() {
        return new CompanionHeuristic();
    }

    /** Controls: large groups unchanged in every snapshot, and warnings about the snapshots as a whole. */
    public static LeakHeuristic controls() {
        return new ControlsHeuristic();
    }

    /** Holder: the accumulation point holding the growth and its retainer path, from graph facts. */
    public static LeakHeuristic holder() {
        return new HolderHeuristic();
    }

    /** Origin: package, script or class loader, and resemblance to the bundled {@link WellKnownTypes#defaults()}. */
    public static LeakHeuristic origin() {
        return new OriginHeuristic(WellKnownTypes.defaults());
    }

    /** Origin with a table of well-known types of your own. */
    public static LeakHeuristic origin(WellKnownTypes wellKnown) {
        return new OriginHeuristic(wellKnown);
    }

    /** Returns these heuristics with {@code heuristic} added last. */
    public Heuristics with(LeakHeuristic heuristic) {
        List<LeakHeuristic> copy = new ArrayList<>(heuristics);
        copy.add(Objects.requireNonNull(heuristic, "heuristic"));
        return new Heuristics(copy);
    }

    /**
     * Returns these heuristics without the one named {@code name}.
     *
     * @throws IllegalArgumentException if none has that name
     */
    public Heuristics without(String name) {
        List<LeakHeuristic> copy = new ArrayList<>(heuristics);
        checkArgument(copy.removeIf(h -> h.name().equals(name)), "no heuristic named '%s' among %s", name, names());
        return new Heuristics(copy);
    }

    /** Returns these heuristics with the one named like {@code replacement} replaced by it (or added when none is). */
    public Heuristics replacing(LeakHeuristic replacement) {
        List<LeakHeuristic> copy = new ArrayList<>();
        boolean replaced = false;
        for (LeakHeuristic h : heuristics) {
            if (h.name().equals(replacement.name())) {
                copy.add(replacement);
                replaced = true;
            } else {
                copy.add(h);
            }
        }
        if (!replaced) {
            copy.add(replacement);
        }
        return new Heuristics(copy);
    }

    /** The heuristics, in the order they run. */
    public List<LeakHeuristic> heuristics() {
        return heuristics;
    }

    private List<String> names() {
        return heuristics.stream().map(LeakHeuristic::name).toList();
    }

    @Override
    public LeakReport attribute(RankedDiff ranked) {
        AnalysisContext context = AnalysisContext.of(ranked);
        List<GroupDelta> candidates = context.candidates();

        Map<GroupKey, List<Evidence>> explained = new LinkedHashMap<>();
        Map<GroupKey, Map<GroupKey, Evidence>> edges = new HashMap<>();
        for (GroupDelta a : candidates) {
            Map<GroupKey, Evidence> out = new LinkedHashMap<>();
            for (LeakHeuristic h : heuristics) {
                for (Evidence e : h.explains(a, context)) {
                    for (GroupKey b : e.groups()) {
                        if (!b.equals(a.key()) && context.position(b).isPresent()) {
                            out.putIfAbsent(b, e);
                            explained.computeIfAbsent(b, k -> new ArrayList<>()).add(e);
                        }
                    }
                }
            }
            edges.put(a.key(), out);
        }
        Map<GroupKey, List<Companion>> clusters = fold(candidates, edges, explained.keySet(), context);

        List<Suspect> suspects = new ArrayList<>();
        for (GroupDelta d : candidates) {
            if (clusters.containsKey(d.key())) {
                suspects.add(new Suspect(d, clusters.get(d.key())));
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<Suspect> ordered = new ArrayList<>(suspects);
        ordered.sort(Comparator.comparingInt((Suspect s) -> bestPosition(s, context)).thenComparing(s -> s.group().key()));
        int rank = 1;
        for (Suspect s : ordered) {
            List<Evidence> evidence = new ArrayList<>();
            for (LeakHeuristic h : heuristics) {
                evidence.addAll(h.examine(s, context));
            }
            findings.add(new Finding(rank++, s, evidence, Assessment.of(evidence), bestScore(s, context)));
        }

        List<Evidence> notes = new ArrayList<>();
        for (LeakHeuristic h : heuristics) {
            notes.addAll(h.examineDiff(context));
        }
        HeapDiff diff = ranked.diff();
        List<GroupDelta> controls = new ArrayList<>();
        for (Evidence e : notes) {
            if (e.kind().equals(Evidence.KIND_CONTROL)) {
                e.groups().forEach(k -> diff.delta(k).ifPresent(controls::add));
            }
        }
        return new LeakReport(
                diff.snapshots().stream().map(SnapshotInfo::of).toList(),
                diff.grouping(),
                ranked.ranking().name(),
                names(),
                findings,
                controls,
                diff.deltas().stream().filter(GroupDelta::isNew).toList(),
                diff.deltas().stream().filter(GroupDelta::isGone).toList(),
                diff.deltas().stream().filter(GroupDelta::hasUnknown).toList(),
                notes);
    }

    /**
     * Assigns each candidate to a suspect: candidates nothing explains are suspects; the others go
     * to the suspect that reaches them in the fewest steps, better-ranked suspects first.
     */
    private static Map<GroupKey, List<Companion>> fold(List<GroupDelta> candidates,
            Map<GroupKey, Map<GroupKey, Evidence>> edges, java.util.Set<GroupKey> explained, AnalysisContext context) {
        Map<GroupKey, GroupKey> rootOf = new HashMap<>();
        Map<GroupKey, List<Companion>> clusters = new LinkedHashMap<>();
        Deque<GroupKey> queue = new ArrayDeque<>();
        Map<GroupKey, GroupDelta> byKey = new HashMap<>();
        candidates.forEach(d -> byKey.put(d.key(), d));
        for (GroupDelta d : candidates) {
            if (!explained.contains(d.key())) {
                rootOf.put(d.key(), d.key());
                clusters.put(d.key(), new ArrayList<>());
                queue.add(d.key());
            }
        }
        while (true) {
            while (!queue.isEmpty()) {
                GroupKey from = queue.poll();
                GroupKey root = rootOf.get(from);
                for (Map.Entry<GroupKey, Evidence> edge : edges.getOrDefault(from, Map.of()).entrySet()) {
                    GroupKey to = edge.getKey();
                    if (rootOf.containsKey(to)) {
                        continue;
                    }
                    rootOf.put(to, root);
                    Optional<GroupKey> via = from.equals(root) ? Optional.empty() : Optional.of(from);
                    clusters.get(root).add(new Companion(byKey.get(to), via, edge.getValue()));
                    queue.add(to);
                }
            }
            // A cycle that no suspect reaches: its best-ranked member becomes a suspect.
            Optional<GroupDelta> orphan = candidates.stream().filter(d -> !rootOf.containsKey(d.key())).findFirst();
            if (orphan.isEmpty()) {
                break;
            }
            GroupKey k = orphan.get().key();
            rootOf.put(k, k);
            clusters.put(k, new ArrayList<>());
            queue.add(k);
        }
        for (List<Companion> companions : clusters.values()) {
            companions.sort(Comparator.comparingInt((Companion c) -> context.position(c.key()).orElse(Integer.MAX_VALUE))
                    .thenComparing(Companion::key));
        }
        return clusters;
    }

    private static int bestPosition(Suspect s, AnalysisContext context) {
        int best = Integer.MAX_VALUE;
        for (GroupDelta d : s.members()) {
            best = Math.min(best, context.position(d.key()).orElse(Integer.MAX_VALUE));
        }
        return best;
    }

    private static OptionalDouble bestScore(Suspect s, AnalysisContext context) {
        OptionalDouble best = OptionalDouble.empty();
        for (GroupDelta d : s.members()) {
            OptionalDouble sc = context.rankScore(d.key());
            if (sc.isPresent() && (best.isEmpty() || sc.getAsDouble() > best.getAsDouble())) {
                best = sc;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Heuristics" + names();
    }
}
