package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.RankedDiff;
import io.github.heapdiff.RetainerPath;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeuristicsTest {

    /** Snapshots of one program with the given counts per type, one column per snapshot. */
    private static List<Snapshot> series(Map<String, long[]> counts) {
        int n = counts.values().iterator().next().length;
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Snapshot.Builder b = Snapshot.builder(SnapshotSource.of("s" + (i + 1), "test"));
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                if (e.getValue()[i] > 0) {
                    b.add(GroupKey.of(e.getKey()), GroupStats.ofCount(e.getValue()[i]));
                }
            }
            out.add(b.build());
        }
        return out;
    }

    private static LeakReport report(List<Snapshot> s) {
        return HeapDiff.of(s).rank(Rankings.composite()).attribute(Heuristics.defaults());
    }

    private static Finding finding(LeakReport r, String type) {
        return r.findings().stream().filter(f -> f.group().key().type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " is not a finding of " + r.findings()));
    }

    @Test
    void a_cache_that_filled_once_and_stayed_flat_is_not_a_leak_with_the_reason() {
        LeakReport r = report(series(Map.of(
                "CacheEntry", new long[] {0, 5000, 5000, 5000},
                "Config", new long[] {9000, 9000, 9000, 9000},
                "Noise", new long[] {40000, 41000, 40500, 40800})));
        Finding f = finding(r, "CacheEntry");
        assertEquals(Verdict.NOT_A_LEAK, f.verdict());
        Evidence e = f.evidence(Evidence.KIND_BOUNDED).orElseThrow();
        assertTrue(e.decisive(), e.toString());
        assertTrue(e.reason().contains("grew to 5,000 by snapshot 2, then stayed flat for 2 steps"), e.reason());
    }

    @Test
    void a_group_that_went_up_and_down_is_not_a_leak() {
        LeakReport r = report(series(Map.of(
                "Job", new long[] {100, 5000, 2000},
                "Config", new long[] {9000, 9000, 9000})));
        Finding f = finding(r, "Job");
        assertEquals(Verdict.NOT_A_LEAK, f.verdict());
        assertTrue(f.evidence(Evidence.KIND_CHURN).orElseThrow().reason().contains("100 -> 5,000 -> 2,000"));
        assertFalse(r.hasLikelyLeak());
    }

    @Test
    void steady_growth_over_three_snapshots_is_a_likely_leak_with_growth_per_hour() {
        List<Snapshot> s = series(Map.of(
                "Session", new long[] {1000, 4000, 7000},
                "Config", new long[] {9000, 9000, 9000},
                "Other", new long[] {20000, 20100, 19900}));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Snapshot> timed = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            Snapshot.Builder b = Snapshot.builder(s.get(i).source().withCaptureTime(t0.plusSeconds(3600L * i)));
            s.get(i).groups().forEach(b::add);
            timed.add(b.build());
        }
        LeakReport r = report(timed);
        Finding f = r.findings().get(0);
        assertEquals("Session", f.group().key().type());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        Evidence growth = f.evidence(Evidence.KIND_GROWTH).orElseThrow();
        assertEquals(3000.0, growth.numbers().get("perHour").doubleValue());
        assertTrue(growth.reason().contains("+3,000 per hour over 2.0 h"), growth.reason());
        assertTrue(f.evidence(Evidence.KIND_TREND).orElseThrow().reason().contains("steady"));
        RankedDiff perHour = HeapDiff.of(timed).rank(Rankings.growthPerHour());
        assertEquals(3000.0, perHour.entries().get(0).score());
    }

    @Test
    void nothing_stable_is_warned_about() {
        LeakReport r = report(series(Map.of("A", new long[] {1000, 2000}, "B", new long[] {500, 900})));
        assertTrue(r.controls().isEmpty());
        assertTrue(r.warnings().stream().anyMatch(w -> w.reason().startsWith("no large group has the same count")),
                r.warnings().toString());
    }

    @Test
    void a_heap_that_shrank_is_warned_about() {
        LeakReport r = report(series(Map.of("A", new long[] {10000, 2000}, "B", new long[] {500, 900},
                "C", new long[] {400, 400})));
        assertTrue(r.warnings().stream().anyMatch(w -> w.reason().startsWith("the heap shrank")), r.warnings().toString());
    }

    @Test
    void a_diff_of_a_snapshot_with_itself_has_no_finding() {
        Snapshot s = Fixtures.foundingBefore();
        LeakReport r = s.diff(s).rank(Rankings.composite()).attribute(Heuristics.defaults());
        assertTrue(r.findings().isEmpty());
        assertFalse(r.hasLikelyLeak());
        assertEquals(14, r.controls().size(), "every group of at least 100 objects vouches");
    }

    /**
     * The V8 corpus's story as a graph reader distils it: Transaction objects held by one Map, each owning
     * TraceSegments, which own Timers; the suspect is the group the others hang off, held by the Map.
     */
    @Test
    void with_graph_facts_the_dominating_group_is_the_suspect_and_its_holder_has_a_retainer_path() {
        GroupKey tx = GroupKey.of("Transaction");
        GroupKey seg = GroupKey.of("TraceSegment");
        GroupKey timer = GroupKey.of("Timer");
        GroupKey map = GroupKey.of("Map");
        RetainerPath path = new RetainerPath(List.of(new RetainerPath.Step("(GC roots)", "(Global handles)", 1),
                new RetainerPath.Step("context", "system / Context", 20),
                new RetainerPath.Step("activeTransactions", "Map", 300)));
        long[] txs = {185, 1972, 3784};
        long[] segs = {740, 7955, 15444};
        long[] timers = {925, 9927, 19228};
        long[] retained = {439_232, 4_816_952, 9_237_528};
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Snapshot.Builder b = Snapshot.builder(SnapshotSource.of("leak-" + (i + 1), "v8-heapsnapshot"));
            GroupFacts txFacts = new GroupFacts(List.of(new GroupFacts.Owner(map, txs[i], retained[i])),
                    List.of(new GroupFacts.AccumulationPoint(300, "Map", txs[i], retained[i], Optional.of(path))),
                    Optional.of(path));
            GroupFacts segFacts = new GroupFacts(List.of(
                    new GroupFacts.Owner(seg, segs[i] - txs[i], 0), new GroupFacts.Owner(tx, txs[i], 0)),
                    List.of(new GroupFacts.AccumulationPoint(300, "Map", segs[i], retained[i], Optional.of(path))),
                    Optional.empty());
            GroupFacts timerFacts = new GroupFacts(List.of(
                    new GroupFacts.Owner(seg, segs[i], 0), new GroupFacts.Owner(tx, txs[i], 0)), List.of(), Optional.empty());
            b.add(new ObjectGroup(tx, GroupStats.of(txs[i], txs[i] * 48, retained[i] - 1000), List.of(), Optional.empty(),
                    Optional.of(txFacts), ObjectIds.empty()));
            b.add(new ObjectGroup(seg, GroupStats.of(segs[i], segs[i] * 80), List.of(), Optional.empty(),
                    Optional.of(segFacts), ObjectIds.empty()));
            b.add(new ObjectGroup(timer, GroupStats.of(timers[i], timers[i] * 40), List.of(), Optional.empty(),
                    Optional.of(timerFacts), ObjectIds.empty()));
            b.add(new ObjectGroup(map, GroupStats.of(40, 40 * 32, 1_200_000), List.of(), Optional.empty(),
                    Optional.of(GroupFacts.NONE), ObjectIds.empty()));
            b.add(GroupKey.of("Genre"), GroupStats.of(8775, 8775 * 32));
            snaps.add(b.build());
        }
        LeakReport r = report(snaps);
        assertEquals(1, r.findings().stream().filter(f -> f.verdict() != Verdict.NOT_A_LEAK).count(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals("Transaction", f.group().key().type(), "the group the others hang off");
        assertEquals(List.of("Timer", "TraceSegment"), f.companions().stream().map(c -> c.key().type()).sorted().toList());
        assertTrue(f.companions().stream().allMatch(c -> c.evidence().reason().contains("(object graph)")));
        Evidence holder = f.holder().orElseThrow();
        assertTrue(holder.reason().startsWith("held by Map @300"), holder.reason());
        assertEquals("[(GC roots)] (Global handles) --context--> system / Context --activeTransactions--> Map",
                holder.path().orElseThrow().render());
        assertEquals(Verdict.LIKELY_LEAK, f.verdict());
        assertEquals(Confidence.HIGH, f.confidence());
        assertTrue(ReportWriter.text().toString(r).contains("activeTransactions -> Map @300"));
    }

    @Test
    void a_heuristic_can_be_used_alone() {
        HeapDiff diff = Fixtures.foundingBefore().diff(Fixtures.foundingAfter());
        RankedDiff ranked = diff.rank(Rankings.byCountGrowth());
        AnalysisContext context = AnalysisContext.of(ranked);
        var ts = diff.deltas().stream().filter(d -> d.key().type().equals("TraceSegment")).findFirst().orElseThrow();
        List<Evidence> companions = Heuristics.companions().explains(ts, context);
        assertEquals(3, companions.size(), companions.toString());
        List<Evidence> growth = Heuristics.growth().examine(Suspect.of(ts), context);
        assertEquals(Evidence.KIND_GROWTH, growth.get(0).kind());
        LeakReport onlyGrowth = ranked.attribute(Heuristics.of(Heuristics.growth()));
        assertEquals(List.of("growth"), onlyGrowth.heuristics());
        assertTrue(onlyGrowth.findings().stream().allMatch(f -> f.companions().isEmpty()));
        assertEquals(List.of("growth", "companions", "controls", "holder"),
                Heuristics.defaults().without("origin").heuristics().stream().map(LeakHeuristic::name).toList());
    }
}
