package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds the controls, large groups with the same count in every snapshot, which vouch that the
 * snapshots are of one program in one phase and can be compared (the 8,775 config objects of the
 * founding story); and warns when nothing is stable, when the total shrank, when growth is spread
 * so thin that no group explains it, when a listing elided rows, or when the snapshots were read as
 * different formats.
 *
 * <p>Controls are ordered application types and records first (they say more than runtime internals), then by
 * count, then by key; at most {@value #MAX_CONTROLS} are kept.
 */
final class ControlsHeuristic implements LeakHeuristic {

    static final String NAME = "controls";

    /** The smallest count a control has. */
    static final long MIN_CONTROL = 100;
    /** The most controls reported. */
    static final int MAX_CONTROLS = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Evidence> examineDiff(AnalysisContext context) {
        HeapDiff diff = context.diff();
        List<Evidence> out = new ArrayList<>();
        List<GroupDelta> unchanged = new ArrayList<>();
        for (GroupDelta d : diff.deltas()) {
            if (d.isUnchanged() && d.last().stats().count() >= MIN_CONTROL) {
                unchanged.add(d);
            }
        }
        unchanged.sort(Comparator.comparingInt((GroupDelta d) -> tier(d))
                .thenComparing(Comparator.comparingLong((GroupDelta d) -> d.last().stats().count()).reversed())
                .thenComparing(GroupDelta::key));
        for (GroupDelta d : unchanged.subList(0, Math.min(MAX_CONTROLS, unchanged.size()))) {
            long n = d.last().stats().count();
            out.add(Evidence.of(NAME, Evidence.KIND_CONTROL, 0, Numbers.count(n) + " objects in each of the "
                    + diff.snapshots().size() + " snapshots").withGroup(d.key()).withNumber("count", n));
        }
        if (unchanged.isEmpty()) {
            out.add(warning("no large group has the same count in every snapshot, so nothing vouches that the "
                    + "snapshots are of one program in one phase: compare with care"));
        } else if (unchanged.size() > MAX_CONTROLS) {
            out.add(Evidence.of(NAME, Evidence.KIND_CONTROL, 0, (unchanged.size() - MAX_CONTROLS)
                    + " more unchanged groups of at least " + MIN_CONTROL + " objects")
                    .withNumber("more", unchanged.size() - MAX_CONTROLS));
        }
        partial(context, out);
        totals(context, out);
        TreeSet<String> formats = new TreeSet<>();
        diff.snapshots().forEach(s -> formats.add(s.source().formatId()));
        if (formats.size() > 1) {
            out.add(warning("the snapshots were read as different formats (" + String.join(", ", formats)
                    + "): their groups and sizes may not line up"));
        }
        return out;
    }

    /**
     * Application groups first: a plain object with named properties ({@code Object: id, genreIds}) is an
     * application record, though its type is generic; then platform types; then generic containers.
     */
    private static int tier(GroupDelta d) {
        boolean record = d.key().shape().map(s -> !s.names().isEmpty()).orElse(false);
        return record ? 0 : CompanionHeuristic.tier(d.key().type());
    }

    private static void partial(AnalysisContext context, List<Evidence> out) {
        List<Snapshot> snaps = context.diff().snapshots();
        for (int i = 0; i < snaps.size(); i++) {
            if (!snaps.get(i).isPartial()) {
                continue;
            }
            final int index = i;
            long hidden = context.diff().deltas().stream().filter(d -> !d.history().get(index).isKnown()).count();
            if (hidden > 0) {
                out.add(warning("snapshot " + (i + 1) + " (" + snaps.get(i).source().name() + ") is a listing that elided "
                        + "rows: " + hidden + (hidden == 1 ? " group is" : " groups are")
                        + " not shown there, their count unknown rather than zero").withNumber("notShown", hidden)
                        .withNumber("snapshot", i + 1));
            }
        }
    }

    /** Warns when the totals moved in a way no group explains. */
    private static void totals(AnalysisContext context, List<Evidence> out) {
        List<Snapshot> snaps = context.diff().snapshots();
        if (snaps.stream().anyMatch(Snapshot::isPartial)) {
            return;
        }
        GroupStats first = snaps.get(0).totals();
        GroupStats last = snaps.get(snaps.size() - 1).totals();
        long a = first.count();
        long b = last.count();
        if (a > 0 && b < a * 0.95) {
            out.add(warning("the heap shrank from " + Numbers.count(a) + " to " + Numbers.count(b)
                    + " objects: the snapshots may come from different processes or phases of the program")
                    .withNumber("first", a).withNumber("last", b));
            return;
        }
        long total = context.totalCountGrowth();
        long largest = 0;
        for (GroupDelta d : context.diff().deltas()) {
            largest = Math.max(largest, d.countDelta().orElse(0));
        }
        if (a > 0 && b - a > a * 0.10 && total > 0 && largest < total * 0.05) {
            out.add(warning("the heap grew by " + Numbers.count(b - a) + " objects, but no group accounts for more than "
                    + GrowthHeuristic.percent((double) largest / total) + " of the growth: it is spread thin, "
                    + "as a changed workload or a larger cache would spread it")
                    .withNumber("growth", b - a).withNumber("largestShare", GrowthHeuristic.round((double) largest / total)));
        }
    }

    private static Evidence warning(String reason) {
        return Evidence.of(NAME, Evidence.KIND_WARNING, 0, reason);
    }
}
