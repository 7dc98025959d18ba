package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Observation;
import io.github.heapdiff.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds the groups whose growth a candidate explains, so they are folded into its finding.
 *
 * <p><b>With graph facts</b> (V8 and HPROF dumps read with their object graph): B is explained by
 * A when at least half of B's instances are dominated by A's instances, following the owner
 * histograms through intermediate groups ({@code Timer} is owned by {@code TraceSegment}, which is
 * owned by {@code Transaction}). The graph decides alone: proportions are not consulted for a group
 * that has owners.
 *
 * <p><b>Without a graph</b> (listings, histograms): B is explained by A when
 * <ul>
 *   <li>B's growth is close to a small multiple of A's (1/4 to 4 times, within 10%, 15% for a
 *       generic container growing at least as fast), at every step when there are more than two
 *       snapshots; or, over two or more steps, B's growth keeps a steady ratio to A's
 *       (lock-step); and</li>
 *   <li>a link supports it: a property of A names B's type (or the other way round); A and B share
 *       a package ({@code acme.tracing.*}) or a property-name prefix ({@code nr_}); B's count
 *       stayed a small multiple of A's in every snapshot, not only its growth (the populations
 *       match); or B is a generic container ({@code Array}, {@code Object},
 *       {@code java.lang.Object[]}); and</li>
 *   <li>A is the one the others hang off: never a generic container, and ahead of B by
 *       {@linkplain #precedence precedence} (application type before platform type before generic
 *       container, then more properties, then larger objects, then the group whose growth explains
 *       more others).</li>
 * </ul>
 */
final class CompanionHeuristic implements LeakHeuristic {

    static final String NAME = "companions";

    /** Share of a group's instances another must dominate to explain it. */
    static final double DOMINATED = 0.5;
    /** Tolerance of a proportion. */
    static final double TOLERANCE = 0.10;
    /** Tolerance of a proportion for a generic container growing at least as fast as the suspect. */
    static final double GENERIC_TOLERANCE = 0.15;

    private static final double[] MULTIPLES = {0.25, 1.0 / 3, 0.5, 1, 2, 3, 4};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Evidence> explains(GroupDelta a, AnalysisContext context) {
        if (context.position(a.key()).isEmpty()) {
            return List.of();
        }
        List<Evidence> out = new ArrayList<>();
        for (GroupDelta b : context.candidates()) {
            if (b.key().equals(a.key())) {
                continue;
            }
            Optional<GroupFacts> factsB = context.facts(b.key());
            if (factsB.isPresent() && !factsB.get().owners().isEmpty()) {
                boolean genericA = TypeNames.isGeneric(a.key().type());
                boolean genericB = TypeNames.isGeneric(b.key().type());
                double share = genericA && !genericB ? 0 : dominatedShare(b.key(), a.key(), context, new HashSet<>(), 0);
                if (!genericA && genericB) {
                    Optional<Evidence> holds = containers(a, b, context);
                    if (holds.isPresent()) {
                        out.add(holds.get());
                        continue;
                    }
                }
                if (share >= DOMINATED) {
                    out.add(Evidence.of(NAME, Evidence.KIND_COMPANION, 0, GrowthHeuristic.percent(share)
                            + " of its objects are held through " + a.key().type() + " objects (object graph)")
                            .withGroup(b.key()).withNumber("dominatedShare", GrowthHeuristic.round(share)));
                } else {
                    sameHolder(a, b, context).ifPresent(out::add);
                }
                continue;
            }
            if (TypeNames.isGeneric(a.key().type()) || precedence(context).compare(a, b) >= 0) {
                continue;
            }
            Optional<Proportion> p = proportion(a, b);
            if (p.isEmpty()) {
                continue;
            }
            Optional<Link> link = link(a, b);
            if (link.isEmpty() || !strongEnough(a, p.get(), link.get(), context)) {
                continue;
            }
            out.add(Evidence.of(NAME, Evidence.KIND_COMPANION, 0, p.get().describe(a, b) + "; " + link.get().text())
                    .withGroup(b.key()).withNumber("ratio", GrowthHeuristic.round(p.get().ratio()))
                    .withNumber("genericLinkOnly", link.get().kind() == LinkKind.GENERIC ? 1 : 0));
        }
        return out;
    }

