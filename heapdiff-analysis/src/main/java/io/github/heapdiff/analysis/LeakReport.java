package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.Grouping;
import java.util.List;
import java.util.Objects;

/**
 * The result of leak attribution: the findings that explain the growth, the controls that vouch
 * the snapshots are comparable, the groups that came, went or were not shown, the snapshots and
 * the heuristics used.
 *
 * <p>Made by {@code diff.rank(ranking).attribute(Heuristics.defaults())}; written by a
 * {@link ReportWriter}. Holds no snapshot and no string contents from the heap. Immutable and
 * thread-safe.
 *
 * @param snapshots the snapshots, oldest first
 * @param grouping the grouping the snapshots were compared at
 * @param ranking the name of the ranking that ordered the findings
 * @param heuristics the names of the heuristics that voted, in the order they ran
 * @param findings every group that grew and was not folded into another as a companion, with its
 *     evidence and verdict, in rank order
 * @param controls large groups with the same count in every snapshot, largest application groups
 *     first
 * @param newGroups groups absent from the first snapshot (a complete one) and present in the last
 * @param goneGroups groups present in the first snapshot and absent from the last (a complete one)
 * @param notShown groups some elided listing did not show: their count there is unknown, not zero
 * @param notes evidence about the diff as a whole: the controls and the warnings
 */
public record LeakReport(List<SnapshotInfo> snapshots, Grouping grouping, String ranking, List<String> heuristics,
        List<Finding> findings, List<GroupDelta> controls, List<GroupDelta> newGroups, List<GroupDelta> goneGroups,
        List<GroupDelta> notShown, List<Evidence> notes) {

    /** Validates and copies. */
    public LeakReport {
        snapshots = List.copyOf(snapshots);
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(ranking, "ranking");
        heuristics = List.copyOf(heuristics);
        findings = List.copyOf(findings);
        controls = List.copyOf(controls);
        newGroups = List.copyOf(newGroups);
        goneGroups = List.copyOf(goneGroups);
        notShown = List.copyOf(notShown);
        notes = List.copyOf(notes);
    }

    /** The findings judged a likely leak, in rank order. */
    public List<Finding> likelyLeaks() {
        return findings.stream().filter(f -> f.verdict() == Verdict.LIKELY_LEAK).toList();
    }

    /** Returns true when some finding is judged a likely leak: what {@code heapdiff leaks --fail-on-leak} gates on. */
    public boolean hasLikelyLeak() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.LIKELY_LEAK);
    }

    /** The findings with {@code verdict}, in rank order. */
    public List<Finding> findings(Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).toList();
    }

    /** The warnings about the diff as a whole (no controls, growth no group explains, elided listings). */
    public List<Evidence> warnings() {
        return notes.stream().filter(e -> e.kind().equals(Evidence.KIND_WARNING)).toList();
    }
}
