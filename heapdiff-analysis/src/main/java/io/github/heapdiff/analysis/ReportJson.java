package io.github.heapdiff.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Observation;
import io.github.heapdiff.RetainerPath;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON {@link ReportWriter}; the fields are documented on {@link ReportWriter#json()}.
 *
 * @param top the most findings, controls, new, gone and not-shown groups written
 * @param compact true for one line, false for indented output
 */
record ReportJson(int top, boolean compact) implements ReportWriter {

    /** The version of the JSON layout. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    ReportJson {
        ReportWriter.checkTop(top);
    }

    @Override
    public ReportWriter withTop(int findings) {
        return new ReportJson(findings, compact);
    }

    @Override
    public void write(LeakReport r, Appendable out) throws IOException {
        Writer w = out instanceof Writer ww ? ww : new AppendableWriter(out);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            if (!compact) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("tool", "heapdiff");
            g.writeStringField("grouping", r.grouping().name().toLowerCase(Locale.ROOT));
            g.writeStringField("ranking", r.ranking());
            g.writeArrayFieldStart("heuristics");
            for (String h : r.heuristics()) {
                g.writeString(h);
            }
            g.writeEndArray();
            snapshots(g, r);
            g.writeObjectFieldStart("summary");
            g.writeNumberField("findings", r.findings().size());
            g.writeNumberField("likelyLeaks", r.findings(Verdict.LIKELY_LEAK).size());
            g.writeNumberField("unknown", r.findings(Verdict.UNKNOWN).size());
            g.writeNumberField("notALeak", r.findings(Verdict.NOT_A_LEAK).size());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings().subList(0, Math.min(top, r.findings().size()))) {
                finding(g, f);
            }
            g.writeEndArray();
            groupList(g, "controls", r.controls());
            groupList(g, "newGroups", r.newGroups());
            groupList(g, "goneGroups", r.goneGroups());
            groupList(g, "notShown", r.notShown());
            g.writeArrayFieldStart("warnings");
            for (Evidence e : r.warnings()) {
                evidence(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.append('\n');
    }

    private static void snapshots(JsonGenerator g, LeakReport r) throws IOException {
        g.writeArrayFieldStart("snapshots");
        for (int i = 0; i < r.snapshots().size(); i++) {
            SnapshotInfo s = r.snapshots().get(i);
            g.writeStartObject();
            g.writeNumberField("index", i + 1);
            g.writeStringField("name", s.source().name());
            g.writeStringField("format", s.source().formatId());
            if (s.source().captureTime().isPresent()) {
                g.writeStringField("captureTime", s.source().captureTime().get().toString());
            }
            g.writeBooleanField("partial", s.partial());
            g.writeNumberField("groups", s.groups());
            g.writeNumberField("objects", s.totals().count());
            optional(g, "shallowBytes", s.totals().shallowBytes());
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : s.source().metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void groupList(JsonGenerator g, String name, List<GroupDelta> groups) throws IOException {
        g.writeArrayFieldStart(name);
        for (GroupDelta d : groups.subList(0, Math.min(top, groups.size()))) {
            group(g, d);
        }
        g.writeEndArray();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rank", f.rank());
        g.writeStringField("verdict", f.verdict().id());
        g.writeStringField("confidence", f.confidence().id());
        g.writeNumberField("score", f.assessment().score());
        if (f.rankScore().isPresent()) {
            g.writeNumberField("rankScore", GrowthHeuristic.round(f.rankScore().getAsDouble()));
        }
        g.writeStringField("summary", f.summary());
        g.writeFieldName("group");
        group(g, f.group());
        g.writeArrayFieldStart("companions");
        for (Companion c : f.companions()) {
            g.writeStartObject();
            g.writeFieldName("group");
            group(g, c.delta());
            if (c.via().isPresent()) {
                g.writeStringField("via", c.via().get().render());
            }
            g.writeFieldName("evidence");
            evidence(g, c.evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            evidence(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void group(JsonGenerator g, GroupDelta d) throws IOException {
        g.writeStartObject();
        key(g, d.key());
        g.writeArrayFieldStart("history");
        for (Observation o : d.history()) {
            g.writeStartObject();
            g.writeStringField("presence", o.presence().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            optional(g, "count", o.count());
            optional(g, "shallowBytes", o.shallowBytes());
            optional(g, "retainedBytes", o.retainedBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        optional(g, "countDelta", d.countDelta());
        if (d.countRatio().isPresent()) {
            g.writeNumberField("countRatio", GrowthHeuristic.round(d.countRatio().getAsDouble()));
        }
        g.writeEndObject();
    }

    private static void key(JsonGenerator g, GroupKey k) throws IOException {
        g.writeStringField("key", k.render());
        g.writeStringField("type", k.type());
        if (k.shape().isPresent()) {
            g.writeObjectFieldStart("shape");
            g.writeArrayFieldStart("names");
            for (String n : k.shape().get().names()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeNumberField("propertyCount", k.shape().get().propertyCount());
            g.writeBooleanField("truncated", k.shape().get().truncated());
            g.writeEndObject();
        }
    }

    private static void evidence(JsonGenerator g, Evidence e) throws IOException {
        g.writeStartObject();
        g.writeStringField("heuristic", e.heuristic());
        g.writeStringField("kind", e.kind());
        g.writeStringField("stance", e.stance().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        g.writeNumberField("weight", e.weight());
        g.writeBooleanField("decisive", e.decisive());
        g.writeStringField("reason", e.reason());
        g.writeObjectFieldStart("numbers");
        for (Map.Entry<String, Number> n : e.numbers().entrySet()) {
            Number v = n.getValue();
            if (v instanceof Double || v instanceof Float) {
                g.writeNumberField(n.getKey(), v.doubleValue());
            } else {
                g.writeNumberField(n.getKey(), v.longValue());
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("groups");
        for (GroupKey k : e.groups()) {
            g.writeString(k.render());
        }
        g.writeEndArray();
        if (e.path().isPresent()) {
            g.writeArrayFieldStart("path");
            for (RetainerPath.Step s : e.path().get().steps()) {
                g.writeStartObject();
                g.writeStringField("edge", s.edge());
                g.writeStringField("type", s.type());
                g.writeNumberField("objectId", s.objectId());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, OptionalLong v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsLong());
        }
    }

    /** Adapts an {@link Appendable} to a {@link Writer}. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