    /**
     * B is explained by A when the object holding most of B is the very object holding most of A (the same
     * accumulation point in the last snapshot) and A comes first by precedence: both grow inside one structure,
     * whose main content is A (a Map of transactions also holds its own growing table arrays).
     */
    private static Optional<Evidence> sameHolder(GroupDelta a, GroupDelta b, AnalysisContext context) {
        int last = context.snapshotCount() - 1;
        Optional<GroupFacts> fa = context.group(a.key(), last).flatMap(io.github.heapdiff.ObjectGroup::facts);
        Optional<GroupFacts> fb = context.group(b.key(), last).flatMap(io.github.heapdiff.ObjectGroup::facts);
        if (fa.isEmpty() || fb.isEmpty() || fa.get().accumulationPoints().isEmpty()
                || precedence(context).compare(a, b) >= 0
                || dominatedShare(a.key(), b.key(), context, new HashSet<>(), 0) >= DOMINATED) {
            return Optional.empty();
        }
        GroupFacts.AccumulationPoint pa = fa.get().accumulationPoints().get(0);
        if (fb.get().accumulationPoints().isEmpty()) {
            return holderTypeOwned(a, b, pa, fb.get());
        }
        GroupFacts.AccumulationPoint pb = fb.get().accumulationPoints().get(0);
        long countB = b.last().stats().count();
        if (pa.objectId() != pb.objectId() || countB <= 0 || pb.instances() * 2 < countB) {
            return Optional.empty();
        }
        return Optional.of(Evidence.of(NAME, Evidence.KIND_COMPANION, 0, GrowthHeuristic.percent((double) pb.instances()
                / countB) + " of its objects are held by " + pb.type() + " @" + pb.objectId() + ", which also holds "
                + a.key().type() + "'s growth (object graph)")
                .withGroup(b.key()).withNumber("heldShare", GrowthHeuristic.round((double) pb.instances() / countB)));
    }

