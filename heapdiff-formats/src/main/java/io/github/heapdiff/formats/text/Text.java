package io.github.heapdiff.formats.text;

import java.util.ArrayList;
import java.util.List;

/** Small parsing helpers shared by the text readers: fields split on blanks, strict numbers. */
final class Text {

    /** The largest count or byte figure a listing may hold: beyond it the listing is not believed. */
    static final long MAX_FIGURE = 999_999_999_999_999_999L;

    private Text() {
    }

    static boolean isBlankChar(char c) {
        return c == ' ' || c == '\t';
    }

    /** The index of the first non-blank character at or after {@code i}. */
    static int skipBlanks(String s, int i) {
        int j = i;
        while (j < s.length() && isBlankChar(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The index just after the field starting at {@code i} (the next blank or the end). */
    static int fieldEnd(String s, int i) {
        int j = i;
        while (j < s.length() && !isBlankChar(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Returns true when {@code s} holds only blanks. */
    static boolean isBlank(String s) {
        return skipBlanks(s, 0) == s.length();
    }

    /** {@code s} without trailing blanks. */
    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isBlankChar(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The blank-separated fields of {@code s}. */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int i = skipBlanks(s, 0);
        while (i < s.length()) {
            int end = fieldEnd(s, i);
            out.add(s.substring(i, end));
            i = skipBlanks(s, end);
        }
        return out;
    }

    /**
     * The non-negative decimal number in {@code s[from, to)}, or -1 when it is empty, holds a
     * non-digit, or exceeds {@link #MAX_FIGURE}.
     */
    static long decimal(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Returns true when {@code s[from, to)} is 1 to 16 hexadecimal digits. */
    static boolean isHex(String s, int from, int to) {
        if (from >= to || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    /** The unsigned value of the 1 to 16 hexadecimal digits in {@code s[from, to)}; check with {@link #isHex} first. */
    static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = (v << 4) | Character.digit(s.charAt(i), 16);
        }
        return v;
    }

    /** Returns true when {@code s} (trimmed) is one or more dashes only. */
    static boolean isDashes(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c == '-');
    }

    /** Returns true when every blank-separated field of {@code line} is dashes, and there are {@code n} of them. */
    static boolean isDashRule(String line, int n) {
        List<String> f = fields(line);
        return f.size() == n && f.stream().allMatch(Text::isDashes);
    }
}
