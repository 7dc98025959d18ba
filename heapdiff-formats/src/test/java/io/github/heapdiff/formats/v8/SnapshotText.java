package io.github.heapdiff.formats.v8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small V8 heap snapshots for tests, in any of the layouts V8 has used: 5, 6 or 7 node
 * fields in any order, type lists of any length, the root anywhere, optional sections.
 */
final class SnapshotText {

    static final List<String> NODE_TYPES = List.of("hidden", "array", "string", "object", "code", "closure", "regexp",
            "number", "native", "synthetic", "concatenated string", "sliced string", "symbol", "bigint",
            "object shape");
    static final List<String> EDGE_TYPES = List.of("context", "element", "property", "internal", "hidden",
            "shortcut", "weak");

    private List<String> nodeFields = List.of("type", "name", "id", "self_size", "edge_count", "trace_node_id",
            "detachedness");
    private List<String> nodeTypes = NODE_TYPES;
    private List<String> edgeFields = List.of("type", "name_or_index", "to_node");
    private List<String> edgeTypes = EDGE_TYPES;
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndex = new LinkedHashMap<>();
    private final List<long[]> nodes = new ArrayList<>();
    private final List<List<long[]>> edges = new ArrayList<>();
    private Integer rootIndex;
    private boolean locations;
    private boolean samples;
    private boolean traceInfos;
    private boolean declareCounts = true;
    private boolean reversed;
    private String numberSeparator = null;
    private String extraSection = "";

    SnapshotText nodeFields(String... fields) {
        nodeFields = List.of(fields);
        return this;
    }

    SnapshotText nodeTypes(String... types) {
        nodeTypes = List.of(types);
        return this;
    }

    SnapshotText edgeFields(String... fields) {
        edgeFields = List.of(fields);
        return this;
    }

    SnapshotText edgeTypes(String... types) {
        edgeTypes = List.of(types);
        return this;
    }

    /** Declares the node at {@code index} the root through {@code snapshot.root_index}. */
    SnapshotText rootAt(int index) {
        rootIndex = index;
        return this;
    }

    /** Writes the nodes in reverse order (the root last), declaring the root with {@code root_index}. */
    SnapshotText reversed() {
        reversed = true;
        return this;
    }

    /** Writes {@code separator} instead of a plain comma between numbers of the nodes and edges arrays. */
    SnapshotText separatedBy(String separator) {
        numberSeparator = separator;
        return this;
    }

    SnapshotText withLocations() {
        locations = true;
        return this;
    }

    SnapshotText withSamples() {
        samples = true;
        return this;
    }

    SnapshotText withTraceFunctionInfos() {
        traceInfos = true;
        return this;
    }

    SnapshotText withoutCounts() {
        declareCounts = false;
        return this;
    }

    /** Adds a section V8 does not write, which readers must skip. */
    SnapshotText withExtraSection(String json) {
        extraSection = json;
        return this;
    }

    int string(String s) {
        return stringIndex.computeIfAbsent(s, k -> {
            strings.add(k);
            return strings.size() - 1;
        });
    }

    /** Adds a node and returns its index. */
    int node(String type, String name, long id, long selfSize) {
        int t = nodeTypes.indexOf(type);
        if (t < 0) {
            throw new IllegalArgumentException(type);
        }
        nodes.add(new long[] {t, string(name), id, selfSize});
        edges.add(new ArrayList<>());
        return nodes.size() - 1;
    }

    /** Adds an edge with a string name. */
    SnapshotText edge(int from, String type, String name, int to) {
        edges.get(from).add(new long[] {edgeTypes.indexOf(type), string(name), to});
        return this;
    }

    /** Adds an edge with a number name (element, hidden). */
    SnapshotText edge(int from, String type, int index, int to) {
        edges.get(from).add(new long[] {edgeTypes.indexOf(type), index, to});
        return this;
    }