    /**
     * A generic B with no accumulation point of its own (strings used as map keys) whose growth is mostly held
     * by objects of the holder's type: most of what B added is owned by, say, {@code Map} objects, and a
     * {@code Map} holds A's growth.
     */
    private static Optional<Evidence> holderTypeOwned(GroupDelta a, GroupDelta b, GroupFacts.AccumulationPoint pa,
            GroupFacts fb) {
        long grew = b.countDelta().orElse(0);
        if (!TypeNames.isGeneric(b.key().type()) || grew <= 0) {
            return Optional.empty();
        }
        for (GroupFacts.Owner o : fb.owners()) {
            if (o.owner().type().equals(pa.type()) && o.instances() * 2 >= grew) {
                return Optional.of(Evidence.of(NAME, Evidence.KIND_COMPANION, 0, Numbers.count(o.instances())
                        + " of its objects are held by " + pa.type() + " objects, as much as "
                        + GrowthHeuristic.percent(Math.min(1.0, (double) o.instances() / grew)) + " of its growth, and "
                        + a.key().type() + "'s growth is held by " + pa.type() + " @" + pa.objectId() + " (object graph)")
                        .withGroup(b.key()).withNumber("ownedByHolderType", o.instances()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Evidence> examine(Suspect suspect, AnalysisContext context) {
        if (suspect.companions().isEmpty()) {
            return List.of();
        }
        long added = 0;
        StringBuilder names = new StringBuilder();
        int shown = 0;
        for (Companion c : suspect.companions()) {
            added += Math.max(0, c.delta().countDelta().orElse(0));
            if (shown < 3) {
                names.append(shown == 0 ? "" : ", ").append(c.key().render());
                shown++;
            }
        }
        if (suspect.companions().size() > shown) {
            names.append(" and ").append(suspect.companions().size() - shown).append(" more");
        }
        int n = suspect.companions().size();
        boolean strong = suspect.companions().stream()
                .anyMatch(c -> c.evidence().numbers().getOrDefault("genericLinkOnly", 0).intValue() == 0);
        return List.of(Evidence.of(NAME, Evidence.KIND_COMPANIONS, strong ? 1.0 : 0.5, "explains the growth of " + n
                + (n == 1 ? " other group" : " other groups") + " (" + Numbers.signed(added) + " objects): " + names)
                .withNumber("companions", n).withNumber("objects", added));
    }

    /**
     * The share of {@code b}'s instances (last snapshot) dominated by instances of {@code a}, directly or
     * through intermediate owner groups; instances owned by {@code b} itself are distributed like the rest.
     */
    static double dominatedShare(GroupKey b, GroupKey a, AnalysisContext context, Set<String> visiting, int depth) {
        if (b.type().equals(a.type())) {
            return typeShare(a, context);
        }
        if (depth > 8 || !visiting.add(b.type())) {
            return 0;
        }
        try {
            Optional<GroupFacts> facts = context.facts(b);
            if (facts.isEmpty()) {
                return 0;
            }
            long self = 0;
            long listed = 0;
            for (GroupFacts.Owner o : facts.get().owners()) {
                if (o.owner().type().equals(b.type())) {
                    self += o.instances();
                } else {
                    listed += o.instances();
                }
            }
            long count = lastCount(b, context);
            long denominator = Math.max(listed, count - self);
            if (denominator <= 0) {
                return 0;
            }
            double share = 0;
            for (GroupFacts.Owner o : facts.get().owners()) {
                if (o.owner().type().equals(b.type())) {
                    continue;
                }
                double part = (double) o.instances() / denominator;
                share += part * (o.owner().type().equals(a.type()) ? typeShare(a, context)
                        : dominatedShare(o.owner(), a, context, visiting, depth + 1));
            }
            return Math.min(1.0, share);
        } finally {
            visiting.remove(b.type());
        }
    }

    /**
     * How much of its type's growth {@code a} accounts for: owners are counted by type, so in a diff grouped by
     * shape an owner {@code Object} is credited to one {@code Object} group only in proportion to its growth.
     */
    static double typeShare(GroupKey a, AnalysisContext context) {
        if (a.shape().isEmpty()) {
            return 1.0;
        }
        return context.memo("companions.typeShare", a, () -> {
            long mine = 0;
            long all = 0;
            for (GroupDelta d : context.diff().deltas()) {
                if (d.key().type().equals(a.type())) {
                    long delta = Math.max(0, d.countDelta().orElse(0));
                    all += delta;
                    if (d.key().equals(a)) {
                        mine = delta;
                    }
                }
            }
            return all == 0 ? 0.0 : (double) mine / all;
        });
    }

    /**
     * With graph facts, a generic container B (closures, arrays) whose objects hold most of A's objects, and
     * which grew no more than a few per A object, is folded into A's finding: A is what is kept, B what keeps it
     * (an event listener's closures keeping request contexts).
     */
    private static Optional<Evidence> containers(GroupDelta a, GroupDelta b, AnalysisContext context) {
        double held = dominatedShare(a.key(), b.key(), context, new HashSet<>(), 0);
        long da = a.countDelta().orElse(0);
        long db = b.countDelta().orElse(0);
        if (held < DOMINATED || da <= 0 || db <= 0 || db > 4 * da) {
            return Optional.empty();
        }
        return Optional.of(Evidence.of(NAME, Evidence.KIND_COMPANION, 0, "its objects hold "
                + GrowthHeuristic.percent(held) + " of the " + a.key().type() + " objects (object graph) and grew "
                + times((double) db / da) + " as much")
                .withGroup(b.key()).withNumber("holdsShare", GrowthHeuristic.round(held)));
    }

    private static long lastCount(GroupKey key, AnalysisContext context) {
        for (int i = context.snapshotCount() - 1; i >= 0; i--) {
            var g = context.group(key, i);
            if (g.isPresent()) {
                return g.get().count();
            }
        }
        return 0;
    }

    /**
     * The order in which groups are preferred as the suspect of a cluster: application types, then
     * platform types, then generic containers; then more properties, larger objects, more groups
     * explained, fewer objects added; then key.
     */
    static Comparator<GroupDelta> precedence(AnalysisContext context) {
        return Comparator.comparingInt((GroupDelta d) -> tier(d.key().type()))
                .thenComparing((x, y) -> compareProperties(x.key(), y.key()))
                .thenComparing((x, y) -> compareObjectSize(x, y))
                .thenComparing(Comparator.comparingInt((GroupDelta d) -> hub(d, context)).reversed())
                .thenComparingLong(d -> d.countDelta().orElse(Long.MAX_VALUE))
                .thenComparing(GroupDelta::key);
    }

    /** 0 for an application type, 1 for a platform type that is not generic, 2 for a generic container or value. */
    static int tier(String type) {
        if (TypeNames.isGeneric(type)) {
            return 2;
        }
        return TypeNames.isJavaPlatform(type) ? 1 : 0;
    }

    private static int compareProperties(GroupKey x, GroupKey y) {
        if (x.shape().isEmpty() || y.shape().isEmpty()) {
            return 0;
        }
        return Integer.compare(y.shape().get().propertyCount(), x.shape().get().propertyCount());
    }

    private static int compareObjectSize(GroupDelta x, GroupDelta y) {
        double sx = objectSize(x);
        double sy = objectSize(y);
        if (Double.isNaN(sx) || Double.isNaN(sy) || Math.abs(sx - sy) <= 0.05 * Math.max(sx, sy)) {
            return 0;
        }
        return Double.compare(sy, sx);
    }

    private static double objectSize(GroupDelta d) {
        Observation o = d.last();
        OptionalLong bytes = o.shallowBytes();
        long count = o.count().orElse(0);
        return bytes.isPresent() && count > 0 ? (double) bytes.getAsLong() / count : Double.NaN;
    }

    /** How many other candidates grow in proportion to {@code d} with a link: how much hangs off it. */
    private static int hub(GroupDelta d, AnalysisContext context) {
        return context.memo("companions.hub", d.key(), () -> {
            int n = 0;
            for (GroupDelta b : context.candidates()) {
                if (!b.key().equals(d.key()) && proportion(d, b).isPresent() && link(d, b).isPresent()) {
                    n++;
                }
            }
            return n;
        });
    }

    /**
     * One step (two snapshots) at a multiple other than 1, supported only by B being a generic
     * container, is a coincidence too easily: it counts only when A is a large part of the growth
     * (at least {@value #LARGE_SHARE} of all objects added), since a generic container's growth is
     * more likely owed to a large grower than to a small one.
     */
    private static boolean strongEnough(GroupDelta a, Proportion p, Link link, AnalysisContext context) {
        if (p.steps() > 1 || !p.multiple() || nearestMultiple(p.ratio()) == 1 || link.kind() != LinkKind.GENERIC) {
            return true;
        }
        return a.countDelta().orElse(0) >= LARGE_SHARE * context.totalCountGrowth();
    }

    /** See {@link #strongEnough}. */
    static final double LARGE_SHARE = 0.05;

    /** What supports a companion besides its proportion. */
    enum LinkKind { PROPERTY, PACKAGE, PREFIX, POPULATION, GENERIC }

    /** A link and its description. */
    record Link(LinkKind kind, String text) {
    }

    /** How B's growth relates to A's. */
    record Proportion(double ratio, boolean multiple, int steps, String stepRatios) {
        String describe(GroupDelta a, GroupDelta b) {
            String base = "grew " + times(ratio) + " " + a.key().type() + "'s growth (" + Numbers.signed(b.countDelta())
                    + " vs " + Numbers.signed(a.countDelta()) + ")";
            if (steps > 1) {
                return base + (multiple ? " at every step (" : " in lock-step (") + stepRatios + ")";
            }
            int kept = stepRatios.indexOf("; counts ");
            return kept >= 0 ? base + ", and its count kept " + stepRatios.substring(kept + 9) : base;
        }
    }

    static String times(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    /** Returns how {@code b}'s growth is in proportion to {@code a}'s, if it is. */
    static Optional<Proportion> proportion(GroupDelta a, GroupDelta b) {
        OptionalLong da = a.countDelta();
        OptionalLong db = b.countDelta();
        if (da.isEmpty() || db.isEmpty() || da.getAsLong() <= 0 || db.getAsLong() <= 0) {
            return Optional.empty();
        }
        double r = (double) db.getAsLong() / da.getAsLong();
        double k = nearestMultiple(r);
        double tolerance = TypeNames.isGeneric(b.key().type()) && k >= 1 ? GENERIC_TOLERANCE : TOLERANCE;
        long[] ca = a.counts();
        long[] cb = b.counts();
        List<Double> ratios = new ArrayList<>();
        boolean stepsFit = true;
        int steps = 0;
        for (int i = 1; i < ca.length; i++) {
            if (ca[i - 1] < 0 || ca[i] < 0 || cb[i - 1] < 0 || cb[i] < 0) {
                continue;
            }
            steps++;
            long sa = ca[i] - ca[i - 1];
            long sb = cb[i] - cb[i - 1];
            if (sa <= 0) {
                stepsFit &= Math.abs(sb) <= Math.max(2, 0.01 * cb[i]);
                ratios.add(Double.NaN);
                continue;
            }
            double step = (double) sb / sa;
            ratios.add(step);
            stepsFit &= Math.abs(step / k - 1) <= tolerance * 1.5;
        }
        String stepText = stepRatios(ratios);
        if (Math.abs(r / k - 1) <= tolerance && (steps <= 1 || stepsFit)) {
            return Optional.of(new Proportion(r, true, steps, stepText));
        }
        Optional<Double> kept = keptRatio(ca, cb, r);
        if (kept.isPresent()) {
            return Optional.of(new Proportion(r, false, steps, stepText + "; counts " + times(kept.get())
                    + " in every snapshot"));
        }
        if (steps >= 2 && ratios.stream().noneMatch(x -> Double.isNaN(x))) {
            double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            if (mean >= 1.0 / 8 && mean <= 8 && ratios.stream().allMatch(x -> Math.abs(x / mean - 1) <= tolerance)) {
                return Optional.of(new Proportion(mean, false, steps, stepText));
            }
        }
        return Optional.empty();
    }

    /** Tolerance of a ratio kept in every snapshot and in the growth. */
    static final double KEPT_TOLERANCE = 0.05;

    /**
     * The ratio of B's count to A's when it is the same (within {@value #KEPT_TOLERANCE}) in every snapshot and
     * in the growth: the two populations move together whatever the ratio is.
     */
    private static Optional<Double> keptRatio(long[] ca, long[] cb, double growthRatio) {
        List<Double> q = new ArrayList<>();
        for (int i = 0; i < ca.length; i++) {
            if (ca[i] <= 0 || cb[i] < 0) {
                return Optional.empty();
            }
            q.add((double) cb[i] / ca[i]);
        }
        q.add(growthRatio);
        double mean = q.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean < 1.0 / 8 || mean > 8) {
            return Optional.empty();
        }
        for (double x : q) {
            if (Math.abs(x / mean - 1) > KEPT_TOLERANCE) {
                return Optional.empty();
            }
        }
        return Optional.of(mean);
    }

    private static String stepRatios(List<Double> ratios) {
        StringBuilder sb = new StringBuilder();
        for (Double x : ratios) {
            sb.append(sb.length() == 0 ? "" : ", ").append(x.isNaN() ? "flat" : times(x));
        }
        return sb.toString();
    }

    static double nearestMultiple(double r) {
        double best = 1;
        double bestDistance = Double.MAX_VALUE;
        for (double k : MULTIPLES) {
            double distance = Math.abs(Math.log(r / k));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    /** The link that supports {@code a} explaining {@code b}, described; empty when none. */
    static Optional<Link> link(GroupDelta a, GroupDelta b) {
        GroupKey ka = a.key();
        GroupKey kb = b.key();
        Optional<String> property = namingProperty(ka, kb);
        if (property.isPresent()) {
            return Optional.of(new Link(LinkKind.PROPERTY,
                    "linked: " + ka.type() + " has a property '" + property.get() + "' naming " + kb.type()));
        }
        Optional<String> back = namingProperty(kb, ka);
        if (back.isPresent()) {
            return Optional.of(new Link(LinkKind.PROPERTY,
                    "linked: " + kb.type() + " has a property '" + back.get() + "' naming " + ka.type()));
        }
        if (!TypeNames.isJavaPlatform(ka.type()) && !TypeNames.isJavaPlatform(kb.type())
                && TypeNames.sharedPackageSegments(ka.type(), kb.type()) >= 2) {
            return Optional.of(new Link(LinkKind.PACKAGE,
                    "linked: same package " + TypeNames.javaPackage(kb.type()).orElse("")));
        }
        Optional<String> prefix = sharedPropertyPrefix(ka, kb);
        if (prefix.isPresent()) {
            return Optional.of(new Link(LinkKind.PREFIX, "linked: both have properties starting '" + prefix.get() + "'"));
        }
        Optional<String> population = matchedPopulation(a, b);
        if (population.isPresent()) {
            return Optional.of(new Link(LinkKind.POPULATION, population.get()));
        }
        if (TypeNames.isGeneric(kb.type())) {
            return Optional.of(new Link(LinkKind.GENERIC, "linked: " + TypeNames.plain(kb.type()) + " is a generic container"));
        }
        return Optional.empty();
    }

    private static Optional<String> namingProperty(GroupKey owner, GroupKey target) {
        if (owner.shape().isEmpty()) {
            return Optional.empty();
        }
        String t = TypeNames.normalized(TypeNames.simpleName(target.type()));
        if (t.length() < 3) {
            return Optional.empty();
        }
        for (String name : owner.shape().get().names()) {
            String n = TypeNames.normalized(name);
            if (n.equals(t) || n.equals(t + "s")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sharedPropertyPrefix(GroupKey a, GroupKey b) {
        if (a.shape().isEmpty() || b.shape().isEmpty()) {
            return Optional.empty();
        }
        Set<String> prefixes = new HashSet<>();
        for (String n : names(a.shape().get())) {
            TypeNames.namePrefix(n).ifPresent(prefixes::add);
        }
        for (String n : names(b.shape().get())) {
            Optional<String> p = TypeNames.namePrefix(n);
            if (p.isPresent() && prefixes.contains(p.get())) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static List<String> names(Shape s) {
        return s.names();
    }

    /** B's count is close to the same small multiple of A's in every snapshot where both are known (at least two). */
    private static Optional<String> matchedPopulation(GroupDelta a, GroupDelta b) {
        long[] ca = a.counts();
        long[] cb = b.counts();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ca.length; i++) {
            if (ca[i] > 0 && cb[i] >= 0) {
                ratios.add((double) cb[i] / ca[i]);
            }
        }
        if (ratios.size() < 2 || ratios.size() < ca.length) {
            return Optional.empty();
        }
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean <= 0) {
            return Optional.empty();
        }
        double k = nearestMultiple(mean);
        for (double q : ratios) {
            if (Math.abs(q / k - 1) > TOLERANCE) {
                return Optional.empty();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (double q : ratios) {
            sb.append(sb.length() == 0 ? "" : ", ").append(times(q));
        }
        return Optional.of("linked: its count stayed " + (k == 1 ? "about equal to " : "about " + times(k) + " ")
                + a.key().type() + "'s in every snapshot (" + sb + ")");
    }
}
