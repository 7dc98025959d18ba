package io.github.heapdiff.formats.v8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code "snapshot"} header of a heap snapshot: the layout of the {@code nodes} and
 * {@code edges} arrays from {@code meta}, and the declared counts. Read with Jackson from the
 * header's bytes; {@link #parse} reports problems as {@link BadHeader} with a message.
 */
final class Header {

    final List<String> nodeFields;
    final List<String> nodeTypes;
    final List<String> edgeFields;
    final List<String> edgeTypes;
    final OptionalLong nodeCount;
    final OptionalLong edgeCount;
    final OptionalLong rootIndex;
    final int locationFields;

    private Header(List<String> nodeFields, List<String> nodeTypes, List<String> edgeFields, List<String> edgeTypes,
            OptionalLong nodeCount, OptionalLong edgeCount, OptionalLong rootIndex, int locationFields) {
        this.nodeFields = nodeFields;
        this.nodeTypes = nodeTypes;
        this.edgeFields = edgeFields;
        this.edgeTypes = edgeTypes;
        this.nodeCount = nodeCount;
        this.edgeCount = edgeCount;
        this.rootIndex = rootIndex;
        this.locationFields = locationFields;
    }

    /** A header that does not describe a usable layout. */
    static final class BadHeader extends Exception {
        private static final long serialVersionUID = 1L;

        BadHeader(String message) {
            super(message);
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    static Header parse(byte[] json) throws BadHeader {
        Object root;
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            root = value(p, t);
        } catch (IOException | RuntimeException e) {
            throw new BadHeader("a valid JSON header (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        Map<?, ?> snapshot = map(root, "the snapshot header");
        Map<?, ?> meta = map(snapshot.get("meta"), "\"meta\" in the snapshot header");
        List<String> nodeFields = strings(meta.get("node_fields"), "meta.node_fields");
        List<String> edgeFields = strings(meta.get("edge_fields"), "meta.edge_fields");
        List<?> nodeTypesAll = list(meta.get("node_types"), "meta.node_types");
        List<?> edgeTypesAll = list(meta.get("edge_types"), "meta.edge_types");
        for (String required : List.of("type", "name", "id", "self_size", "edge_count")) {
            if (!nodeFields.contains(required)) {
                throw new BadHeader("meta.node_fields naming \"" + required + "\"");
            }
        }
        for (String required : List.of("type", "name_or_index", "to_node")) {
            if (!edgeFields.contains(required)) {
                throw new BadHeader("meta.edge_fields naming \"" + required + "\"");
            }
        }
        distinct(nodeFields, "meta.node_fields");
        distinct(edgeFields, "meta.edge_fields");
        int nt = nodeFields.indexOf("type");
        int et = edgeFields.indexOf("type");
        if (nt >= nodeTypesAll.size() || et >= edgeTypesAll.size()) {
            throw new BadHeader("meta.node_types and meta.edge_types with an entry per field");
        }
        List<String> nodeTypes = strings(nodeTypesAll.get(nt), "the list of node types in meta.node_types");
        List<String> edgeTypes = strings(edgeTypesAll.get(et), "the list of edge types in meta.edge_types");
        int locationFields = 0;
        Object lf = meta.get("location_fields");
        if (lf != null) {
            locationFields = strings(lf, "meta.location_fields").size();
        }
        return new Header(nodeFields, nodeTypes, edgeFields, edgeTypes, count(snapshot, "node_count"),
                count(snapshot, "edge_count"), count(snapshot, "root_index"), locationFields);
    }

    private static void distinct(List<String> fields, String what) throws BadHeader {
        if (fields.stream().distinct().count() != fields.size()) {
            throw new BadHeader(what + " without repeated names");
        }
    }

    private static OptionalLong count(Map<?, ?> snapshot, String key) throws BadHeader {
        Object v = snapshot.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long l) || l < 0 || l > ByteScanner.MAX_NUMBER) {
            throw new BadHeader("\"" + key + "\" as a non-negative integer");
        }
        return OptionalLong.of(l);
    }

    private static Map<?, ?> map(Object o, String what) throws BadHeader {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new BadHeader(what + " as a JSON object");
    }

    private static List<?> list(Object o, String what) throws BadHeader {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new BadHeader(what + " as a JSON array");
    }

    private static List<String> strings(Object o, String what) throws BadHeader {
        List<?> l = list(o, what);
        List<String> out = new ArrayList<>(l.size());
        for (Object e : l) {
            if (!(e instanceof String s)) {
                throw new BadHeader(what + " as an array of strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("empty header");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("unterminated object");
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Long.valueOf(-1) : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return Optional.empty();
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
