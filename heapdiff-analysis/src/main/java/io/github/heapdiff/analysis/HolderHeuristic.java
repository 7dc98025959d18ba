package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.ObjectGroup;
import java.util.List;
import java.util.Optional;

/**
 * Names what holds a suspect's growth, where the snapshots carry graph facts: the accumulation
 * point (the single object that retains most of the group) and its retainer path from a GC root,
 * with field or property names, and how its retained size changed across the snapshots.
 *
 * <p>The suspect's own accumulation point is preferred; when it has none, the first companion's.
 * Without graph facts this heuristic says nothing.
 */
final class HolderHeuristic implements LeakHeuristic {

    static final String NAME = "holder";

    /** A holder whose retained size grew by less than this factor since the first snapshot is not accumulating. */
    static final double HOLDER_GROWTH = 1.10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Evidence> examine(Suspect suspect, AnalysisContext context) {
        for (GroupDelta member : suspect.members()) {
            Optional<Evidence> e = holder(member, context);
            if (e.isPresent()) {
                return List.of(e.get());
            }
        }
        return List.of();
    }

    private static Optional<Evidence> holder(GroupDelta d, AnalysisContext context) {
        int last = context.snapshotCount() - 1;
        Optional<GroupFacts> facts = context.group(d.key(), last).flatMap(ObjectGroup::facts);
        if (facts.isEmpty() || facts.get().accumulationPoints().isEmpty()) {
            return Optional.empty();
        }
        GroupFacts.AccumulationPoint p = facts.get().accumulationPoints().get(0);
        long count = d.last().stats().count();
        double share = count > 0 ? Math.min(1.0, (double) p.instances() / count) : 0;
        StringBuilder reason = new StringBuilder("held by ").append(p.type()).append(" @").append(p.objectId())
                .append(" (retains ").append(Numbers.bytes(p.retainedBytes()));
        Optional<Long> before = earlierRetained(d, p.objectId(), context);
        before.ifPresent(b -> reason.append(", up from ").append(Numbers.bytes(b)).append(" in snapshot 1"));
        reason.append("; ").append(Numbers.count(p.instances())).append(" of the ").append(Numbers.count(count))
                .append(' ').append(d.key().type()).append(" objects)");
        p.path().ifPresent(path -> reason.append(": ").append(path.render()));
        double weight = share >= 0.5 ? 1.5 : 0.5;
        if (before.isPresent() && before.get() > 0 && p.retainedBytes() < before.get() * HOLDER_GROWTH) {
            weight = 0;
            reason.append("; the holder hardly grew, so it holds a steady amount rather than accumulating");
        }
        Evidence e = Evidence.of(NAME, Evidence.KIND_HOLDER, weight, reason.toString())
                .withGroup(d.key())
                .withNumber("objectId", p.objectId())
                .withNumber("instances", p.instances())
                .withNumber("retainedBytes", p.retainedBytes())
                .withNumber("share", GrowthHeuristic.round(share));
        if (before.isPresent()) {
            e = e.withNumber("retainedBytesFirst", before.get());
        }
        if (p.path().isPresent()) {
            e = e.withPath(p.path().get());
        }
        return Optional.of(e);
    }

    /** The retained size of the same object in the first snapshot, where object ids survive between snapshots. */
    private static Optional<Long> earlierRetained(GroupDelta d, long objectId, AnalysisContext context) {
        if (!context.diff().isIdentityTracked() || context.snapshotCount() < 2) {
            return Optional.empty();
        }
        return context.group(d.key(), 0).flatMap(ObjectGroup::facts)
                .flatMap(f -> f.accumulationPoints().stream().filter(p -> p.objectId() == objectId).findFirst())
                .map(GroupFacts.AccumulationPoint::retainedBytes);
    }
}