    int edgeCount() {
        return edges.stream().mapToInt(List::size).sum();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"snapshot\":{\"meta\":{\"node_fields\":").append(json(nodeFields)).append(",\"node_types\":[");
        for (int i = 0; i < nodeFields.size(); i++) {
            sb.append(i > 0 ? "," : "").append(nodeFields.get(i).equals("type") ? json(nodeTypes)
                    : nodeFields.get(i).equals("name") ? "\"string\"" : "\"number\"");
        }
        sb.append("],\"edge_fields\":").append(json(edgeFields)).append(",\"edge_types\":[");
        for (int i = 0; i < edgeFields.size(); i++) {
            sb.append(i > 0 ? "," : "").append(edgeFields.get(i).equals("type") ? json(edgeTypes)
                    : edgeFields.get(i).equals("to_node") ? "\"node\"" : "\"string_or_number\"");
        }
        sb.append("],\"trace_function_info_fields\":[\"function_id\",\"name\",\"script_name\",\"script_id\",\"line\","
                + "\"column\"],\"trace_node_fields\":[\"id\",\"function_info_index\",\"count\",\"size\",\"children\"],"
                + "\"sample_fields\":[\"timestamp_us\",\"last_assigned_id\"],"
                + "\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]}");
        if (declareCounts) {
            sb.append(",\"node_count\":").append(nodes.size()).append(",\"edge_count\":").append(edgeCount());
        }
        int count = nodes.size();
        int[] position = new int[count];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            position[i] = reversed ? count - 1 - i : i;
            order[position[i]] = i;
        }
        Integer root = reversed ? Integer.valueOf(rootIndex == null ? 0 : rootIndex) : rootIndex;
        if (root != null) {
            sb.append(",\"root_index\":").append((long) position[root] * nodeFields.size());
        }
        String sep = numberSeparator == null ? "," : numberSeparator;
        sb.append(",\"trace_function_count\":").append(traceInfos ? 1 : 0).append("},\n\"nodes\":[");
        for (int p = 0; p < count; p++) {
            int i = order[p];
            long[] n = nodes.get(i);
            sb.append(p > 0 ? "\n" + sep : "");
            for (int f = 0; f < nodeFields.size(); f++) {
                long v = switch (nodeFields.get(f)) {
                    case "type" -> n[0];
                    case "name" -> n[1];
                    case "id" -> n[2];
                    case "self_size" -> n[3];
                    case "edge_count" -> edges.get(i).size();
                    default -> 0;
                };
                sb.append(f > 0 ? sep : "").append(v);
            }
        }
        sb.append("],\n\"edges\":[");
        boolean first = true;
        for (int p = 0; p < count; p++) {
            for (long[] e : edges.get(order[p])) {
                sb.append(first ? "" : "\n" + sep);
                first = false;
                for (int f = 0; f < edgeFields.size(); f++) {
                    long v = switch (edgeFields.get(f)) {
                        case "type" -> e[0];
                        case "name_or_index" -> e[1];
                        case "to_node" -> (long) position[(int) e[2]] * nodeFields.size();
                        default -> 0;
                    };
                    sb.append(f > 0 ? sep : "").append(v);
                }
            }
        }
        sb.append("]");
        if (traceInfos) {
            sb.append(",\n\"trace_function_infos\":[1,").append(string("f")).append(",").append(string("a.js"))
                    .append(",3,10,2],\n\"trace_tree\":[1,0,1,64,[2,1,1,32,[]]]");
        }
        if (samples) {
            sb.append(",\n\"samples\":[100,7,200,9]");
        }
        if (locations) {
            sb.append(",\n\"locations\":[0,3,10,2\n,").append(nodeFields.size()).append(",3,11,0]");
        }
        sb.append(extraSection);
        sb.append(",\n\"strings\":[");
        for (int i = 0; i < strings.size(); i++) {
            sb.append(i > 0 ? ",\n" : "").append(quote(strings.get(i)));
        }
        sb.append("]}\n");
        return sb.toString();
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? "," : "").append(quote(l.get(i)));
        }
        return sb.append(']').toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A small leak-shaped snapshot: a root, GC roots, a context holding a Map whose table holds
     * two transactions with segments and timers, a config object, a weakly held object, a
     * WeakMap entry, a string and a closure with its script.
     */
    static SnapshotText leak(SnapshotText s) {
        int root = s.node("synthetic", "", 1, 0);
        int gcRoots = s.node("synthetic", "(GC roots)", 3, 0);
        int context = s.node("object", "system / Context", 5, 40);
        int map = s.node("object", "Map", 7, 32);
        int table = s.node("array", "", 9, 100);
        int tx1 = s.node("object", "Transaction", 11, 88);
        int tx2 = s.node("object", "Transaction", 13, 88);
        int tx3 = s.node("object", "Transaction", 45, 88);
        int seg1 = s.node("object", "TraceSegment", 15, 128);
        int seg2 = s.node("object", "TraceSegment", 17, 128);
        int seg3 = s.node("object", "TraceSegment", 19, 128);
        int seg4 = s.node("object", "TraceSegment", 47, 128);
        int timer1 = s.node("object", "Timer", 21, 80);
        int timer2 = s.node("object", "Timer", 23, 80);
        int config = s.node("object", "Object", 25, 40);
        int name = s.node("string", "WebTransaction/GET/albums", 27, 48);
        int weakly = s.node("object", "Cache", 29, 24);
        int closure = s.node("closure", "TraceSegment", 31, 64);
        int shared = s.node("code", "TraceSegment", 33, 56);
        int script = s.node("code", "/app/node_modules/@acme/agent/lib/segment.js", 35, 144);
        int shape = s.node("object shape", "system / Map", 37, 72);
        int weakMapTable = s.node("hidden", "system / ObjectHashTable", 39, 64);
        int key = s.node("object", "Key", 41, 16);
        int value = s.node("object", "Value", 43, 16);
        s.edge(root, "element", 1, gcRoots);
        s.edge(root, "shortcut", "global", context);
        s.edge(gcRoots, "element", 0, context);
        s.edge(gcRoots, "element", 1, closure);
        s.edge(gcRoots, "element", 2, weakMapTable);
        s.edge(gcRoots, "element", 3, key);
        s.edge(context, "context", "activeTransactions", map);
        s.edge(context, "context", "genreConfig", config);
        s.edge(context, "weak", "cache", weakly);
        s.edge(map, "internal", "table", table);
        s.edge(table, "element", 0, tx1);
        s.edge(table, "element", 1, tx2);
        s.edge(table, "element", 2, tx3);
        s.edge(tx1, "property", "trace", seg1);
        s.edge(tx1, "property", "timer", timer1);
        s.edge(tx1, "property", "name", name);
        s.edge(tx1, "property", "__proto__", config);
        s.edge(tx2, "property", "trace", seg2);
        s.edge(tx2, "property", "timer", timer2);
        s.edge(tx2, "property", "name", name);
        s.edge(tx3, "property", "trace", seg4);
        s.edge(seg2, "property", "child", seg3);
        s.edge(seg1, "internal", "map", shape);
        s.edge(seg2, "internal", "map", shape);
        s.edge(seg3, "shortcut", "parent", seg2);
        s.edge(seg3, "internal", "map", shape);
        s.edge(seg4, "internal", "map", shape);
        s.edge(shape, "internal", "constructor", closure);
        s.edge(shape, "hidden", 0, name);
        s.edge(closure, "internal", "shared", shared);
        s.edge(shared, "internal", "script_or_debug_info", script);
        s.edge(weakMapTable, "internal", "1 / part of key (Key @41) -> value (Value @43) pair in WeakMap (table @39)",
                value);
        s.edge(key, "internal", "1 / part of key (Key @41) -> value (Value @43) pair in WeakMap (table @39)", value);
        return s;
    }
}
