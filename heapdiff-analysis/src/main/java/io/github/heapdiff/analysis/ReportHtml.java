package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.RetainerPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML {@link ReportWriter}: one self-contained file with inline CSS and an inline SVG chart;
 * no scripts, no external fonts, images or links.
 *
 * @param top the most findings listed
 */
record ReportHtml(int top) implements ReportWriter {

    /** Series colours (colour-blind friendly, distinct in print). */
    private static final String[] COLOURS = {"#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
        "#edc948", "#9c755f"};
    private static final int MAX_SERIES = 6;
    private static final int MAX_CONTROL_SERIES = 2;

    ReportHtml {
        ReportWriter.checkTop(top);
    }

    @Override
    public ReportWriter withTop(int findings) {
        return new ReportHtml(findings);
    }

    @Override
    public void write(LeakReport r, Appendable out) throws IOException {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>heapdiff leak report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>heapdiff leak report</h1><p class=\"sub\">").append(r.snapshots().size())
                .append(" snapshots, grouped by ").append(esc(r.grouping().name().toLowerCase(Locale.ROOT)))
                .append(", findings ranked by ").append(esc(r.ranking())).append("</p></header>\n<main>\n");
        cards(h, r);
        chart(h, r);
        snapshots(h, r);
        overview(h, r);
        for (Finding f : ReportParts.detailed(r, top)) {
            finding(h, f, r.snapshots().size());
        }
        Map<GroupKey, Finding> owner = ReportParts.findingOf(r);
        groupSection(h, "Controls", r.controls(), "The same count in every snapshot: they vouch that the snapshots are "
                + "comparable.", "No large group kept the same count in every snapshot.", owner);
        groupSection(h, "New groups", r.newGroups(), "Absent from the first snapshot, present in the last.", "None.", owner);
        groupSection(h, "Gone groups", r.goneGroups(), "Present in the first snapshot, absent from the last.", "None.", owner);
        groupSection(h, "Not shown", r.notShown(), "An elided listing did not show these: their count there is unknown, "
                + "not zero.", "None.", owner);
        if (!r.warnings().isEmpty()) {
            h.append("<section><h2>Warnings</h2><ul class=\"warnings\">");
            for (Evidence w : r.warnings()) {
                h.append("<li>").append(esc(w.reason())).append("</li>");
            }
            h.append("</ul></section>\n");
        }
        h.append("</main>\n<footer>Heuristics: ").append(esc(String.join(", ", r.heuristics())))
                .append(". Reports show type and property names, counts and sizes, never string contents from the heap."
                        + "</footer>\n</body>\n</html>\n");
        out.append(h);
    }

    private static void cards(StringBuilder h, LeakReport r) {
        h.append("<section class=\"cards\">");
        card(h, "leak", r.findings(Verdict.LIKELY_LEAK).size(), "likely leak" + (r.findings(Verdict.LIKELY_LEAK).size() == 1 ? "" : "s"));
        card(h, "unknown", r.findings(Verdict.UNKNOWN).size(), "unknown");
        card(h, "ok", r.findings(Verdict.NOT_A_LEAK).size(), "not a leak");
        card(h, "control", r.controls().size(), r.controls().size() == 1 ? "control" : "controls");
        card(h, r.warnings().isEmpty() ? "neutral" : "warn", r.warnings().size(), r.warnings().size() == 1 ? "warning" : "warnings");
        h.append("</section>\n");
        if (!r.findings().isEmpty()) {
            Finding f = r.findings().get(0);
            h.append("<p class=\"lead\"><span class=\"badge ").append(badge(f.verdict())).append("\">")
                    .append(esc(f.verdict().label())).append("</span> ").append(esc(f.summary())).append("</p>\n");
        }
    }

    private static void card(StringBuilder h, String cls, int n, String label) {
        h.append("<div class=\"card ").append(cls).append("\"><b>").append(n).append("</b><span>").append(esc(label))
                .append("</span></div>");
    }

    /** An SVG line chart of the top findings' groups (and a control or two, dashed) across the snapshots. */
    private void chart(StringBuilder h, LeakReport r) {
        List<GroupDelta> series = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (series.size() < Math.min(MAX_SERIES, top) && f.verdict() != Verdict.NOT_A_LEAK) {
                series.add(f.group());
                dashed.add(false);
            }
        }
        if (!r.findings().isEmpty() && series.size() < 4) {
            List<Companion> companions = new ArrayList<>(r.findings().get(0).companions());
            companions.sort(java.util.Comparator.comparingInt((Companion c) -> CompanionHeuristic.tier(c.key().type()))
                    .thenComparing(c -> -c.delta().countDelta().orElse(0))
                    .thenComparing(Companion::key));
            for (Companion c : companions) {
                if (series.size() >= 4) {
                    break;
                }
                series.add(c.delta());
                dashed.add(false);
            }
        }
        for (GroupDelta c : r.controls().subList(0, Math.min(MAX_CONTROL_SERIES, r.controls().size()))) {
            series.add(c);
            dashed.add(true);
        }
        if (series.isEmpty()) {
            return;
        }
        int n = r.snapshots().size();
        long max = 1;
        for (GroupDelta d : series) {
            for (long c : d.counts()) {
                max = Math.max(max, c);
            }
        }
        double step = niceStep(max / 5.0);
        double top = Math.ceil(max / step) * step;
        int w = 760;
        int ht = 320;
        int left = 78;
        int right = 20;
        int upper = 16;
        int bottom = 46;
        double pw = w - left - right;
        double ph = ht - upper - bottom;
        h.append("<section><h2>Top groups across the snapshots</h2>\n<figure class=\"chart\">")
                .append("<svg viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" role=\"img\" aria-label=\"Object counts of the top groups in each snapshot\">\n");
        for (double v = 0; v <= top + step / 2; v += step) {
            double y = upper + ph - v / top * ph;
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    left, w - right, y, y));
            h.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 8, y + 4, esc(shortCount((long) v))));
        }
        for (int i = 0; i < n; i++) {
            double x = x(i, n, left, pw);
            String name = r.snapshots().get(i).source().name();
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            h.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\"/>",
                    x, x, upper, upper + ph));
            String anchor = n > 1 && i == 0 ? "start" : n > 1 && i == n - 1 ? "end" : "middle";
            double lx = anchor.equals("start") ? x - 12 : anchor.equals("end") ? x + 12 : x;
            h.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">#%d %s</text>%n",
                    lx, upper + ph + 20, anchor, i + 1, esc(abbreviate(name, 28))));
        }
        for (int s = 0; s < series.size(); s++) {
            GroupDelta d = series.get(s);
            String colour = dashed.get(s) ? "#8a8f98" : COLOURS[s % COLOURS.length];
            long[] c = d.counts();
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                if (c[i] < 0) {
                    pen = false;
                    continue;
                }
                double x = x(i, n, left, pw);
                double y = upper + ph - c[i] / top * ph;
                path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                pen = true;
            }
            h.append("<g><title>").append(esc(ReportParts.key(d.key()))).append("</title>");
            h.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2.5\"").append(dashed.get(s) ? " stroke-dasharray=\"6 4\"" : "").append("/>");
            for (int i = 0; i < n; i++) {
                if (c[i] < 0) {
                    continue;
                }
                h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s in #%d</title></circle>",
                        x(i, n, left, pw), upper + ph - c[i] / top * ph, colour, esc(ReportParts.key(d.key())),
                        Numbers.count(c[i]), i + 1));
            }
            h.append("</g>\n");
        }
        h.append("</svg>\n<figcaption><ul class=\"legend\">");
        for (int s = 0; s < series.size(); s++) {
            String colour = dashed.get(s) ? "#8a8f98" : COLOURS[s % COLOURS.length];
            GroupDelta d = series.get(s);
            h.append("<li><i style=\"background:").append(colour).append(dashed.get(s) ? ";opacity:.6" : "")
                    .append("\"></i>").append(esc(ReportParts.key(d.key()))).append(" <small>")
                    .append(esc(dashed.get(s) ? "control, " + Numbers.count(d.last().stats().count())
                            : ReportParts.change(d) + ", " + ReportParts.ratio(d)))
                    .append("</small></li>");
        }
        h.append("</ul></figcaption></figure></section>\n");
    }

    private static double x(int i, int n, int left, double pw) {
        return n == 1 ? left + pw / 2 : left + 30 + i * (pw - 60) / (n - 1);
    }

    static double niceStep(double raw) {
        if (raw <= 1) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static String shortCount(long v) {
        if (v >= 1_000_000) {
            return trim(v / 1_000_000.0) + "M";
        }
        if (v >= 1_000) {
            return trim(v / 1_000.0) + "k";
        }
        return Long.toString(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static void snapshots(StringBuilder h, LeakReport r) {
        h.append("<section><h2>Snapshots</h2><table><thead><tr><th class=\"n\">#</th><th>snapshot</th><th>format</th>"
                + "<th>taken</th><th class=\"n\">groups</th><th class=\"n\">objects</th><th class=\"n\">shallow</th>"
                + "<th>notes</th></tr></thead><tbody>");
        for (int i = 0; i < r.snapshots().size(); i++) {
            SnapshotInfo s = r.snapshots().get(i);
            h.append("<tr><td class=\"n\">").append(i + 1).append("</td><td>").append(esc(s.source().name()))
                    .append("</td><td>").append(esc(s.source().formatId())).append("</td><td>")
                    .append(esc(s.source().captureTime().map(Object::toString).orElse("")))
                    .append("</td><td class=\"n\">").append(Numbers.count(s.groups())).append("</td><td class=\"n\">")
                    .append(Numbers.count(s.totals().count())).append("</td><td class=\"n\">")
                    .append(s.totals().shallowBytes().isPresent() ? Numbers.bytes(s.totals().shallowBytes().getAsLong()) : "")
                    .append("</td><td>").append(s.partial() ? "partial: the listing elided rows" : "").append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private void overview(StringBuilder h, LeakReport r) {
        int total = r.findings().size();
        h.append("<section><h2>Findings <small>").append(total > top ? "top " + top + " of " + Numbers.count(total)
                : String.valueOf(total)).append("</small></h2>");
        if (total == 0) {
            h.append("<p>No group grew.</p></section>\n");
            return;
        }
        boolean bytes = ReportParts.hasBytes(r);
        h.append("<table><thead><tr><th class=\"n\">rank</th><th>verdict</th><th>group</th>");
        for (int i = 1; i <= r.snapshots().size(); i++) {
            h.append("<th class=\"n\">#").append(i).append("</th>");
        }
        h.append("<th class=\"n\">change</th><th class=\"n\">ratio</th>");
        if (bytes) {
            h.append("<th class=\"n\">bytes change</th>");
        }
        h.append("<th class=\"n\">companions</th></tr></thead><tbody>");
        for (Finding f : r.findings().subList(0, Math.min(top, total))) {
            h.append("<tr><td class=\"n\">").append(f.rank()).append("</td><td><span class=\"badge ")
                    .append(badge(f.verdict())).append("\">").append(esc(f.verdict().label())).append("</span></td><td><code>")
                    .append(esc(ReportParts.key(f.group().key()))).append("</code></td>");
            for (String c : ReportParts.history(f.group())) {
                h.append("<td class=\"n\">").append(esc(c)).append("</td>");
            }
            h.append("<td class=\"n\">").append(esc(ReportParts.change(f.group()))).append("</td><td class=\"n\">")
                    .append(esc(ReportParts.ratio(f.group()))).append("</td>");
            if (bytes) {
                h.append("<td class=\"n\">").append(esc(ReportParts.bytesChange(f.group()))).append("</td>");
            }
            h.append("<td class=\"n\">").append(f.companions().isEmpty() ? "" : f.companions().size()).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private void finding(StringBuilder h, Finding f, int snapshots) {
        h.append("<section class=\"finding ").append(badge(f.verdict())).append("\"><h2>Finding ").append(f.rank())
                .append(": <code>").append(esc(ReportParts.key(f.group().key()))).append("</code></h2>");
        h.append("<p><span class=\"badge ").append(badge(f.verdict())).append("\">").append(esc(f.verdict().label()))
                .append("</span> ").append(esc(f.confidence().id())).append(" confidence, score ")
                .append(String.format(Locale.ROOT, "%.1f", f.assessment().score())).append(" &middot; ")
                .append(esc(String.join(" \u2192 ", ReportParts.history(f.group())))).append(" (")
                .append(esc(ReportParts.change(f.group()))).append(", ").append(esc(ReportParts.ratio(f.group())))
                .append(")</p>");
        h.append("<table class=\"evidence\"><thead><tr><th class=\"n\">weight</th><th>heuristic</th><th>kind</th>"
                + "<th>reason</th></tr></thead><tbody>");
        for (Evidence e : f.evidence()) {
            String cls = switch (e.stance()) {
                case FOR -> "for";
                case AGAINST -> "against";
                case NOT_A_LEAK -> "decisive";
                case NEUTRAL -> "neutral";
            };
            h.append("<tr class=\"").append(cls).append("\"><td class=\"n\">").append(esc(ReportParts.weight(e)))
                    .append("</td><td>").append(esc(e.heuristic())).append("</td><td>").append(esc(e.kind()))
                    .append("</td><td>").append(esc(e.reason())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        f.holder().flatMap(Evidence::path).ifPresent(p -> path(h, p));
        if (!f.companions().isEmpty()) {
            h.append("<h3>Companions <small>their growth is explained by <code>").append(esc(ReportParts.key(f.group().key())))
                    .append("</code></small></h3><table><thead><tr><th>group</th>");
            for (int i = 1; i <= snapshots; i++) {
                h.append("<th class=\"n\">#").append(i).append("</th>");
            }
            h.append("<th class=\"n\">change</th><th class=\"n\">ratio</th><th>why</th></tr></thead><tbody>");
            for (Companion c : f.companions().subList(0, Math.min(top, f.companions().size()))) {
                h.append("<tr><td><code>").append(esc(ReportParts.key(c.key()))).append("</code>");
                c.via().ifPresent(v -> h.append(" <small>via <code>").append(esc(ReportParts.key(v))).append("</code></small>"));
                h.append("</td>");
                for (String cell : ReportParts.history(c.delta())) {
                    h.append("<td class=\"n\">").append(esc(cell)).append("</td>");
                }
                h.append("<td class=\"n\">").append(esc(ReportParts.change(c.delta()))).append("</td><td class=\"n\">")
                        .append(esc(ReportParts.ratio(c.delta()))).append("</td><td class=\"why\">")
                        .append(esc(c.evidence().reason())).append("</td></tr>");
            }
            h.append("</tbody></table>");
            if (f.companions().size() > top) {
                h.append("<p class=\"muted\">").append(f.companions().size() - top).append(" more companions are not listed.</p>");
            }
        }
        h.append("</section>\n");
    }

    private static void path(StringBuilder h, RetainerPath p) {
        h.append("<h3>Retainer path of the holder</h3><ol class=\"path\">");
        for (RetainerPath.Step s : p.steps()) {
            h.append("<li><span class=\"edge\">").append(esc(s.edge())).append("</span> <code>").append(esc(s.type()))
                    .append("</code> <small>@").append(s.objectId()).append("</small></li>");
        }
        h.append("</ol>");
    }

    private void groupSection(StringBuilder h, String title, List<GroupDelta> groups, String explanation, String none,
            Map<GroupKey, Finding> owner) {
        h.append("<section><h2>").append(esc(title)).append(" <small>").append(groups.size()).append("</small></h2>");
        if (groups.isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(none)).append("</p></section>\n");
            return;
        }
        h.append("<p class=\"muted\">").append(esc(explanation)).append("</p><table><thead><tr><th>group</th>");
        int n = groups.get(0).history().size();
        for (int i = 1; i <= n; i++) {
            h.append("<th class=\"n\">#").append(i).append("</th>");
        }
        h.append("<th>finding</th></tr></thead><tbody>");
        for (GroupDelta d : groups.subList(0, Math.min(top, groups.size()))) {
            h.append("<tr><td><code>").append(esc(ReportParts.key(d.key()))).append("</code></td>");
            for (String c : ReportParts.history(d)) {
                h.append("<td class=\"n\">").append(esc(c)).append("</td>");
            }
            Finding f = owner.get(d.key());
            h.append("<td>").append(f == null ? "" : f.group().key().equals(d.key()) ? "finding " + f.rank()
                    : "companion in finding " + f.rank()).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static String badge(Verdict v) {
        return switch (v) {
            case LIKELY_LEAK -> "leak";
            case UNKNOWN -> "unknown";
            case NOT_A_LEAK -> "ok";
        };
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--bg:#ffffff;--soft:#f6f8fa;--leak:#c62828;--unknown:#b26a00;\
            --ok:#2e7d32;--warn:#8a6d00}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
            header{background:#24292f;color:#fff;padding:20px 32px}
            header h1{margin:0;font-size:22px;font-weight:600}
            header .sub{margin:4px 0 0;color:#c9d1d9}
            main{max-width:1180px;margin:0 auto;padding:16px 32px 32px}
            h2{font-size:18px;margin:28px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
            h2 small,h3 small{font-weight:400;color:var(--muted);font-size:13px}
            h3{font-size:15px;margin:18px 0 8px}
            code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            table{border-collapse:collapse;width:100%;margin:6px 0 4px;font-size:13px}
            th,td{text-align:left;padding:5px 9px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:var(--soft);font-weight:600;white-space:nowrap}
            td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            td.why{color:var(--muted)}
            .cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 4px}
            .card{flex:1 1 150px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft);\
            border-left:5px solid var(--line)}
            .card b{display:block;font-size:26px;line-height:1.1}
            .card span{color:var(--muted)}
            .card.leak{border-left-color:var(--leak)}.card.unknown{border-left-color:var(--unknown)}
            .card.ok{border-left-color:var(--ok)}.card.control{border-left-color:#4e79a7}.card.warn{border-left-color:var(--warn)}
            .lead{font-size:15px;margin:14px 0 0}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;\
            white-space:nowrap}
            .badge.leak{background:var(--leak)}.badge.unknown{background:var(--unknown)}.badge.ok{background:var(--ok)}
            .finding{border:1px solid var(--line);border-radius:8px;padding:2px 16px 12px;margin:18px 0;border-left:5px solid var(--line)}
            .finding.leak{border-left-color:var(--leak)}.finding.unknown{border-left-color:var(--unknown)}
            .finding.ok{border-left-color:var(--ok)}
            .finding h2{border:0;margin-top:12px}
            .evidence tr.for td:first-child{color:var(--leak);font-weight:600}
            .evidence tr.against td:first-child,.evidence tr.decisive td:first-child{color:var(--ok);font-weight:600}
            .evidence tr.neutral td{color:var(--muted)}
            .chart{margin:0}
            .chart svg{width:100%;max-width:860px;height:auto;display:block}
            .chart .grid{stroke:#eaeef2;stroke-width:1}
            .chart .axis{stroke:#d0d7de;stroke-width:1}
            .chart .tick{font-size:11px;fill:#656d76}
            .legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:6px 18px}
            .legend i{display:inline-block;width:14px;height:4px;border-radius:2px;vertical-align:middle;margin-right:6px}
            .legend small{color:var(--muted)}
            .path{font-size:13px;margin:4px 0;padding-left:22px}
            .path .edge{color:var(--muted)}
            .warnings li{color:var(--warn)}
            .muted{color:var(--muted)}
            footer{max-width:1180px;margin:0 auto;padding:12px 32px 28px;color:var(--muted);font-size:12px;\
            border-top:1px solid var(--line)}
            @media print{header{background:none;color:var(--fg)}header .sub{color:var(--muted)}.finding{break-inside:avoid}}
            """;
}
