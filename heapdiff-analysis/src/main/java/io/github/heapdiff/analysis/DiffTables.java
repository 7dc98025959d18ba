package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Observation;
import io.github.heapdiff.RankedDiff;
import io.github.heapdiff.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/** The text and Markdown {@link DiffWriter}s. */
record DiffTables(Style style, int top) implements DiffWriter {

    enum Style { TEXT, MARKDOWN }

    DiffTables {
        checkArgument(top > 0, "top must be positive: %s", top);
    }

    @Override
    public DiffWriter withTop(int rows) {
        return new DiffTables(style, rows);
    }

    @Override
    public void write(RankedDiff ranked, Appendable out) throws IOException {
        HeapDiff diff = ranked.diff();
        List<Snapshot> snaps = diff.snapshots();
        title(out, "heapdiff: " + snaps.size() + " snapshots, grouped by "
                + diff.grouping().name().toLowerCase(java.util.Locale.ROOT) + ", ranked by " + ranked.ranking().name());
        snapshots(out, snaps);

        boolean shallow = diff.deltas().stream().anyMatch(d -> d.shallowBytesDelta().isPresent());
        boolean retained = diff.deltas().stream().anyMatch(d -> d.last().retainedBytes().isPresent()
                && d.last().presence() == Observation.Presence.PRESENT);

        List<RankedDiff.Entry> entries = ranked.entries();
        Table grew = table(snaps.size(), true, shallow, retained);
        int rank = 1;
        for (RankedDiff.Entry e : ranked.top(top)) {
            grew.row(cells(String.valueOf(rank++), e.delta(), shallow, retained));
        }
        section(out, "Grew", entries.size(), grew, "by " + ranked.ranking().name());
        Set<Object> rankedKeys = new HashSet<>();
        entries.forEach(e -> rankedKeys.add(e.delta().key()));
        long unrankedGrowers = diff.deltas().stream()
                .filter(d -> !rankedKeys.contains(d.key()) && d.countDelta().orElse(0) > 0).count();
        if (unrankedGrowers > 0) {
            note(out, unrankedGrowers + " more groups grew but are not ranked by " + ranked.ranking().name() + ".");
        }

        list(out, "Unchanged", diff, GroupDelta::isUnchanged,
                Comparator.comparingLong((GroupDelta d) -> -d.last().stats().count()), shallow, retained,
                "the same count in every snapshot: these vouch that the snapshots are comparable");
        list(out, "Shrank", diff, d -> d.countDelta().orElse(0) < 0 && !d.isGone(),
                Comparator.comparingLong((GroupDelta d) -> d.countDelta().getAsLong()), shallow, retained, "");
        list(out, "Gone", diff, GroupDelta::isGone,
                Comparator.comparingLong((GroupDelta d) -> -d.first().stats().count()), shallow, retained, "");
        list(out, "Not shown", diff, GroupDelta::hasUnknown,
                Comparator.comparingLong(DiffTables::largestKnown).reversed(), shallow, retained,
                "a listing elided these rows: their count there is unknown, not zero");
    }

    private static long largestKnown(GroupDelta d) {
        long max = 0;
        for (Observation o : d.history()) {
            max = Math.max(max, o.count().orElse(0));
        }
        return max;
    }

