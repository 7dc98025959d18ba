package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes one snapshot's groups as a class histogram: rank, group, count, shallow and retained
 * bytes where known, origin where known; largest first.
 *
 * <p>Immutable and thread-safe; output is deterministic.
 *
 * @param markdownTable true for a Markdown table, false for aligned text
 * @param top the most groups listed
 * @param order what "largest" means
 */
public record SnapshotWriter(boolean markdownTable, int top, Order order) {

    /** What the histogram is sorted by, descending; ties by group key. */
    public enum Order {
        /** Object count. */
        COUNT,
        /** Shallow bytes (groups without sizes last). */
        BYTES,
        /** Retained bytes (groups without retained sizes last). */
        RETAINED
    }

    /** Validates. */
    public SnapshotWriter {
        checkArgument(top > 0, "top must be positive: %s", top);
        checkArgument(order != null, "order");
    }

    /** Aligned text, top 20 by count. */
    public static SnapshotWriter text() {
        return new SnapshotWriter(false, DiffWriter.DEFAULT_TOP, Order.COUNT);
    }

    /** A Markdown table, top 20 by count. */
    public static SnapshotWriter markdown() {
        return new SnapshotWriter(true, DiffWriter.DEFAULT_TOP, Order.COUNT);
    }

    /** Returns this writer listing at most {@code rows} groups. */
    public SnapshotWriter withTop(int rows) {
        return new SnapshotWriter(markdownTable, rows, order);
    }

    /** Returns this writer sorting by {@code by}. */
    public SnapshotWriter withOrder(Order by) {
        return new SnapshotWriter(markdownTable, top, by);
    }

    /** Writes {@code snapshot} to {@code out}. */
    public void write(Snapshot snapshot, Appendable out) throws IOException {
        List<ObjectGroup> groups = new ArrayList<>(snapshot.groups());
        Comparator<ObjectGroup> cmp = switch (order) {
            case COUNT -> Comparator.comparingLong(g -> -g.count());
            case BYTES -> Comparator.comparingLong(g -> -g.stats().shallowBytes().orElse(-1));
            case RETAINED -> Comparator.comparingLong(g -> -g.stats().retainedBytes().orElse(-1));
        };
        groups.sort(cmp.thenComparing(ObjectGroup::key));
        boolean shallow = groups.stream().anyMatch(g -> g.stats().shallowBytes().isPresent());
        boolean retained = groups.stream().anyMatch(g -> g.stats().retainedBytes().isPresent());
        boolean origin = groups.stream().anyMatch(g -> g.origin().isPresent());
        List<String> headers = new ArrayList<>(List.of(">rank", "group", ">count"));
        if (shallow) {
            headers.add(">shallow");
        }
        if (retained) {
            headers.add(">retained");
        }
        if (origin) {
            headers.add("origin");
        }
        Table t = new Table(headers);
        int rank = 1;
        for (ObjectGroup g : groups.subList(0, Math.min(top, groups.size()))) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), g.key().render(), Numbers.count(g.count())));
            if (shallow) {
                row.add(bytes(g.stats().shallowBytes()));
            }
            if (retained) {
                row.add(bytes(g.stats().retainedBytes()));
            }
            if (origin) {
                row.add(g.origin().map(o -> o.name()).orElse(""));
            }
            t.row(row);
        }
        String title = snapshot.source().name() + " (" + snapshot.source().formatId() + "): "
                + Numbers.count(snapshot.groups().size()) + " groups, " + Numbers.count(snapshot.totals().count())
                + " objects" + snapshot.totals().shallowBytes().stream().mapToObj(b -> ", " + Numbers.bytes(b))
                        .findFirst().orElse("")
                + (snapshot.isPartial() ? " (partial: the listing elided rows)" : "");
        if (markdownTable) {
            out.append("# ").append(Table.escape(title)).append("\n\n");
            metadata(out, snapshot.source().metadata());
            t.writeMarkdown(out);
        } else {
            out.append(title).append('\n');
            metadata(out, snapshot.source().metadata());
            out.append('\n');
            t.writeText(out, "  ");
        }
        if (groups.size() > top) {
            out.append(markdownTable ? "\n" : "  ").append("... and ").append(Numbers.count(groups.size() - top))
                    .append(" more groups\n");
        }
    }

    private void metadata(Appendable out, Map<String, String> metadata) throws IOException {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String line = e.getKey() + ": " + e.getValue();
            out.append(markdownTable ? "- " + Table.escape(line) + "\n" : "  " + line + "\n");
        }
        if (markdownTable && !metadata.isEmpty()) {
            out.append('\n');
        }
    }

    private static String bytes(OptionalLong b) {
        return b.isPresent() ? String.format(Locale.ROOT, "%,d", b.getAsLong()) : "?";
    }

    /** Writes {@code snapshot} to a string. */
    public String toString(Snapshot snapshot) {
        StringBuilder sb = new StringBuilder();
        try {
            write(snapshot, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
