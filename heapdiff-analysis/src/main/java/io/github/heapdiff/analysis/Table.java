package io.github.heapdiff.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A small table rendered as aligned text or as a Markdown table; shared by the writers. */
final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns named {@code headers}; a header starting with '>' is right-aligned (the '>' is dropped). */
    Table(List<String> headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            rightAligned[i] = h.startsWith(">");
            this.headers.add(rightAligned[i] ? h.substring(1) : h);
        }
    }

    Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    int columnCount() {
        return headers.size();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void writeText(Appendable out, String indent) throws IOException {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, indent, headers, width);
        for (List<String> r : rows) {
            line(out, indent, r, width);
        }
    }

    private void line(Appendable out, String indent, List<String> cells, int[] width) throws IOException {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(rightAligned[i] ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
        }
        out.append(sb.toString().stripTrailing()).append('\n');
    }

    void writeMarkdown(Appendable out) throws IOException {
        out.append('|');
        for (String h : headers) {
            out.append(' ').append(escape(h)).append(" |");
        }
        out.append("\n|");
        for (boolean right : rightAligned) {
            out.append(right ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> r : rows) {
            out.append('|');
            for (String c : r) {
                out.append(' ').append(escape(c)).append(" |");
            }
            out.append('\n');
        }
    }

    /** Escapes inline Markdown markup in running text (not in a table cell): emphasis, code, links, HTML. */
    static String escapeText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' || c == ']') {
                sb.append('\\');
            }
            sb.append(c == '\n' ? ' ' : c);
        }
        return sb.toString();
    }

    /** Escapes Markdown table syntax and inline markup in a cell. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']') {
                sb.append('\\');
            }
            sb.append(c == '\n' ? ' ' : c);
        }
        return sb.toString();
    }
}
