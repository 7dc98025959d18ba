package io.github.heapdiff.formats.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.IdentityCheck;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ObjectIds;
import io.github.heapdiff.Origin;
import io.github.heapdiff.Shape;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.graph.HeapGraph;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every layout V8 has written reads to the same snapshot. The expectations are worked out by hand
 * on {@link SnapshotText#leak}: 24 nodes; the context holds a Map whose table holds three
 * transactions with four segments (one nested in another); a Cache only weakly held; a WeakMap
 * value held by its key (the table's edge does not retain).
 */
class V8LayoutTest {

    static final SnapshotLoader LOADER = SnapshotLoader.of(new V8HeapSnapshotReader());

    /** The leak snapshot with its root written last. */
    static SnapshotText rootLast(SnapshotText s) {
        return SnapshotText.leak(s).reversed();
    }

    static Stream<Arguments> layouts() {
        Map<String, Supplier<SnapshotText>> m = new LinkedHashMap<>();
        m.put("seven node fields (trace_node_id, detachedness)", () -> SnapshotText.leak(new SnapshotText()));
        m.put("six node fields (trace_node_id)", () -> SnapshotText.leak(new SnapshotText()
                .nodeFields("type", "name", "id", "self_size", "edge_count", "trace_node_id")));
        m.put("five node fields", () -> SnapshotText.leak(new SnapshotText()
                .nodeFields("type", "name", "id", "self_size", "edge_count")));
        m.put("fields in another order", () -> SnapshotText.leak(new SnapshotText()
                .nodeFields("detachedness", "edge_count", "self_size", "id", "name", "type")
                .edgeFields("to_node", "type", "name_or_index")));
        m.put("type lists in another order and longer", () -> SnapshotText.leak(new SnapshotText()
                .nodeTypes("object", "synthetic", "hidden", "array", "string", "code", "closure", "regexp", "number",
                        "native", "concatenated string", "sliced string", "symbol", "bigint", "object shape",
                        "wasm object", "some future type")
                .edgeTypes("weak", "shortcut", "hidden", "internal", "property", "element", "context", "future")));
        m.put("root last, named by root_index", () -> rootLast(new SnapshotText()));
        m.put("locations, samples and trace function infos", () -> SnapshotText.leak(new SnapshotText()
                .withLocations().withSamples().withTraceFunctionInfos()));
        m.put("no node_count or edge_count", () -> SnapshotText.leak(new SnapshotText().withoutCounts()));
        m.put("an unknown section", () -> SnapshotText.leak(new SnapshotText()
                .withExtraSection(",\n\"future\":{\"a\":[1,2.5,-3e4,\"x\\\"y\",true,false,null,{}],\"b\":[]}")));
        m.put("whitespace around numbers", () -> SnapshotText.leak(new SnapshotText().separatedBy(" ,\r\n\t ")));
        return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().get().bytes()));
    }

    static Snapshot read(byte[] bytes, SnapshotLoader loader) {
        return loader.read(new ByteArrayInputStream(bytes), "leak.heapsnapshot");
    }

    static ObjectGroup group(Snapshot s, String type) {
        return s.group(GroupKey.of(type)).orElseThrow(() -> new AssertionError("no group " + type + " in " + s.groups()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void every_layout_reads_to_the_same_groups_and_retained_sizes(String layout, byte[] bytes) {
        Snapshot s = read(bytes, LOADER);
        Map<String, GroupStats> expected = new LinkedHashMap<>();
        expected.put("TraceSegment", GroupStats.of(4, 512, 512));
        expected.put("Transaction", GroupStats.of(3, 264, 936));
        expected.put("Timer", GroupStats.of(2, 160, 160));
        expected.put("Map", GroupStats.of(1, 32, 1188));
        expected.put("Object", GroupStats.of(1, 40, 40));
        expected.put("Cache", GroupStats.of(1, 24, 24));
        expected.put("Key", GroupStats.of(1, 16, 32));
        expected.put("Value", GroupStats.of(1, 16, 16));
        expected.put("system / Context", GroupStats.of(1, 40, 1268));
        expected.put("(string)", GroupStats.of(1, 48, 48));
        expected.put("(closure)", GroupStats.of(1, 64, 264));
        expected.put("(compiled code)", GroupStats.of(2, 200, 200));
        expected.put("(object shape)", GroupStats.of(1, 72, 72));
        expected.put("(system)", GroupStats.of(1, 64, 64));
        expected.put("(array)", GroupStats.of(1, 100, 1156));
        expected.put("(GC roots)", GroupStats.of(1, 0, 96));
        expected.put("(root)", GroupStats.of(1, 0, 1628));
        Map<String, GroupStats> actual = new LinkedHashMap<>();
        for (ObjectGroup g : s.groups()) {
            actual.put(g.key().type(), g.stats());
        }
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(actual), layout);
        assertEquals("24", s.source().metadata().get("graph.nodes"));
        assertEquals("1", s.source().metadata().get("graph.unreachable"), "the weakly held Cache");
        assertEquals("47", s.source().metadata().get(IdentityCheck.HIGH_WATER_KEY));
        assertTrue(s.hasIdentities());
        assertEquals(ObjectIds.of(15, 17, 19, 47), group(s, "TraceSegment").ids());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void every_layout_gives_the_same_owners_holder_path_and_origin(String layout, byte[] bytes) {
        Snapshot s = read(bytes, LOADER);
        ObjectGroup segments = group(s, "TraceSegment");
        GroupFacts f = segments.facts().orElseThrow();
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("Transaction"), 4, 512)), f.owners(), layout);
        assertEquals(1, f.accumulationPoints().size(), layout);
        GroupFacts.AccumulationPoint holder = f.accumulationPoints().get(0);
        assertEquals(7, holder.objectId(), "the Map, through its table");
        assertEquals("Map", holder.type());
        assertEquals(4, holder.instances());
        assertEquals(1188, holder.retainedBytes());
        assertEquals("[synthetic root] (root) --global--> system / Context --activeTransactions--> Map",
                holder.path().orElseThrow().render());
        assertEquals("[synthetic root] (root) --global--> system / Context --activeTransactions--> Map --table--> "
                + "(array) --[1]--> Transaction --trace--> TraceSegment", f.exemplarPath().orElseThrow().render());
        assertEquals(List.of(17L, 15L, 47L), segments.exemplars(), "top-level instances, largest retained first");
        assertEquals(Optional.of(new Origin("@acme/agent", Optional.of("/app/node_modules/@acme/agent/lib/segment.js"),
                "constructor script in node_modules")), segments.origin());
        assertEquals(Optional.empty(), group(s, "Transaction").origin(), "no map edge, no origin");
        assertEquals(segments.origin(), group(s, "(closure)").origin(), "the only closure's own script");
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("Map"), 3, 936)),
                group(s, "Transaction").facts().orElseThrow().owners());
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("(root)"), 1, 1188)),
                group(s, "Map").facts().orElseThrow().owners(), "through the V8-internal context");
        assertEquals(Optional.empty(), group(s, "Cache").facts().orElseThrow().exemplarPath(),
                "only a weak edge leads to it");
    }

    @Test
    void shape_grouping_uses_property_names_in_order_without_proto() {
        Snapshot s = read(SnapshotText.leak(new SnapshotText()).bytes(), LOADER.withGrouping(Grouping.SHAPE));
        assertEquals(Grouping.SHAPE, s.grouping());
        assertEquals(2, s.group(GroupKey.of("Transaction", Shape.of(List.of("trace", "timer", "name"))))
                .orElseThrow().count(), "tx1's __proto__ is left out");
        assertEquals(1, s.group(GroupKey.of("Transaction", Shape.of(List.of("trace")))).orElseThrow().count());
        assertEquals(1, s.group(GroupKey.of("TraceSegment", Shape.of(List.of("child")))).orElseThrow().count());
        assertEquals(3, s.group(GroupKey.of("TraceSegment", Shape.of(List.of())))
                .orElseThrow().count(), "internal and shortcut edges are no properties");
        assertEquals(4, s.regroup(Grouping.TYPE).group(GroupKey.of("TraceSegment")).orElseThrow().count());
        assertEquals(1, s.group(GroupKey.of("(array)")).orElseThrow().count(), "only objects are shaped");
    }

    @Test
    void summary_mode_counts_without_dominators() {
        Snapshot s = read(SnapshotText.leak(new SnapshotText()).bytes(), LOADER.withMode(ReadMode.SUMMARY));
        ObjectGroup segments = group(s, "TraceSegment");
        assertEquals(GroupStats.of(4, 512), segments.stats());
        assertEquals(Optional.empty(), segments.facts());
        assertEquals(ObjectIds.of(15, 17, 19, 47), segments.ids());
        assertEquals("24", s.source().metadata().get("graph.nodes"));
    }

    @Test
    void a_kept_graph_tells_dominators_and_the_weakmap_rule() {
        Snapshot s = read(SnapshotText.leak(new SnapshotText()).bytes(), LOADER.withKeepGraph(true));
        HeapGraph g = s.graph().orElseThrow();
        int value = g.nodeWithId(43).getAsInt();
        int key = g.nodeWithId(41).getAsInt();
        assertEquals(OptionalInt.of(key), g.dominator(value), "the WeakMap value follows its key, not the table");
        int table = g.nodeWithId(39).getAsInt();
        assertEquals(false, g.retains(g.firstEdge(table)));
        int seg3 = g.nodeWithId(19).getAsInt();
        assertEquals(false, g.retains(g.firstEdge(seg3)), "a shortcut edge not from the root does not retain");
        int root = g.nodeWithId(1).getAsInt();
        assertTrue(g.retains(g.firstEdge(root) + 1), "the root's shortcut edges retain");
        assertEquals(Optional.of("activeTransactions"), g.string(g.edgeNameOrIndex(
                g.firstEdge(g.nodeWithId(5).getAsInt()))));
        int shape = g.nodeWithId(37).getAsInt();
        assertEquals(io.github.heapdiff.graph.EdgeKind.HIDDEN, g.edgeKind(g.firstEdge(shape) + 1));
        assertEquals("[0]", g.edgeName(g.firstEdge(shape) + 1), "hidden edges are named by a number");
    }

    @Test
    void names_with_escapes_and_unicode_decode() {
        SnapshotText t = new SnapshotText();
        int root = t.node("synthetic", "", 1, 0);
        String[] names = {"Ünïcödé", "quote\"back\\slash", "tab\tnew\nline", "emoji \uD83D\uDE00", "lone \uD800 x",
            "\u0000nul"};
        for (int i = 0; i < names.length; i++) {
            int n = t.node("object", names[i], 3 + 2 * i, 8);
            t.edge(root, "element", i, n);
        }
        Snapshot s = read(t.bytes(), LOADER);
        for (String name : names) {
            assertEquals(1, group(s, name).count(), name);
        }
    }

    @Test
    void a_long_name_is_cut_rather_than_refused() {
        SnapshotText t = new SnapshotText();
        int root = t.node("synthetic", "", 1, 0);
        t.edge(root, "element", 0, t.node("object", "N".repeat(5000), 3, 8));
        Snapshot s = read(t.bytes(), LOADER);
        assertTrue(s.groups().stream().anyMatch(g -> g.key().type().equals("N".repeat(1000) + "...")), s.toString());
    }

    @Test
    void an_empty_graph_reads_to_an_empty_snapshot() {
        Snapshot s = read(new SnapshotText().bytes(), LOADER);
        assertEquals(0, s.totals().count());
        assertEquals("0", s.source().metadata().get("graph.nodes"));
    }
}
