package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two or more snapshots of one program in time order, and every group followed across them.
 *
 * <p>Snapshots are compared at the coarsest grouping they share. A group missing from a complete
 * snapshot is {@linkplain Observation.Presence#ABSENT absent} (count zero); missing from a
 * partial one it is {@linkplain Observation.Presence#NOT_SHOWN not shown} (count unknown), never
 * a deletion. When every snapshot carries object identities and the snapshots look like one
 * process (see {@link IdentityCheck}), each delta also tells how many objects were added, removed
 * and survived; otherwise the diff compares counts only and {@link #identityCheck()} says why.
 * Immutable and thread-safe.
 *
 * <p>{@code Snapshots.read(before).diff(Snapshots.read(after))} makes one; {@link #rank(Ranking)}
 * orders what grew.
 */
public final class HeapDiff {

    private final ImmutableList<Snapshot> snapshots;
    private final Grouping grouping;
    private final ImmutableList<GroupDelta> deltas;
    private final Map<GroupKey, GroupDelta> byKey;
    private final boolean identityTracked;
    private final IdentityCheck identityCheck;

    private HeapDiff(List<Snapshot> snapshots, Grouping grouping, List<GroupDelta> deltas, IdentityCheck check) {
        this.snapshots = ImmutableList.copyOf(snapshots);
        this.grouping = grouping;
        this.deltas = ImmutableList.copyOf(deltas);
        Map<GroupKey, GroupDelta> m = new LinkedHashMap<>();
        for (GroupDelta d : deltas) {
            m.put(d.key(), d);
        }
        this.byKey = m;
        this.identityCheck = check;
        this.identityTracked = check.isTracked();
    }

    /**
     * Diffs {@code snapshots}, oldest first.
     *
     * @throws IllegalArgumentException if fewer than two snapshots are given, or capture times run backwards
     */
    public static HeapDiff of(List<Snapshot> snapshots) {
        checkArgument(snapshots.size() >= 2, "a diff needs at least two snapshots, oldest first; got %s",
                snapshots.size());
        checkTimeOrder(snapshots);
        Grouping g = snapshots.get(0).grouping();
        for (Snapshot s : snapshots) {
            g = g.coarsest(Objects.requireNonNull(s, "snapshot").grouping());
        }
        List<Snapshot> aligned = regroupAll(snapshots, g);
        TreeSet<GroupKey> keys = new TreeSet<>();
        for (Snapshot s : aligned) {
            for (ObjectGroup group : s.groups()) {
                keys.add(group.key());
            }
        }
        IdentityCheck check = checkIdentities(snapshots);
        boolean identities = check.isTracked();
        List<GroupDelta> deltas = new ArrayList<>(keys.size());
        for (GroupKey key : keys) {
            List<Observation> history = new ArrayList<>(aligned.size());
            for (Snapshot s : aligned) {
                history.add(observe(s, key));
            }
            deltas.add(new GroupDelta(key, history, identities ? identity(aligned, key) : Optional.empty()));
        }
        return new HeapDiff(aligned, g, deltas, check);
    }

    private static IdentityCheck checkIdentities(List<Snapshot> snapshots) {
        for (Snapshot s : snapshots) {
            if (!s.hasIdentities()) {
                return new IdentityCheck(IdentityCheck.Status.NOT_AVAILABLE, s.source().name()
                        + " carries no object identities; comparing counts");
            }
        }
        Snapshot previous = null;
        for (Snapshot s : snapshots) {
            if (previous != null) {
                Optional<String> why = differentProcess(previous, s);
                if (why.isPresent()) {
                    return new IdentityCheck(IdentityCheck.Status.DIFFERENT_PROCESSES, why.get()
                            + "; comparing counts only");
                }
            }
            previous = s;
        }
        return new IdentityCheck(IdentityCheck.Status.TRACKED, "the snapshots carry identities of one process");
    }

    /** Why {@code b} does not look like a later snapshot of {@code a}'s process, if it does not. */
    private static Optional<String> differentProcess(Snapshot a, Snapshot b) {
        String na = a.source().name();
        String nb = b.source().name();
        Optional<String> schemeA = Optional.ofNullable(a.source().metadata().get(IdentityCheck.SCHEME_KEY));
        Optional<String> schemeB = Optional.ofNullable(b.source().metadata().get(IdentityCheck.SCHEME_KEY));
        if (schemeA.isPresent() && schemeB.isPresent() && !schemeA.equals(schemeB)) {
            return Optional.of(na + " and " + nb + " carry identities of different kinds (" + schemeA.get() + ", "
                    + schemeB.get() + ")");
        }
        Snapshot ta = a.regroup(Grouping.TYPE);
        Snapshot tb = b.regroup(Grouping.TYPE);
        long markA = highWater(ta);
        long markB = highWater(tb);
        if (markB < markA) {
            return Optional.of(nb + " has an identity high-water mark of " + markB + ", below the " + markA + " of the earlier "
                    + na + ": identities of one process only grow");
        }
        long old = 0;
        long kept = 0;
        for (ObjectGroup g : tb.groups()) {
            ObjectIds ids = g.ids();
            old += countAtMost(ids, markA);
            Optional<ObjectGroup> before = ta.group(g.key());
            if (before.isPresent()) {
                kept += before.get().ids().countCommon(ids);
            }
        }
        if (old == 0 || kept < IdentityCheck.SAME_PROCESS_SHARE * old) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "%s and %s look like different processes: of the %d objects of %s with identities up to %s's "
                            + "high-water mark %d, %d (%.0f%%) are in %s with the same type, less than %.0f%%",
                    na, nb, old, nb, na, markA, kept, old == 0 ? 0.0 : 100.0 * kept / old, na,
                    100 * IdentityCheck.SAME_PROCESS_SHARE));
        }
        return Optional.empty();
    }

    private static long highWater(Snapshot s) {
        String mark = s.source().metadata().get(IdentityCheck.HIGH_WATER_KEY);
        if (mark != null) {
            try {
                return Long.parseLong(mark.trim());
            } catch (NumberFormatException e) {
                // fall through to the highest identity present
            }
        }
        long max = Long.MIN_VALUE;
        for (ObjectGroup g : s.groups()) {
            if (!g.ids().isEmpty()) {
                max = Math.max(max, g.ids().get(g.ids().size() - 1));
            }
        }
        return max;
    }

    private static long countAtMost(ObjectIds ids, long mark) {
        int lo = 0;
        int hi = ids.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ids.get(mid) <= mark) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static List<Snapshot> regroupAll(List<Snapshot> snapshots, Grouping g) {
        List<Snapshot> out = new ArrayList<>(snapshots.size());
        for (Snapshot s : snapshots) {
            out.add(s.regroup(g));
        }
        return out;
    }

    private static void checkTimeOrder(List<Snapshot> snapshots) {
        Instant previous = null;
        String previousName = null;
        for (Snapshot s : snapshots) {
            Optional<Instant> t = s.source().captureTime();
            if (t.isEmpty()) {
                continue;
            }
            checkArgument(previous == null || !t.get().isBefore(previous),
                    "%s was captured at %s, before %s (%s): pass snapshots oldest first",
                    s.source().name(), t.get(), previousName, previous);
            previous = t.get();
            previousName = s.source().name();
        }
    }

    private static Observation observe(Snapshot s, GroupKey key) {
        Optional<ObjectGroup> g = s.group(key);
        if (g.isPresent()) {
            return Observation.present(g.get().stats());
        }
        return s.isPartial() ? Observation.NOT_SHOWN : Observation.ABSENT;
    }

    private static Optional<IdentityHistory> identity(List<Snapshot> snapshots, GroupKey key) {
        List<ObjectIds> sets = new ArrayList<>(snapshots.size());
        for (Snapshot s : snapshots) {
            sets.add(s.group(key).map(ObjectGroup::ids).orElse(ObjectIds.empty()));
        }
        List<IdentityHistory.Step> steps = new ArrayList<>();
        for (int i = 1; i < sets.size(); i++) {
            ObjectIds a = sets.get(i - 1);
            ObjectIds b = sets.get(i);
            long survived = a.countCommon(b);
            steps.add(new IdentityHistory.Step(b.size() - survived, a.size() - survived, survived));
        }
        OptionalLong persistent = OptionalLong.empty();
        if (sets.size() >= 3) {
            ObjectIds leak = sets.get(1).minus(sets.get(0));
            for (int i = 2; i < sets.size(); i++) {
                leak = leak.intersect(sets.get(i));
            }
            persistent = OptionalLong.of(leak.size());
        }
        return Optional.of(new IdentityHistory(steps, persistent));
    }

    /** The snapshots, oldest first, at this diff's grouping. */
    public List<Snapshot> snapshots() {
        return snapshots;
    }

    /** The grouping the snapshots are compared at: the coarsest of theirs. */
    public Grouping grouping() {
        return grouping;
    }

    /** Every group seen in any snapshot, in key order. */
    public List<GroupDelta> deltas() {
        return deltas;
    }

    /** The delta for {@code key}, if any snapshot has the group. */
    public Optional<GroupDelta> delta(GroupKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * Returns true when the diff follows individual objects: every snapshot carries identities and
     * they look like one process, so deltas tell objects added, removed and survived.
     */
    public boolean isIdentityTracked() {
        return identityTracked;
    }

    /** Whether identities are tracked and, when not, why (a listing without identities, different processes). */
    public IdentityCheck identityCheck() {
        return identityCheck;
    }

    /**
     * Returns this diff regrouped to the coarser {@code target}: observations of groups that share
     * a coarser key are merged (present if any part is present; counts and shallow bytes add up,
     * retained bytes only when one part is present).
     *
     * @throws IllegalArgumentException if {@code target} is finer than this diff's grouping
     */
    public HeapDiff regroup(Grouping target) {
        checkArgument(grouping.canCoarsenTo(target), "a diff grouped by %s cannot be regrouped to the finer %s",
                grouping, target);
        if (target == grouping) {
            return this;
        }
        Map<GroupKey, List<GroupDelta>> parts = new TreeMap<>();
        for (GroupDelta d : deltas) {
            parts.computeIfAbsent(d.key().coarsen(target), k -> new ArrayList<>()).add(d);
        }
        List<Snapshot> regrouped = regroupAll(snapshots, target);
        List<GroupDelta> merged = new ArrayList<>(parts.size());
        parts.forEach((key, ds) -> {
            List<Observation> history = new ArrayList<>();
            for (int i = 0; i < snapshots.size(); i++) {
                history.add(mergeObservations(ds, i));
            }
            merged.add(new GroupDelta(key, history, identityTracked ? identity(regrouped, key) : Optional.empty()));
        });
        return new HeapDiff(regrouped, target, merged, identityCheck);
    }

    private static Observation mergeObservations(List<GroupDelta> parts, int index) {
        List<Observation> present = new ArrayList<>(parts.size());
        for (GroupDelta d : parts) {
            if (d.history().get(index).presence() == Observation.Presence.PRESENT) {
                present.add(d.history().get(index));
            }
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        GroupStats sum = null;
        boolean notShown = false;
        boolean shallowKnown = true;
        for (GroupDelta d : parts) {
            Observation o = d.history().get(index);
            switch (o.presence()) {
                case PRESENT -> {
                    shallowKnown &= o.stats().shallowBytes().isPresent();
                    sum = sum == null ? o.stats().withoutRetained() : sum.plus(o.stats());
                }
                case NOT_SHOWN -> notShown = true;
                case ABSENT -> { }
            }
        }
        if (sum == null) {
            return notShown ? Observation.NOT_SHOWN : Observation.ABSENT;
        }
        return Observation.present(shallowKnown ? sum : GroupStats.ofCount(sum.count()));
    }

    /** Orders the groups that grew by {@code ranking}; see {@link RankedDiff}. */
    public RankedDiff rank(Ranking ranking) {
        return RankedDiff.of(this, ranking);
    }

    @Override
    public String toString() {
        return "HeapDiff[" + snapshots.size() + " snapshots, " + deltas.size() + " groups by " + grouping + "]";
    }
}
