package io.github.heapdiff.formats.v8;

import io.github.heapdiff.internal.LongIntMap;
import io.github.heapdiff.IdentityCheck;
import io.github.heapdiff.graph.EdgeKind;
import io.github.heapdiff.graph.GraphBuilder;
import io.github.heapdiff.graph.HeapGraph;
import io.github.heapdiff.graph.TypeTrait;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of a V8 heap snapshot: a single pass over the JSON that streams nodes and edges into
 * the sink's graph builder.
 *
 * <p>The layout comes from {@code snapshot.meta} every time (field positions, the node and edge
 * type lists); {@code to_node} is an offset into the nodes array and must be a multiple of the
 * node field count. Sections must come in V8's order for {@code snapshot}, {@code nodes} and
 * {@code edges}; {@code strings} may come anywhere after the header ({@code locations},
 * {@code samples}, {@code trace_*} and unknown sections are checked and skipped). Only the
 * strings the graph needs (type names, edge names, script names) are decoded, one at a time.
 */
final class SnapshotParser {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotParser.class);

    private static final int MAX_NAME = 1000;
    private static final int MAX_HEADER = 16 << 20;
    private static final String ROOT_KIND = "synthetic root";

    /** How nodes of one V8 node type are grouped. */
    private enum NodeKind {
        /** One type per node name (constructor name), shaped: V8 {@code object}. */
        OBJECT,
        /** One type per node name: V8 {@code native}. */
        NATIVE,
        /** One type per node name, named after it: V8 {@code synthetic}. */
        SYNTHETIC,
        /** One type per node name (kept for script names), all shown as {@code (compiled code)}. */
        CODE,
        /** One type for all nodes of the V8 type. */
        FIXED
    }

    private final SnapshotSink sink;
    private final ByteScanner in;
    private GraphBuilder g;

    private Header header;
    private int nodeFieldCount;
    private int edgeFieldCount;
    private int nodeTypeField;
    private int nodeNameField;
    private int nodeIdField;
    private int nodeSizeField;
    private int nodeEdgeCountField;
    private int edgeTypeField;
    private int edgeNameField;
    private int edgeToField;
    private long divMagic;
    private int divShift;

    private NodeKind[] kinds;
    private int[] fixedTypes;
    private EdgeKind[] edgeKinds;
    private boolean[] edgeRetains;
    private int weakEdgeType = -1;
    private int shortcutEdgeType = -1;
    private int internalEdgeType = -1;
    private int closureNodeType = -1;

    private final LongIntMap namedTypes = new LongIntMap(4096);
    private int[] typeName = new int[256];
    private int[] typeV8 = new int[256];

    private int nodeCount;
    private int[] edgeCounts = new int[0];
    private long edgeTotal;
    private int root;

    private long[] needed = new long[1024];
    private boolean keepAllStrings;
    private int stringCount = -1;
    private String[] strings = new String[0];
    private long maxNodeName = -1;
    private long maxNodeNameOffset;
    private long maxEdgeName = -1;
    private long maxEdgeNameOffset;

    private long highWater = -1;
    private int[] nodesOfType = new int[256];
    private boolean seenNodes;
    private boolean seenEdges;

    SnapshotParser(InputStream stream, SnapshotSink sink) {
        this.sink = sink;
        long length = sink.contentLength().orElse(-1);
        // big blocks for big files; streams of unknown length (gzip) deliver small blocks anyway
        int size = length < 0 ? 256 << 10 : (int) Math.min(4 << 20, Math.max(4096, length + 1));
        this.in = new ByteScanner(stream, sink, size);
    }

    void read() throws IOException {
        int c = in.skipWhitespace();
        if (c != '{') {
            throw in.error("'{' starting a heap snapshot", c);
        }
        in.next();
        Set<String> seen = new HashSet<>();
        if (in.skipWhitespace() == '}') {
            throw in.error("the \"snapshot\" header", '}');
        }
        while (true) {
            long keyOffset = in.offset();
            String key = in.string(256, "a section name in quotes");
            if (!seen.add(key)) {
                throw in.errorAt(keyOffset, "each section once", "a second \"" + key + "\"");
            }
            in.expect(':', "':' after \"" + key + "\"");
            section(key, keyOffset);
            c = in.skipWhitespace();
            if (c == ',') {
                in.next();
                continue;
            }
            if (c == '}') {
                in.next();
                break;
            }
            throw in.error("',' or '}' after the \"" + key + "\" section", c);
        }
        c = in.skipWhitespace();
        if (c >= 0) {
            throw in.error("the end of the input after the snapshot object", c);
        }
        for (String required : List.of("snapshot", "nodes", "edges", "strings")) {
            if (!seen.contains(required)) {
                throw in.errorAt(in.offset(), "a \"" + required + "\" section", "the end of the snapshot object");
            }
        }
        finish();
    }

    private void section(String key, long keyOffset) throws IOException {
        long t0 = System.nanoTime();
        sectionBody(key, keyOffset);
        LOG.debug("{}: section \"{}\" read in {} ms", sink.sourceName(), key, (System.nanoTime() - t0) / 1_000_000);
    }

    private void sectionBody(String key, long keyOffset) throws IOException {
        switch (key) {
            case "snapshot" -> header();
            case "nodes" -> {
                requireHeader(keyOffset, key);
                nodes();
            }
            case "edges" -> {
                requireHeader(keyOffset, key);
                if (!seenNodes) {
                    throw in.errorAt(keyOffset, "the \"nodes\" section before \"edges\"", "\"edges\"");
                }
                edges();
            }
            case "strings" -> {
                requireHeader(keyOffset, key);
                strings();
            }
            case "locations" -> {
                requireHeader(keyOffset, key);
                locations();
            }
            default -> {
                requireHeader(keyOffset, key);
                in.skipValue(null, 0);
            }
        }
    }

    private void requireHeader(long offset, String key) {
        if (header == null) {
            throw in.errorAt(offset, "the \"snapshot\" header before \"" + key + "\"", "\"" + key + "\"");
        }
    }

    // ------------------------------------------------------------------ header

    private void header() throws IOException {
        long start = in.offset();
        ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
        in.skipValue(copy, MAX_HEADER);
        try {
            header = Header.parse(copy.toByteArray());
        } catch (Header.BadHeader e) {
            throw in.errorAt(start, e.getMessage(), "a header without it");
        }
        List<String> nf = header.nodeFields;
        List<String> ef = header.edgeFields;
        nodeFieldCount = nf.size();
        edgeFieldCount = ef.size();
        nodeTypeField = nf.indexOf("type");
        nodeNameField = nf.indexOf("name");
        nodeIdField = nf.indexOf("id");
        nodeSizeField = nf.indexOf("self_size");
        nodeEdgeCountField = nf.indexOf("edge_count");
        edgeTypeField = ef.indexOf("type");
        edgeNameField = ef.indexOf("name_or_index");
        edgeToField = ef.indexOf("to_node");
        // exact division of to_node offsets (below 2^31) by the field count: x / F == (x * m) >>> k
        divShift = 31 + (32 - Integer.numberOfLeadingZeros(nodeFieldCount - 1));
        divMagic = ((1L << divShift) + nodeFieldCount - 1) / nodeFieldCount;

        g = sink.graph();
        g.identities();
        g.excludeFromShapes("__proto__");
        List<String> nt = header.nodeTypes;
        kinds = new NodeKind[nt.size()];
        fixedTypes = new int[nt.size()];
        Arrays.fill(fixedTypes, -1);
        for (int t = 0; t < nt.size(); t++) {
            String name = nt.get(t);
            switch (name) {
                case "object" -> kinds[t] = NodeKind.OBJECT;
                case "native" -> kinds[t] = NodeKind.NATIVE;
                case "synthetic" -> kinds[t] = NodeKind.SYNTHETIC;
                case "code" -> kinds[t] = NodeKind.CODE;
                case "hidden" -> fixed(t, "(system)", TypeTrait.INFRASTRUCTURE);
                case "array" -> fixed(t, "(array)", TypeTrait.INFRASTRUCTURE);
                case "object shape" -> fixed(t, "(object shape)", TypeTrait.INFRASTRUCTURE);
                default -> fixed(t, "(" + name + ")");
            }
            if (name.equals("closure")) {
                closureNodeType = t;
            }
        }
        List<String> et = header.edgeTypes;
        edgeKinds = new EdgeKind[et.size()];
        edgeRetains = new boolean[et.size()];
        for (int t = 0; t < et.size(); t++) {
            String name = et.get(t);
            EdgeKind k = switch (name) {
                case "context" -> EdgeKind.CONTEXT;
                case "element" -> EdgeKind.ELEMENT;
                case "property" -> EdgeKind.PROPERTY;
                case "hidden" -> EdgeKind.HIDDEN;
                case "shortcut" -> EdgeKind.SHORTCUT;
                case "weak" -> EdgeKind.WEAK;
                default -> EdgeKind.INTERNAL;
            };
            edgeKinds[t] = k;
            edgeRetains[t] = k != EdgeKind.WEAK;
            if (name.equals("weak")) {
                weakEdgeType = t;
            } else if (name.equals("shortcut")) {
                shortcutEdgeType = t;
            } else if (name.equals("internal")) {
                internalEdgeType = t;
            }
        }
        LOG.debug("{}: {} node fields {}, {} edge fields {}, node_count {}, edge_count {}", sink.sourceName(),
                nodeFieldCount, nf, edgeFieldCount, ef, header.nodeCount, header.edgeCount);
    }

    private void fixed(int v8Type, String name, TypeTrait... traits) {
        int t = g.type(name, traits);
        remember(t, -1, v8Type);
        fixedTypes[v8Type] = t;
        kinds[v8Type] = NodeKind.FIXED;
    }

    private void remember(int type, int name, int v8Type) {
        if (type >= typeName.length) {
            typeName = Arrays.copyOf(typeName, type * 2 + 1);
            typeV8 = Arrays.copyOf(typeV8, type * 2 + 1);
        }
        typeName[type] = name;
        typeV8[type] = v8Type;
    }

    /** Types by name index for each V8 node type, for names below {@link #DIRECT_NAMES}; +1, 0 meaning none yet. */
    private int[][] typeByName = new int[0][];
    private static final int DIRECT_NAMES = 1 << 22;

    private int namedType(int v8Type, int name) {
        if (name < DIRECT_NAMES) {
            if (v8Type >= typeByName.length) {
                typeByName = Arrays.copyOf(typeByName, v8Type + 1);
            }
            int[] byName = typeByName[v8Type];
            if (byName == null || name >= byName.length) {
                byName = byName == null ? new int[Math.max(1024, name + 1)]
                        : Arrays.copyOf(byName, Math.min(DIRECT_NAMES, Math.max(name + 1, byName.length * 2)));
                typeByName[v8Type] = byName;
            }
            int t = byName[name] - 1;
            if (t < 0) {
                t = newNamedType(v8Type, name);
                byName[name] = t + 1;
            }
            return t;
        }
        long key = ((long) v8Type << 32) | name;
        int t = namedTypes.get(key);
        if (t < 0) {
            t = newNamedType(v8Type, name);
            namedTypes.putIfAbsent(key, t);
        }
        return t;
    }

    private int newNamedType(int v8Type, int name) {
        int t = kinds[v8Type] == NodeKind.OBJECT ? g.unnamedType(TypeTrait.SHAPED) : g.unnamedType();
        remember(t, name, v8Type);
        need(name);
        return t;
    }

    private void need(int index) {
        int w = index >>> 6;
        if (w >= needed.length) {
            needed = Arrays.copyOf(needed, Math.max(w + 1, needed.length * 2));
        }
        needed[w] |= 1L << index;
    }

    private boolean isNeeded(int index) {
        int w = index >>> 6;
        return keepAllStrings || (w < needed.length && (needed[w] & (1L << index)) != 0);
    }

    /** How many array elements the rest of the input can hold at most, when its length is known. */
    private long capacityLeft() {
        long length = sink.contentLength().orElse(-1);
        return length < 0 ? -1 : Math.max(0, (length - in.offset()) / 2);
    }

    private void checkDeclared(long declared, int fields, String what) {
        long left = capacityLeft();
        if (left >= 0 && declared * fields > left) {
            throw in.errorAt(in.offset(), what + " that the remaining " + (left * 2) + " bytes can hold",
                    declared + " (" + fields + " numbers each)");
        }
    }

    // ------------------------------------------------------------------ nodes

    private void nodes() throws IOException {
        seenNodes = true;
        long declared = header.nodeCount.orElse(-1);
        if (declared > GraphBuilder.MAX_NODES) {
            throw in.errorAt(in.offset(), "a node_count of at most " + GraphBuilder.MAX_NODES, Long.toString(declared));
        }
        if (declared >= 0) {
            checkDeclared(declared, nodeFieldCount, "a node_count");
            long hint = sink.contentLength().isPresent() ? declared : Math.min(declared, 1 << 22);
            g.expectNodes(hint);
            edgeCounts = new int[(int) hint];
        }
        if (header.edgeCount.isPresent()) {
            long e = header.edgeCount.getAsLong();
            if (e > GraphBuilder.MAX_EDGES) {
                throw in.errorAt(in.offset(), "an edge_count of at most " + GraphBuilder.MAX_EDGES, Long.toString(e));
            }
            checkDeclared(e, edgeFieldCount, "an edge_count");
            g.expectEdges(sink.contentLength().isPresent() ? e : Math.min(e, 1 << 24));
        }
        in.expect('[', "'[' opening the nodes array");
        int c = in.skipWhitespace();
        if (c == ']') {
            in.next();
        } else {
            new Nodes(declared).read();
        }
        if (declared >= 0 && nodeCount != declared) {
            throw in.errorAt(in.offset() - 1, declared + " nodes as node_count declares", nodeCount + " nodes");
        }
        if (header.edgeCount.isPresent() && edgeTotal != header.edgeCount.getAsLong()) {
            throw in.errorAt(in.offset() - 1, "node edge counts adding up to edge_count " + header.edgeCount.getAsLong(),
                    "a sum of " + edgeTotal);
        }
        root = 0;
        if (header.rootIndex.isPresent()) {
            long r = header.rootIndex.getAsLong();
            if (r % nodeFieldCount != 0 || r / nodeFieldCount >= nodeCount) {
                throw in.errorAt(in.offset() - 1, "a root_index that is the offset of one of the " + nodeCount
                        + " nodes (a multiple of " + nodeFieldCount + ")", Long.toString(r));
            }
            root = (int) (r / nodeFieldCount);
        }
        if (nodeCount > 0) {
            g.root(root, ROOT_KIND);
        }
        edgeCounts = Arrays.copyOf(edgeCounts, nodeCount);
    }

    /** Big snapshots decode their numbers on two threads. */
    private boolean parallel(long declaredNodes) {
        long length = sink.contentLength().orElse(-1);
        return declaredNodes >= PARALLEL_MIN_NODES || length >= PARALLEL_MIN_BYTES;
    }

    private static final long PARALLEL_MIN_NODES = 200_000;
    private static final long PARALLEL_MIN_BYTES = 32L << 20;

    /**
     * Checks node records and adds them to the graph, in the order of the input, as
     * {@link NumberBlocks} decodes them (on two threads for big snapshots).
     */
    private final class Nodes {
        private final long declared;
        private final long declaredEdges = header.edgeCount.orElse(Long.MAX_VALUE);

        Nodes(long declared) {
            this.declared = declared;
        }

        void read() throws IOException {
            ByteScanner s = in;
            int fields = nodeFieldCount;
            int typeField = nodeTypeField;
            int nameField = nodeNameField;
            int idField = nodeIdField;
            int sizeField = nodeSizeField;
            int countField = nodeEdgeCountField;
            int types = kinds.length;
            NodeKind[] nodeKinds = kinds;
            int[] fixed = fixedTypes;
            GraphBuilder b = g;
            long limit = declared >= 0 ? declared : Long.MAX_VALUE;
            long edgeLimit = Math.min(declaredEdges, GraphBuilder.MAX_EDGES);
            long sum = edgeTotal;
            long high = highWater;
            int count = nodeCount;
            int[] counts = edgeCounts;
            int[] ofType = nodesOfType;
            try (NumberBlocks blocks = new NumberBlocks(s, parallel(declared))) {
                NumberBlocks.Records records = blocks.new Records(fields);
                while (records.advance()) {
                    long[] v = records.values;
                    int[] at = records.offsets;
                    long ab = records.base;
                    for (int r = records.from, end = records.to; r < end; r += fields) {
                        if (count >= limit) {
                            throw s.errorAt(ab + at[r], "no more than the " + declared + " nodes node_count declares",
                                    "more");
                        }
                        long type = v[r + typeField];
                        if (type >= types) {
                            throw s.errorAt(ab + at[r + typeField], "a node type below " + types, Long.toString(type));
                        }
                        long name = v[r + nameField];
                        if (name > Integer.MAX_VALUE - 1) {
                            throw s.errorAt(ab + at[r + nameField], "a string index below 2^31", Long.toString(name));
                        }
                        if (name > maxNodeName) {
                            maxNodeName = name;
                            maxNodeNameOffset = ab + at[r + nameField];
                        }
                        long ec = v[r + countField];
                        sum += ec;
                        if (sum > edgeLimit) {
                            throw s.errorAt(ab + at[r + countField], "edge counts adding up to at most " + edgeLimit,
                                    "a sum of " + sum);
                        }
                        int t = (int) type;
                        int bt = nodeKinds[t] == NodeKind.FIXED ? fixed[t] : namedType(t, (int) name);
                        long id = v[r + idField];
                        if ((id & 1) != 0 && id > high) {
                            high = id;
                        }
                        int index = b.node(bt, id, v[r + sizeField]);
                        if (bt >= ofType.length) {
                            ofType = Arrays.copyOf(ofType, Math.max(bt + 1, ofType.length * 2));
                        }
                        ofType[bt]++;
                        if (index >= counts.length) {
                            counts = Arrays.copyOf(counts, Math.max(1024, index + (index >> 1)));
                        }
                        counts[index] = (int) ec;
                        count = index + 1;
                    }
                }
            }
            // the running figures go back to the fields (an error ends the read without them)
            edgeTotal = sum;
            highWater = high;
            nodeCount = count;
            edgeCounts = counts;
            nodesOfType = ofType;
        }
    }

    // ------------------------------------------------------------------ edges

    private void edges() throws IOException {
        seenEdges = true;
        in.expect('[', "'[' opening the edges array");
        int c = in.skipWhitespace();
        if (c == ']') {
            in.next();
            if (edgeTotal != 0) {
                throw in.errorAt(in.offset() - 1, "the " + edgeTotal + " edges the nodes declare", "an empty array");
            }
            return;
        }
        if (edgeTotal == 0) {
            throw in.error("']' closing an empty edges array (the nodes declare no edges)", c);
        }
        new Edges().read();
        edgeCounts = null;
    }

    /**
     * Checks edge records and adds them to the graph in batches, in the order of the input, as
     * {@link NumberBlocks} decodes them; edges come grouped by source node.
     */
    private final class Edges {
        private static final int BATCH = 8192;

        void read() throws IOException {
            int types = edgeKinds.length;
            byte[] code = new byte[types];
            byte[] weakCode = new byte[types];
            boolean[] indexed = new boolean[types];
            for (int t = 0; t < types; t++) {
                code[t] = GraphBuilder.edgeCode(edgeKinds[t], edgeRetains[t]);
                weakCode[t] = GraphBuilder.edgeCode(edgeKinds[t], false);
                indexed[t] = edgeKinds[t].isIndexed();
            }
            int[] bFrom = new int[BATCH];
            byte[] bCode = new byte[BATCH];
            int[] bName = new int[BATCH];
            int[] bTo = new int[BATCH];
            int filled = 0;
            long nodeLimit = (long) nodeCount * nodeFieldCount;
            boolean fastDivision = nodeLimit <= Integer.MAX_VALUE;
            long total = edgeTotal;
            long done = 0;
            int from = -1;
            int left = 0;
            ByteScanner s = in;
            GraphBuilder b = g;
            int fields = edgeFieldCount;
            int typeField = edgeTypeField;
            int nameField = edgeNameField;
            int toField = edgeToField;
            long magic = divMagic;
            int shift = divShift;
            int fieldCount = nodeFieldCount;
            int rootNode = root;
            int shortcut = shortcutEdgeType;
            int[] counts = edgeCounts;
            try (NumberBlocks blocks = new NumberBlocks(s, parallel(nodeCount))) {
                NumberBlocks.Records records = blocks.new Records(fields);
                while (records.advance()) {
                    long[] v = records.values;
                    int[] at = records.offsets;
                    long ab = records.base;
                    for (int r = records.from, end = records.to; r < end; r += fields) {
                        if (done == total) {
                            throw s.errorAt(ab + at[r], "']' closing the edges array after the " + total
                                    + " edges the nodes declare", "another edge");
                        }
                        while (left == 0) {
                            left = counts[++from];
                        }
                        left--;
                        done++;
                        long type = v[r + typeField];
                        if (type >= types) {
                            throw s.errorAt(ab + at[r + typeField], "an edge type below " + types,
                                    Long.toString(type));
                        }
                        long to = v[r + toField];
                        if (to >= nodeLimit) {
                            throw s.errorAt(ab + at[r + toField], "a to_node offset below " + nodeLimit + " ("
                                    + nodeCount + " nodes)", Long.toString(to));
                        }
                        int target = fastDivision ? (int) ((to * magic) >>> shift) : (int) (to / fieldCount);
                        if ((long) target * fieldCount != to) {
                            throw s.errorAt(ab + at[r + toField], "a to_node offset divisible by the " + fieldCount
                                    + " node fields", Long.toString(to));
                        }
                        int t = (int) type;
                        long name = v[r + nameField];
                        if (name > Integer.MAX_VALUE - 1) {
                            throw s.errorAt(ab + at[r + nameField], "an edge name or index below 2^31",
                                    Long.toString(name));
                        }
                        if (!indexed[t]) {
                            if (name > maxEdgeName) {
                                maxEdgeName = name;
                                maxEdgeNameOffset = ab + at[r + nameField];
                            }
                            need((int) name);
                        }
                        bFrom[filled] = from;
                        bCode[filled] = t == shortcut && from != rootNode ? weakCode[t] : code[t];
                        bName[filled] = (int) name;
                        bTo[filled] = target;
                        if (++filled == BATCH) {
                            b.edges(filled, bFrom, bCode, bName, bTo);
                            filled = 0;
                        }
                    }
                }
            }
            if (done < total) {
                throw s.errorAt(s.offset() - 1, "the " + total + " edges the nodes declare (" + fields
                        + " numbers each)", "the end of the edges array after " + done + " edges");
            }
            b.edges(filled, bFrom, bCode, bName, bTo);
        }
    }

    // ------------------------------------------------------------------ locations

    /**
     * Checks the {@code locations} array (records of {@code meta.location_fields} numbers) and skips
     * it, decoding it as the nodes and edges are (on two threads for big snapshots).
     */
    private void locations() throws IOException {
        int fields = header.locationFields;
        int c = in.skipWhitespace();
        if (fields == 0 || c != '[') {
            in.skipValue(null, 0);
            return;
        }
        in.next();
        if (in.skipWhitespace() == ']') {
            in.next();
            return;
        }
        try (NumberBlocks blocks = new NumberBlocks(in, parallel(nodeCount))) {
            NumberBlocks.Records records = blocks.new Records(fields);
            while (records.advance()) {
                // whole records, checked by the decoding: nothing to keep
            }
        }
    }

    // ------------------------------------------------------------------ strings

    private void strings() throws IOException {
        if (!seenEdges) {
            keepAllStrings = true;
        }
        in.expect('[', "'[' opening the strings array");
        int c = in.skipWhitespace();
        int count = 0;
        StringBuilder sb = new StringBuilder();
        if (c == ']') {
            in.next();
        } else {
            while (true) {
                c = in.skipWhitespace();
                if (c != '"') {
                    throw in.error("a string in quotes", c);
                }
                in.next();
                if (isNeeded(count)) {
                    sb.setLength(0);
                    String value = in.decodeStringBody(sb, MAX_NAME) ? sb.toString() : sb + "...";
                    if (count >= strings.length) {
                        strings = Arrays.copyOf(strings, Math.max(1024, count + (count >> 1)));
                    }
                    strings[count] = value;
                } else {
                    in.skipStringBody();
                }
                count++;
                if (count == Integer.MAX_VALUE) {
                    throw in.error("at most 2^31 - 1 strings", '"');
                }
                c = in.skipWhitespace();
                in.next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw in.errorAt(in.offset() - (c < 0 ? 0 : 1), "',' or ']' in the strings array",
                            ByteScanner.describe(c));
                }
            }
        }
        stringCount = count;
        for (int i = 0; i < Math.min(count, strings.length); i++) {
            if (strings[i] != null) {
                g.string(i, strings[i]);
            }
        }
    }

    // ------------------------------------------------------------------ after the last section

    private void finish() {
        long t0 = System.nanoTime();
        sink.metadata(IdentityCheck.SCHEME_KEY, "v8-heap-object-id");
        if (highWater >= 0) {
            // V8 gives heap objects odd ids in increasing order; even ids belong to embedder (native) nodes
            sink.metadata(IdentityCheck.HIGH_WATER_KEY, Long.toString(highWater));
        }
        if (maxNodeName >= stringCount) {
            throw in.errorAt(maxNodeNameOffset, "a node name index below the " + stringCount + " strings",
                    Long.toString(maxNodeName));
        }
        if (maxEdgeName >= stringCount) {
            throw in.errorAt(maxEdgeNameOffset, "an edge name index below the " + stringCount + " strings",
                    Long.toString(maxEdgeName));
        }
        nameTypes();
        HeapGraph graph = g.complete();
        if (g.storesEdges()) {
            t0 = System.nanoTime();
            WeakMapEdges.apply(graph, g, strings, internalEdgeType >= 0);
            long t1 = System.nanoTime();
            Origins.apply(graph, g, strings, typeName, typeV8, kinds(NodeKind.OBJECT), closureNodeType, nodesOfType);
            LOG.debug("{}: WeakMap rule in {} ms, origins in {} ms", sink.sourceName(), (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
        }
    }

    private boolean[] kinds(NodeKind kind) {
        boolean[] out = new boolean[kinds.length];
        for (int t = 0; t < kinds.length; t++) {
            out[t] = kinds[t] == kind;
        }
        return out;
    }

    private String stringAt(int index) {
        return index >= 0 && index < strings.length && strings[index] != null ? strings[index] : "";
    }

    private void nameTypes() {
        for (int t = 0; t < g.typeCount(); t++) {
            int name = t < typeName.length ? typeName[t] : -1;
            if (name < 0) {
                continue;
            }
            String s = stringAt(name);
            switch (kinds[typeV8[t]]) {
                case OBJECT -> {
                    if (s.startsWith("system / ")) {
                        g.nameType(t, s, TypeTrait.INFRASTRUCTURE);
                    } else {
                        g.nameType(t, s.isEmpty() ? "(anonymous object)" : s);
                    }
                }
                case NATIVE -> g.nameType(t, s.isEmpty() ? "(native)" : s);
                case SYNTHETIC -> g.nameType(t, s.isEmpty() ? "(root)" : s.startsWith("(") ? s : "(" + s + ")",
                        TypeTrait.SYNTHETIC);
                case CODE -> g.nameType(t, "(compiled code)", TypeTrait.INFRASTRUCTURE);
                case FIXED -> { }
            }
        }
    }
}
