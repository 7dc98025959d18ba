package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.IdentityHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Judges a suspect by its own numbers: how much it grew (count, ratio, bytes, per hour), how
 * (steady at every step, noisy, filled once then flat, up and down), how much of the diff's growth
 * it and its companions account for, what object identities say about survival, and whether it is
 * a generic container.
 *
 * <p>A group that grew and then stayed flat (a cache that filled) or went up and down (churn) is
 * decisive evidence of "not a leak". Two snapshots cannot tell steady growth from churn, which the
 * evidence says.
 */
final class GrowthHeuristic implements LeakHeuristic {

    static final String NAME = "growth";

    /** A step is flat when its change is within this fraction of the larger count. */
    static final double FLAT = 0.005;

    /** A drop of at least this fraction of a group's objects at one step means they are released in bulk. */
    static final double BULK_DROP = 0.25;

    /** The largest fraction of its objects a group lost at one step. */
    static double largestDrop(long[] c) {
        double worst = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i - 1] > 0 && c[i] >= 0 && c[i] < c[i - 1]) {
                worst = Math.max(worst, (double) (c[i - 1] - c[i]) / c[i - 1]);
            }
        }
        return worst;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Evidence> examine(Suspect suspect, AnalysisContext context) {
        GroupDelta d = suspect.group();
        List<Evidence> out = new ArrayList<>();
        long[] c = d.counts();
        int firstKnown = -1;
        int lastKnown = -1;
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 0) {
                lastKnown = i;
                if (firstKnown < 0) {
                    firstKnown = i;
                }
            }
        }
        if (firstKnown < 0 || firstKnown == lastKnown) {
            return List.of(Evidence.of(NAME, Evidence.KIND_GROWTH, 0,
                    "its count is known in fewer than two snapshots, so its growth cannot be measured"));
        }
        out.add(magnitude(d, c, firstKnown, lastKnown, context));
        out.add(trend(d, c));
        share(suspect, context).ifPresent(out::add);
        retention(d).ifPresent(out::add);
        if (TypeNames.isGeneric(d.key().type())) {
            out.add(Evidence.of(NAME, Evidence.KIND_GENERIC, -1.0, TypeNames.plain(d.key().type())
                    + " is a generic container or value type: its growth is usually a consequence of what holds it"));
        } else if (TypeNames.isJavaPlatform(d.key().type())) {
            out.add(Evidence.of(NAME, Evidence.KIND_GENERIC, -0.5, TypeNames.plain(d.key().type())
                    + " is a class of the Java platform: when it grows, application code usually holds it"));
        }
        return out;
    }

    private static Evidence magnitude(GroupDelta d, long[] c, int first, int last, AnalysisContext context) {
        long a = c[first];
        long b = c[last];
        long delta = b - a;
        StringBuilder reason = new StringBuilder();
        reason.append(Numbers.count(a)).append(" -> ").append(Numbers.count(b)).append(" objects (")
                .append(Numbers.signed(delta));
        double weight;
        Evidence e;
        if (a == 0 && b > 0) {
            reason.append(", new");
            weight = 1.0;
        } else {
            double ratio = a == 0 ? 0 : (double) b / a;
            if (a > 0) {
                reason.append(", ").append(Numbers.ratio(ratio));
            }
            weight = ratio >= 5 ? 1.5 : ratio >= 2 ? 1.0 : ratio >= 1.25 ? 0.5 : ratio >= 1.1 ? 0 : -0.5;
        }
        reason.append(')');
        int steps = last - first;
        reason.append(first == 0 && last == c.length - 1 ? " over " + c.length + " snapshots"
                : " from snapshot " + (first + 1) + " to " + (last + 1));
        OptionalLong bytes = d.shallowBytesDelta();
        if (bytes.isPresent() && bytes.getAsLong() != 0) {
            reason.append("; ").append(Numbers.signedBytes(bytes.getAsLong())).append(" shallow");
        }
        OptionalLong retained = d.retainedBytesDelta();
        if (retained.isPresent() && retained.getAsLong() != 0) {
            reason.append(", ").append(Numbers.signedBytes(retained.getAsLong())).append(" retained");
        }
        OptionalDouble hours = context.hours(first, last);
        double perHour = Double.NaN;
        if (hours.isPresent() && hours.getAsDouble() > 0) {
            perHour = delta / hours.getAsDouble();
            reason.append("; ").append(Numbers.signed(Math.round(perHour))).append(" per hour over ")
                    .append(String.format(Locale.ROOT, "%.1f", hours.getAsDouble())).append(" h");
        }
        e = Evidence.of(NAME, Evidence.KIND_GROWTH, weight, reason.toString())
                .withNumber("first", a).withNumber("last", b).withNumber("delta", delta).withNumber("steps", steps);
        if (a > 0) {
            e = e.withNumber("ratio", round((double) b / a));
        }
        if (bytes.isPresent()) {
            e = e.withNumber("shallowBytesDelta", bytes.getAsLong());
        }
        if (retained.isPresent()) {
            e = e.withNumber("retainedBytesDelta", retained.getAsLong());
        }
        if (!Double.isNaN(perHour)) {
            e = e.withNumber("perHour", round(perHour)).withNumber("hours", round(hours.getAsDouble()));
        }
        return e;
    }

    /** How the count moved step by step. */
    private static Evidence trend(GroupDelta d, long[] c) {
        List<Long> deltas = new ArrayList<>();
        int up = 0;
        int down = 0;
        int flat = 0;
        long max = -1;
        long maxBeforeLast = -1;
        int lastUpStep = -1;
        int firstFlatAfterUp = -1;
        boolean downAfter = false;
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 0 && i < c.length - 1) {
                maxBeforeLast = Math.max(maxBeforeLast, c[i]);
            }
            max = Math.max(max, c[i]);
        }
        int steps = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i - 1] < 0 || c[i] < 0) {
                continue;
            }
            steps++;
            long delta = c[i] - c[i - 1];
            deltas.add(delta);
            long tolerance = (long) Math.floor(FLAT * Math.max(c[i], c[i - 1]));
            if (delta > tolerance) {
                up++;
                lastUpStep = i;
                if (firstFlatAfterUp >= 0 || down > 0) {
                    downAfter = true;
                }
            } else if (delta < -tolerance) {
                down++;
            } else {
                flat++;
                if (up > 0 && firstFlatAfterUp < 0) {
                    firstFlatAfterUp = i;
                }
            }
        }
        String path = path(c);
        boolean bytesGrew = d.shallowBytesDelta().orElse(0) > 0;
        if (steps == 0) {
            return Evidence.of(NAME, Evidence.KIND_TREND, 0, "no two consecutive snapshots show its count");
        }
        if (steps == 1) {
            if (up == 1) {
                return Evidence.of(NAME, Evidence.KIND_TREND, 0.5,
                        "grew in the only step: two snapshots cannot tell steady growth from churn; a third would")
                        .withNumber("steps", 1).withNumber("stepsGrew", 1);
            }
            return Evidence.of(NAME, Evidence.KIND_TREND, bytesGrew ? 0.5 : 0,
                    bytesGrew ? "same count, more bytes: its objects grew in place (a growing array, buffer or string)"
                            : "its count did not grow").withNumber("steps", 1).withNumber("stepsGrew", 0);
        }
        Evidence e;
        if (up == steps) {
            double w = 2.0 + 0.5 * Math.min(2, steps - 2);
            e = Evidence.of(NAME, Evidence.KIND_TREND, w, "grew at each of the " + steps + " steps ("
                    + joinSigned(deltas) + "): steady");
        } else if (up > 0 && down == 0 && firstFlatAfterUp >= 0 && !downAfter) {
            int flatTail = c.length - firstFlatAfterUp;
            boolean decisive = flatTail >= 2 || flatTail >= up;
            String reason = "grew to " + Numbers.count(c[firstFlatAfterUp - 1]) + " by snapshot " + firstFlatAfterUp
                    + ", then stayed flat for " + flatTail + (flatTail == 1 ? " step" : " steps") + " (" + path
                    + "): bounded, like a cache or pool that filled";
            e = decisive ? Evidence.of(NAME, Evidence.KIND_BOUNDED, -4.0, reason + "; not a leak").asDecisive()
                    : Evidence.of(NAME, Evidence.KIND_BOUNDED, -1.5, reason + " (or a leak that paused)");
        } else if (down > 0 && c[c.length - 1] >= 0 && maxBeforeLast >= 0
                && c[c.length - 1] <= maxBeforeLast + (long) Math.floor(FLAT * maxBeforeLast)) {
            e = Evidence.of(NAME, Evidence.KIND_CHURN, -3.0, "went up and down (" + path
                    + "): churn, not accumulation; not a leak").asDecisive();
        } else if (down > 0 && largestDrop(c) >= BULK_DROP) {
            e = Evidence.of(NAME, Evidence.KIND_CHURN, -2.0, "went up and down (" + path + "): it lost "
                    + GrowthHeuristic.percent(largestDrop(c)) + " of its objects at one step, so they are released in bulk;"
                    + " its rise looks like load, not accumulation");
        } else if (up > 0 && c[c.length - 1] == max) {
            e = Evidence.of(NAME, Evidence.KIND_TREND, down > 0 ? 0.5 : 1.0, "grew at " + up + " of " + steps
                    + " steps and ends at its highest (" + path + "): " + (down > 0 ? "noisy growth" : "growth with pauses"));
        } else if (up == 0 && down == 0) {
            e = Evidence.of(NAME, Evidence.KIND_TREND, bytesGrew ? 0.5 : 0, bytesGrew
                    ? "same count at every step, more bytes: its objects grew in place (a growing array, buffer or string)"
                    : "its count did not change");
        } else {
            e = Evidence.of(NAME, Evidence.KIND_TREND, 0, "grew at " + up + " of " + steps + " steps (" + path + ")");
        }
        return e.withNumber("steps", steps).withNumber("stepsGrew", up).withNumber("stepsShrank", down);
    }

    private static java.util.Optional<Evidence> share(Suspect suspect, AnalysisContext context) {
        long total = context.totalCountGrowth();
        OptionalLong cluster = suspect.clusterCountDelta();
        if (total <= 0 || cluster.isEmpty() || cluster.getAsLong() <= 0) {
            return java.util.Optional.empty();
        }
        long mine = cluster.getAsLong();
        double share = (double) mine / total;
        long heap = heapObjects(context);
        double heapShare = heap > 0 ? (double) mine / heap : 1;
        String who = suspect.companions().isEmpty() ? "" : " with its companions";
        double weight;
        String reason;
        if (mine < 10 || heapShare < NEGLIGIBLE) {
            weight = -1.5;
            reason = Numbers.signed(mine) + " objects" + who + ", " + percent(heapShare) + " of the "
                    + Numbers.count(heap) + " objects in the last snapshot: negligible";
        } else if (heapShare < SMALL) {
            weight = -0.5;
            reason = Numbers.signed(mine) + " objects" + who + ", only " + percent(heapShare) + " of the "
                    + Numbers.count(heap) + " objects in the last snapshot";
        } else {
            weight = share >= 0.10 ? 1.0 : share >= 0.02 ? 0.5 : 0;
            reason = Numbers.signed(mine) + " objects" + who + ", " + percent(share) + " of the " + Numbers.count(total)
                    + " objects added in all groups";
            if (heapShare < LARGE && weight > 0.5) {
                weight = 0.5;
                reason += ", but only " + percent(heapShare) + " of the " + Numbers.count(heap) + " objects in the last snapshot";
            }
        }
        return java.util.Optional.of(Evidence.of(NAME, Evidence.KIND_SHARE, weight, reason)
                .withNumber("objects", mine).withNumber("share", round(share)).withNumber("totalGrowth", total)
                .withNumber("heapShare", round(heapShare)));
    }

    /** Below this share of the last snapshot's objects, growth is negligible. */
    static final double NEGLIGIBLE = 0.002;
    /** Below this share of the last snapshot's objects, growth is small. */
    static final double SMALL = 0.01;
    /** From this share of the last snapshot's objects, growth is large whatever else grew. */
    static final double LARGE = 0.05;

    /** The objects in the last snapshot; for an elided listing, the most objects any snapshot showed. */
    private static long heapObjects(AnalysisContext context) {
        var snaps = context.diff().snapshots();
        long last = snaps.get(snaps.size() - 1).totals().count();
        if (snaps.stream().noneMatch(io.github.heapdiff.Snapshot::isPartial)) {
            return last;
        }
        return snaps.stream().mapToLong(x -> x.totals().count()).max().orElse(last);
    }

    private static java.util.Optional<Evidence> retention(GroupDelta d) {
        if (d.identity().isEmpty()) {
            return java.util.Optional.empty();
        }
        IdentityHistory h = d.identity().get();
        if (h.persistentNew().isEmpty() || h.steps().isEmpty()) {
            return java.util.Optional.empty();
        }
        long added = h.steps().get(0).added();
        long persistent = h.persistentNew().getAsLong();
        if (added < 10 || added < 0.1 * d.last().stats().count()) {
            return java.util.Optional.empty();
        }
        double f = (double) persistent / added;
        String base = Numbers.count(persistent) + " of the " + Numbers.count(added)
                + " objects added between snapshots 1 and 2 are still alive in every later snapshot";
        Evidence e;
        if (f >= 0.5) {
            e = Evidence.of(NAME, Evidence.KIND_RETENTION, 1.0, base + ": they accumulate");
        } else if (f <= 0.1) {
            e = Evidence.of(NAME, Evidence.KIND_RETENTION, -1.0, base + ": they are replaced, not kept");
        } else {
            e = Evidence.of(NAME, Evidence.KIND_RETENTION, 0, base);
        }
        return java.util.Optional.of(e.withNumber("added", added).withNumber("persistent", persistent));
    }

    static String path(long[] c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            sb.append(i == 0 ? "" : " -> ").append(c[i] < 0 ? "?" : Numbers.count(c[i]));
        }
        return sb.toString();
    }

    private static String joinSigned(List<Long> deltas) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < deltas.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Numbers.signed(deltas.get(i)));
        }
        return sb.toString();
    }

    static String percent(double share) {
        double p = share * 100;
        return p >= 10 ? String.format(Locale.ROOT, "%.0f%%", p)
                : p >= 0.1 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.2f%%", p);
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