    private void list(Appendable out, String name, HeapDiff diff, Predicate<GroupDelta> filter,
            Comparator<GroupDelta> order, boolean shallow, boolean retained, String explanation) throws IOException {
        List<GroupDelta> rows = new ArrayList<>();
        for (GroupDelta d : diff.deltas()) {
            if (filter.test(d)) {
                rows.add(d);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(order.thenComparing(GroupDelta::key));
        Table t = table(diff.snapshots().size(), false, shallow, retained);
        for (GroupDelta d : rows.subList(0, Math.min(top, rows.size()))) {
            t.row(cells("", d, shallow, retained).subList(1, t.columnCount() + 1));
        }
        section(out, name, rows.size(), t, explanation);
    }

    private static Table table(int snapshots, boolean withRank, boolean shallow, boolean retained) {
        List<String> h = new ArrayList<>();
        if (withRank) {
            h.add(">rank");
        }
        h.add("group");
        for (int i = 1; i <= snapshots; i++) {
            h.add(">#" + i);
        }
        h.add(">change");
        h.add(">ratio");
        if (shallow) {
            h.add(">bytes #" + snapshots);
            h.add(">bytes change");
        }
        if (retained) {
            h.add(">retained #" + snapshots);
            h.add(">retained change");
        }
        return new Table(h);
    }

    private static List<String> cells(String rank, GroupDelta d, boolean shallow, boolean retained) {
        List<String> c = new ArrayList<>();
        c.add(rank);
        c.add(d.key().render());
        for (Observation o : d.history()) {
            c.add(switch (o.presence()) {
                case PRESENT -> Numbers.count(o.stats().count());
                case ABSENT -> "-";
                case NOT_SHOWN -> "not shown";
            });
        }
        c.add(Numbers.signed(d.countDelta()));
        c.add(d.isNew() ? "new" : d.isGone() ? "gone" : Numbers.ratio(d.countRatio()));
        if (shallow) {
            OptionalLong b = d.last().shallowBytes();
            c.add(b.isPresent() ? Numbers.bytes(b.getAsLong()) : "?");
            OptionalLong db = d.shallowBytesDelta();
            c.add(db.isPresent() ? Numbers.signedBytes(db.getAsLong()) : "?");
        }
        if (retained) {
            OptionalLong r = d.last().retainedBytes();
            c.add(r.isPresent() ? Numbers.bytes(r.getAsLong()) : "?");
            OptionalLong dr = d.retainedBytesDelta();
            c.add(dr.isPresent() ? Numbers.signedBytes(dr.getAsLong()) : "?");
        }
        return c;
    }

    private void title(Appendable out, String title) throws IOException {
        if (style == Style.MARKDOWN) {
            out.append("# ").append(Table.escape(title)).append("\n\n");
        } else {
            out.append(title).append("\n\n");
        }
    }

    private void snapshots(Appendable out, List<Snapshot> snaps) throws IOException {
        Table t = new Table(List.of(">#", "snapshot", "format", ">groups", ">objects", "notes"));
        for (int i = 0; i < snaps.size(); i++) {
            Snapshot s = snaps.get(i);
            List<String> notes = new ArrayList<>();
            s.source().captureTime().ifPresent(tm -> notes.add("taken " + tm));
            if (s.isPartial()) {
                notes.add("partial: the listing elided rows");
            }
            t.row(List.of(String.valueOf(i + 1), s.source().name(), s.source().formatId(),
                    Numbers.count(s.groups().size()), Numbers.count(s.totals().count()), String.join("; ", notes)));
        }
        emit(out, t);
        out.append('\n');
    }

    private void section(Appendable out, String name, int total, Table t, String explanation) throws IOException {
        String shown = total > top ? " (top " + top + " of " + Numbers.count(total) + ")" : " (" + total + ")";
        String suffix = explanation.isEmpty() ? "" : ": " + explanation;
        if (style == Style.MARKDOWN) {
            out.append("## ").append(name).append(shown).append("\n\n");
            if (!explanation.isEmpty()) {
                out.append(Table.escape(capitalise(explanation))).append(".\n\n");
            }
        } else {
            out.append(name).append(shown).append(suffix).append('\n');
        }
        if (t.isEmpty()) {
            out.append(style == Style.MARKDOWN ? "None.\n\n" : "  none\n\n");
            return;
        }
        emit(out, t);
        out.append('\n');
    }

    private void note(Appendable out, String text) throws IOException {
        out.append(style == Style.MARKDOWN ? Table.escape(text) + "\n\n" : "  " + text + "\n\n");
    }

    private void emit(Appendable out, Table t) throws IOException {
        if (style == Style.MARKDOWN) {
            t.writeMarkdown(out);
        } else {
            t.writeText(out, "  ");
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
