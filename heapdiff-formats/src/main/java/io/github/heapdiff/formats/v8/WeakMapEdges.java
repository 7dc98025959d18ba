package io.github.heapdiff.formats.v8;

import io.github.heapdiff.internal.LongIntMap;
import io.github.heapdiff.graph.EdgeKind;
import io.github.heapdiff.graph.GraphBuilder;
import io.github.heapdiff.graph.HeapGraph;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies Chrome DevTools' WeakMap rule: a value in a WeakMap is kept alive by its key and its
 * table together, and V8 writes one internal edge from each, named like {@code 3 / part of key
 * (Object @123) -> value (Object @456) pair in WeakMap (table @789)}. The edge from the table
 * does not retain, so that dominators follow the key.
 */
final class WeakMapEdges {

    private static final Pattern PAIR = Pattern.compile(
            "^\\d+ / part of key \\(.*? @\\d+\\) -> value \\(.*? @\\d+\\) pair in WeakMap \\(table @(\\d+)\\)$");

    private WeakMapEdges() {
    }

    static int apply(HeapGraph graph, GraphBuilder builder, String[] strings, boolean hasInternal) {
        if (!hasInternal) {
            return 0;
        }
        LongIntMap tableOfName = new LongIntMap(64);
        long[] tables = new long[16];
        int found = 0;
        for (int i = 0; i < strings.length; i++) {
            String s = strings[i];
            if (s == null || !s.endsWith(")") || !s.contains("pair in WeakMap")) {
                continue;
            }
            Matcher m = PAIR.matcher(s);
            if (!m.matches() || m.group(1).length() > 17) {
                continue;
            }
            if (found == tables.length) {
                tables = java.util.Arrays.copyOf(tables, found * 2);
            }
            tables[found] = Long.parseLong(m.group(1));
            tableOfName.putIfAbsent(i, found);
            found++;
        }
        if (found == 0) {
            return 0;
        }
        int dropped = 0;
        for (int v = 0, n = graph.nodeCount(); v < n; v++) {
            long id = -1;
            for (int e = graph.firstEdge(v), end = graph.endEdge(v); e < end; e++) {
                if (graph.edgeKind(e) != EdgeKind.INTERNAL) {
                    continue;
                }
                int t = tableOfName.get(graph.edgeNameOrIndex(e));
                if (t < 0) {
                    continue;
                }
                if (id < 0) {
                    id = graph.id(v);
                }
                if (tables[t] == id && graph.retains(e)) {
                    builder.stopRetaining(e);
                    dropped++;
                }
            }
        }
        return dropped;
    }
}
