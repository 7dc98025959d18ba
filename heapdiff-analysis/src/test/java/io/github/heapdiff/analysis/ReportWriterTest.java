package io.github.heapdiff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    private static final LeakReport FOUNDING = FoundingStoryTest.report();

    @Test
    void html_is_one_self_contained_file_without_scripts_or_external_urls() {
        String html = ReportWriter.html().toString(FOUNDING);
        String lower = html.toLowerCase(Locale.ROOT);
        assertTrue(lower.startsWith("<!doctype html>") && lower.strip().endsWith("</html>"));
        for (String forbidden : List.of("<script", "<link", "<iframe", "<img", "<object", "<embed", "@import", "url(",
                "http:", "https:", "//", " src=", " href=", "javascript:")) {
            assertFalse(lower.contains(forbidden), "the report must not contain " + forbidden);
        }
        assertTrue(html.contains("<svg viewBox"), "the chart is inline SVG");
        assertTrue(html.contains("<style>"), "the style is inline");
    }

    @Test
    void html_shows_the_chart_series_and_the_findings() {
        String html = ReportWriter.html().toString(FOUNDING);
        assertTrue(html.contains("<title>TraceSegment: name, transaction, ...: 209,896 in #2</title>"), "a point's tooltip");
        assertTrue(html.contains("Finding 1: <code>TraceSegment: name, transaction, ...</code>"));
        assertTrue(html.contains("stroke-dasharray"), "the control is drawn dashed");
        assertEquals(html, ReportWriter.html().toString(FoundingStoryTest.report()), "deterministic");
    }

    @Test
    void html_escapes_names() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", ReportHtml.esc("<b> & \"x\" 'y'"));
    }

    @Test
    void json_is_valid_and_carries_its_schema_version_and_the_documented_fields() throws IOException {
        String json = ReportWriter.json().toString(FOUNDING);
        List<String> fields = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                    fields.add(p.currentName());
                }
            }
            assertEquals(0, depth);
        }
        assertEquals(List.of("schemaVersion", "tool", "grouping", "ranking", "heuristics", "snapshots", "summary",
                "findings", "controls", "newGroups", "goneGroups", "notShown", "warnings"), fields);
        assertTrue(json.contains("\"schemaVersion\" : 1"));
        assertTrue(json.contains("\"verdict\" : \"likely-leak\""));
        assertTrue(json.contains("\"presence\" : \"not-shown\""));
        Matcher m = Pattern.compile("\"key\" : \"([^\"]*)\"").matcher(json);
        assertTrue(m.find());
        assertEquals("TraceSegment: name, transaction, ...", m.group(1));
    }

    @Test
    void writers_are_named_and_top_must_be_positive() {
        assertTrue(ReportWriter.named("md") instanceof ReportTables);
        assertTrue(ReportWriter.named("HTML") instanceof ReportHtml);
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.named("pdf"));
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.text().withTop(0));
        String two = ReportWriter.text().withTop(2).toString(FOUNDING);
        assertTrue(two.contains("Findings (top 2 of 10)"), two);
        assertTrue(two.contains("8 more findings are not listed"), two);
    }
}
