package io.github.heapdiff.formats.v8;

import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads V8 heap snapshots ({@code .heapsnapshot}: Node.js {@code v8.writeHeapSnapshot()},
 * {@code --heapsnapshot-signal}, Chrome DevTools, Deno, Electron) into the graph engine.
 *
 * <p>Format id {@code v8-heapsnapshot}. The layout is read from {@code snapshot.meta} every
 * time: 5, 6 or 7 node fields (with or without {@code trace_node_id} and
 * {@code detachedness}), type lists of any length, {@code element}/{@code hidden} edge names as
 * numbers, optional {@code locations}, {@code samples} and {@code trace_function_infos}, the root
 * first or at {@code snapshot.root_index}. The {@code nodes} and {@code edges} arrays are decoded
 * by a hand-written byte scanner in one pass; only the strings the graph needs are decoded.
 *
 * <h2>Groups</h2>
 * As Chrome DevTools names them: an {@code object} or {@code native} node by its name (the
 * constructor name), shaped by its {@code property} edge names in order without
 * {@code __proto__}; {@code hidden} nodes as {@code (system)}; {@code code} nodes as
 * {@code (compiled code)}; {@code synthetic} nodes by their name ({@code (GC roots)}; the root as
 * {@code (root)}); every other type as its name in parentheses: {@code (closure)},
 * {@code (array)}, {@code (string)}, {@code (concatenated string)}, {@code (sliced string)},
 * {@code (number)}, {@code (regexp)}, {@code (symbol)}, {@code (bigint)}, {@code (object shape)}.
 * V8-internal objects ({@code system / Context} and other {@code object} nodes named
 * {@code system / ...}), arrays, code, object shapes and {@code hidden} nodes are
 * infrastructure: owners and accumulation points look through them.
 *
 * <h2>Retention</h2>
 * As DevTools and memlab: weak edges do not retain; shortcut edges retain only from the root;
 * the table-to-value edge of a WeakMap entry does not retain (the key's edge does).
 *
 * <h2>Origin and identity</h2>
 * An object type's origin is its constructor's script (map, constructor, shared function info,
 * script), reduced to the npm package where the path contains {@code node_modules/<package>}.
 * Node ids are kept per group as identities: V8 keeps an object's id for its lifetime, so a diff
 * of snapshots of one process tells new, deleted and surviving objects.
 */
public final class V8HeapSnapshotReader implements SnapshotReader {

    /** The format id. */
    public static final String FORMAT_ID = "v8-heapsnapshot";

    /** Creates the reader; found through {@link java.util.ServiceLoader} or passed explicitly. */
    public V8HeapSnapshotReader() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public String description() {
        return "V8 heap snapshot (.heapsnapshot) from Node.js, Chrome DevTools, Deno or Electron";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        int i = 0;
        int n = input.length();
        if (n >= 3 && input.byteAt(0) == 0xEF && input.byteAt(1) == 0xBB && input.byteAt(2) == 0xBF) {
            i = 3;
        }
        while (i < n && Character.isWhitespace(input.byteAt(i))) {
            i++;
        }
        if (i >= n || input.byteAt(i) != '{') {
            return MatchStrength.NO_MATCH;
        }
        String text = input.text();
        boolean snapshot = text.contains("\"snapshot\"");
        boolean meta = text.contains("\"node_fields\"") && text.contains("\"edge_fields\"");
        if (snapshot && meta) {
            return MatchStrength.FULL_MATCH;
        }
        if (snapshot || meta) {
            return MatchStrength.SOLID_MATCH;
        }
        return input.name().endsWith(".heapsnapshot") ? MatchStrength.WEAK_MATCH : MatchStrength.NO_MATCH;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        new SnapshotParser(in, sink).read();
    }
}
