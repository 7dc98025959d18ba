package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text and Markdown {@link ReportWriter}s. */
record ReportTables(Style style, int top) implements ReportWriter {

    enum Style { TEXT, MARKDOWN }

    ReportTables {
        ReportWriter.checkTop(top);
    }

    @Override
    public ReportWriter withTop(int findings) {
        return new ReportTables(style, findings);
    }

    private boolean md() {
        return style == Style.MARKDOWN;
    }

    @Override
    public void write(LeakReport r, Appendable out) throws IOException {
        int n = r.snapshots().size();
        heading(out, 1, "heapdiff leaks: " + n + " snapshots, grouped by " + r.grouping().name().toLowerCase(java.util.Locale.ROOT)
                + ", ranked by " + r.ranking());
        snapshots(out, r);
        paragraph(out, "Summary: " + ReportParts.summary(r) + ".");

        overview(out, r);
        for (Finding f : ReportParts.detailed(r, top)) {
            finding(out, f, n);
        }
        controls(out, r);
        Map<GroupKey, Finding> owner = ReportParts.findingOf(r);
        groups(out, "New", r.newGroups(), "absent from the first snapshot, present in the last", owner);
        groups(out, "Gone", r.goneGroups(), "present in the first snapshot, absent from the last", owner);
        groups(out, "Not shown", r.notShown(), "an elided listing did not show these: their count there is unknown, not zero",
                owner);
        List<Evidence> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            heading(out, 2, "Warnings (" + warnings.size() + ")");
            for (Evidence w : warnings) {
                bullet(out, w.reason());
            }
            out.append('\n');
        }
        paragraph(out, "Heuristics: " + String.join(", ", r.heuristics()) + ".");
    }

    private void snapshots(Appendable out, LeakReport r) throws IOException {
        Table t = new Table(List.of(">#", "snapshot", "format", ">groups", ">objects", "notes"));
        for (int i = 0; i < r.snapshots().size(); i++) {
            SnapshotInfo s = r.snapshots().get(i);
            List<String> notes = new ArrayList<>();
            s.source().captureTime().ifPresent(tm -> notes.add("taken " + tm));
            if (s.partial()) {
                notes.add("partial: the listing elided rows");
            }
            s.totals().shallowBytes().ifPresent(b -> notes.add(Numbers.bytes(b) + " shallow"));
            t.row(List.of(String.valueOf(i + 1), s.source().name(), s.source().formatId(), Numbers.count(s.groups()),
                    Numbers.count(s.totals().count()), String.join("; ", notes)));
        }
        emit(out, t);
        out.append('\n');
    }

    private void overview(Appendable out, LeakReport r) throws IOException {
        int total = r.findings().size();
        heading(out, 2, "Findings" + shown(total));
        if (total == 0) {
            paragraph(out, md() ? "None: no group grew." : "  none: no group grew");
            return;
        }
        boolean bytes = ReportParts.hasBytes(r);
        List<String> h = new ArrayList<>(List.of(">rank", "verdict", "group"));
        for (int i = 1; i <= r.snapshots().size(); i++) {
            h.add(">#" + i);
        }
        h.addAll(List.of(">change", ">ratio"));
        if (bytes) {
            h.add(">bytes change");
        }
        h.add(">companions");
        Table t = new Table(h);
        for (Finding f : r.findings().subList(0, Math.min(top, total))) {
            List<String> c = new ArrayList<>(List.of(String.valueOf(f.rank()), f.verdict().label(), ReportParts.key(f.group().key())));
            c.addAll(ReportParts.history(f.group()));
            c.add(ReportParts.change(f.group()));
            c.add(ReportParts.ratio(f.group()));
            if (bytes) {
                c.add(ReportParts.bytesChange(f.group()));
            }
            c.add(f.companions().isEmpty() ? "" : String.valueOf(f.companions().size()));
            t.row(c);
        }
        emit(out, t);
        out.append('\n');
        if (total > top) {
            paragraph(out, (total - top) + " more findings are not listed (raise --top to see them).");
        }
    }

    private void finding(Appendable out, Finding f, int snapshots) throws IOException {
        heading(out, 2, "Finding " + f.rank() + ": " + ReportParts.key(f.group().key()));
        paragraph(out, capitalise(ReportParts.verdict(f)) + ". " + String.join(" -> ", ReportParts.history(f.group()))
                + " (" + ReportParts.change(f.group()) + ", " + ReportParts.ratio(f.group()) + ").");
        Table ev = new Table(List.of(">weight", "heuristic", "kind", "reason"));
        for (Evidence e : f.evidence()) {
            ev.row(List.of(ReportParts.weight(e), e.heuristic(), e.kind(), e.reason()));
        }
        subheading(out, "Evidence");
        emit(out, ev);
        out.append('\n');
        f.holder().flatMap(Evidence::path).ifPresent(path -> {
            try {
                subheading(out, "Retainer path of the holder");
                if (md()) {
                    out.append("```\n").append(path.renderLines("")).append("\n```\n\n");
                } else {
                    out.append(path.renderLines("    ")).append("\n\n");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!f.companions().isEmpty()) {
            subheading(out, "Companions (" + f.companions().size() + "): their growth is explained by "
                    + ReportParts.key(f.group().key()));
            List<String> h = new ArrayList<>(List.of("group"));
            for (int i = 1; i <= snapshots; i++) {
                h.add(">#" + i);
            }
            h.addAll(List.of(">change", ">ratio"));
            Table t = new Table(h);
            List<Companion> shownCompanions = f.companions().subList(0, Math.min(top, f.companions().size()));
            for (Companion c : shownCompanions) {
                List<String> row = new ArrayList<>(List.of(ReportParts.key(c.key())));
                row.addAll(ReportParts.history(c.delta()));
                row.add(ReportParts.change(c.delta()));
                row.add(ReportParts.ratio(c.delta()));
                t.row(row);
            }
            emit(out, t);
            out.append('\n');
            for (Companion c : shownCompanions) {
                bullet(out, ReportParts.key(c.key()) + c.via().map(v -> " (via " + ReportParts.key(v) + ")").orElse("") + ": "
                        + c.evidence().reason());
            }
            if (f.companions().size() > shownCompanions.size()) {
                bullet(out, (f.companions().size() - shownCompanions.size()) + " more companions are not listed");
            }
            out.append('\n');
        }
    }

    private void controls(Appendable out, LeakReport r) throws IOException {
        heading(out, 2, "Controls" + shown(r.controls().size()));
        if (r.controls().isEmpty()) {
            paragraph(out, md() ? "None: no large group kept the same count in every snapshot."
                    : "  none: no large group kept the same count in every snapshot");
            return;
        }
        paragraph(out, md() ? "The same count in every snapshot: they vouch that the snapshots are comparable."
                : "  the same count in every snapshot: they vouch that the snapshots are comparable");
        Table t = new Table(List.of("group", ">count"));
        for (GroupDelta d : r.controls().subList(0, Math.min(top, r.controls().size()))) {
            t.row(List.of(ReportParts.key(d.key()), Numbers.count(d.last().stats().count())));
        }
        emit(out, t);
        out.append('\n');
    }

    private void groups(Appendable out, String name, List<GroupDelta> groups, String explanation,
            Map<GroupKey, Finding> owner) throws IOException {
        heading(out, 2, name + shown(groups.size()));
        if (groups.isEmpty()) {
            paragraph(out, md() ? "None." : "  none");
            return;
        }
        paragraph(out, md() ? capitalise(explanation) + "." : "  " + explanation);
        List<String> h = new ArrayList<>(List.of("group"));
        for (int i = 1; i <= groups.get(0).history().size(); i++) {
            h.add(">#" + i);
        }
        h.add("finding");
        Table t = new Table(h);
        for (GroupDelta d : groups.subList(0, Math.min(top, groups.size()))) {
            List<String> row = new ArrayList<>(List.of(ReportParts.key(d.key())));
            row.addAll(ReportParts.history(d));
            Finding f = owner.get(d.key());
            row.add(f == null ? "" : f.group().key().equals(d.key()) ? "finding " + f.rank()
                    : "companion in finding " + f.rank());
            t.row(row);
        }
        emit(out, t);
        out.append('\n');
    }

    private String shown(int total) {
        return total > top ? " (top " + top + " of " + Numbers.count(total) + ")" : " (" + total + ")";
    }

    private void heading(Appendable out, int level, String text) throws IOException {
        if (md()) {
            out.append("#".repeat(level)).append(' ').append(Table.escapeText(text)).append("\n\n");
        } else {
            out.append(text).append('\n').append(level == 1 ? "\n" : "");
        }
    }

    private void subheading(Appendable out, String text) throws IOException {
        if (md()) {
            out.append("**").append(Table.escapeText(text)).append("**\n\n");
        } else {
            out.append("  ").append(text).append('\n');
        }
    }

    private void paragraph(Appendable out, String text) throws IOException {
        if (md()) {
            out.append(Table.escapeText(text)).append("\n\n");
        } else {
            out.append(text.startsWith("  ") ? text : "  " + text).append("\n\n");
        }
    }

    private void bullet(Appendable out, String text) throws IOException {
        out.append(md() ? "- " + Table.escapeText(text) : "  - " + text).append('\n');
    }

    private void emit(Appendable out, Table t) throws IOException {
        if (md()) {
            t.writeMarkdown(out);
        } else {
            t.writeText(out, "  ");
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
