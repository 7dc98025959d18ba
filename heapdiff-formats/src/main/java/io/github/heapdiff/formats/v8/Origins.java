package io.github.heapdiff.formats.v8;

import io.github.heapdiff.Origin;
import io.github.heapdiff.graph.GraphBuilder;
import io.github.heapdiff.graph.HeapGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where object types come from: for an object, its map's constructor function, that
 * function's shared function info, its script, and the script's name (a file path or URL),
 * reduced to an npm package name when the path runs through {@code node_modules/<package>}; for
 * a closure, its own script (all closures share the {@code (closure)} group, so it gets an origin
 * only when its sampled closures come from one script).
 * A type gets an origin when a sample of its objects, spread over the snapshot, all have the same
 * one (types with instances of built-in constructors, which have no script, get none).
 */
final class Origins {

    private static final int SAMPLES = 8;

    private Origins() {
    }

    static void apply(HeapGraph graph, GraphBuilder builder, String[] strings, int[] typeName, int[] typeV8,
            boolean[] objectV8, int closureV8, int[] nodesOfType) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < strings.length; i++) {
            String s = strings[i];
            if (s != null && s.length() <= 20) {
                switch (s) {
                    case "map", "constructor", "shared", "script_or_debug_info", "script", "back_pointer", "prototype" ->
                            index.putIfAbsent(s, i);
                    default -> { }
                }
            }
        }
        Integer map = index.get("map");
        Integer constructor = index.get("constructor");
        Integer shared = index.get("shared");
        if (map == null || constructor == null || shared == null || closureV8 < 0) {
            return;
        }
        int script = index.getOrDefault("script_or_debug_info", -1);
        int scriptOld = index.getOrDefault("script", -1);
        int types = builder.typeCount();
        int n = graph.nodeCount();
        int[] count = new int[types];
        int pending = 0;
        for (int t = 0; t < types && t < nodesOfType.length; t++) {
            if (t < typeV8.length && (objectV8[typeV8[t]] || typeV8[t] == closureV8) && nodesOfType[t] > 0) {
                count[t] = nodesOfType[t];
                pending++;
            }
        }
        // sample up to SAMPLES objects per type, spread over the snapshot; all must agree
        int[] seen = new int[types];
        int[] sampled = new int[types];
        String[] agreed = new String[types];
        boolean[] conflict = new boolean[types];
        Finder f = new Finder(graph, strings, typeName, typeV8, map, constructor, shared, script, scriptOld, closureV8,
                index.getOrDefault("back_pointer", -1), index.getOrDefault("prototype", -1));
        for (int v = 0; v < n && pending > 0; v++) {
            int t = graph.type(v);
            if (count[t] == 0 || conflict[t]) {
                continue;
            }
            int i = seen[t]++;
            int stride = Math.max(1, count[t] / SAMPLES);
            if (i % stride != 0 || sampled[t] >= SAMPLES) {
                continue;
            }
            sampled[t]++;
            String path = f.scriptOf(v);
            if (path == null || (agreed[t] != null && !agreed[t].equals(path))) {
                conflict[t] = true;
                agreed[t] = null;
                pending--;
            } else {
                agreed[t] = path;
                if (sampled[t] == Math.min(SAMPLES, (count[t] + stride - 1) / stride)) {
                    pending--; // every sample of this type is taken
                }
            }
        }
        for (int t = 0; t < types; t++) {
            if (agreed[t] != null && !conflict[t]) {
                builder.origin(t, origin(agreed[t]));
            }
        }
    }

    /** The origin for a script path: the npm package when the path runs through node_modules, else the script. */
    static Origin origin(String path) {
        String p = path.replace('\\', '/');
        int at = p.lastIndexOf("node_modules/");
        if (at >= 0) {
            String rest = p.substring(at + "node_modules/".length());
            String[] parts = rest.split("/", -1);
            String pkg = parts[0].startsWith("@") && parts.length > 1 && !parts[1].isEmpty()
                    ? parts[0] + "/" + parts[1] : parts[0];
            if (!pkg.isEmpty() && !pkg.equals("@")) {
                return new Origin(pkg, Optional.of(path), "constructor script in node_modules");
            }
        }
        return new Origin(path, Optional.of(path), "constructor script");
    }

    private static final class Finder {
        private final HeapGraph g;
        private final String[] strings;
        private final int[] typeName;
        private final int[] typeV8;
        private final int map;
        private final int constructor;
        private final int shared;
        private final int script;
        private final int scriptOld;
        private final int closureV8;
        private final int backPointer;
        private final int prototype;

        Finder(HeapGraph g, String[] strings, int[] typeName, int[] typeV8, int map, int constructor, int shared,
                int script, int scriptOld, int closureV8, int backPointer, int prototype) {
            this.backPointer = backPointer;
            this.prototype = prototype;
            this.g = g;
            this.strings = strings;
            this.typeName = typeName;
            this.typeV8 = typeV8;
            this.map = map;
            this.constructor = constructor;
            this.shared = shared;
            this.script = script;
            this.scriptOld = scriptOld;
            this.closureV8 = closureV8;
        }

        /** The constructor of an object: from its map's transition root, else its prototype's {@code constructor}. */
        private int constructorOf(int object) {
            int m = follow(object, map, -1);
            for (int steps = 0; m >= 0 && steps < 4096; steps++) {
                int ctor = follow(m, constructor, -1);
                if (ctor >= 0) {
                    return ctor;
                }
                m = backPointer < 0 ? -1 : follow(m, backPointer, -1);
            }
            m = follow(object, map, -1);
            int proto = m < 0 || prototype < 0 ? -1 : follow(m, prototype, -1);
            return proto < 0 ? -1 : follow(proto, constructor, -1);
        }

        /** The script of an object's constructor, or of a closure itself. */
        String scriptOf(int object) {
            int ctor = typeV8[g.type(object)] == closureV8 ? object : constructorOf(object);
            if (ctor < 0 || typeV8[g.type(ctor)] != closureV8) {
                return null;
            }
            int sfi = follow(ctor, shared, -1);
            int sc = sfi < 0 ? -1 : follow(sfi, script, scriptOld);
            if (sc < 0) {
                return null;
            }
            int t = g.type(sc);
            int name = t < typeName.length ? typeName[t] : -1;
            String s = name >= 0 && name < strings.length ? strings[name] : null;
            if (s == null || s.isEmpty() || s.startsWith("system / ")) {
                return null;
            }
            return s;
        }

        private int follow(int node, int name, int altName) {
            for (int e = g.firstEdge(node), end = g.endEdge(node); e < end; e++) {
                if (g.edgeKind(e).isIndexed()) {
                    continue;
                }
                int n = g.edgeNameOrIndex(e);
                if (n == name || (altName >= 0 && n == altName)) {
                    return g.edgeTarget(e);
                }
            }
            return -1;
        }
    }
}
