package io.github.heapdiff.formats.v8;

import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A JSON byte scanner over large blocks read from a stream: the primitives the heap snapshot
 * parser needs (whitespace, punctuation, non-negative integers inside arrays, strings, skipping
 * any value). Every problem becomes a {@link MalformedSnapshotException} at the byte offset.
 */
final class ByteScanner {

    /** Largest integer accepted: 2^53, the largest a JSON writer in JavaScript emits exactly. */
    static final long MAX_NUMBER = 1L << 53;
    private static final int MAX_DEPTH = 512;

    private final InputStream in;
    private final SnapshotSink sink;
    private byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean eof;

    /** The byte offset where the last number read by {@link #arrayNumber()} started. */
    long numberOffset;
    /** The separator after the last number: {@code ','} or {@code ']'}. */
    int separator;

    ByteScanner(InputStream in, SnapshotSink sink, int bufferSize) {
        this.in = in;
        this.sink = sink;
        this.buf = new byte[bufferSize];
    }

    long offset() {
        return base + pos;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += lim;
        pos = 0;
        lim = 0;
        while (true) {
            int r = in.read(buf, 0, buf.length);
            if (r < 0) {
                eof = true;
                return false;
            }
            if (r > 0) {
                lim = r;
                return true;
            }
        }
    }

    /** The bytes buffered and not yet consumed. */
    int available() {
        return lim - pos;
    }

    /** Reads the next bytes once the buffered ones are all consumed; false at the end of the input. */
    boolean refill() throws IOException {
        return pos < lim || fill();
    }

    /** The buffer, for a reader that takes bytes straight from it (from {@link #position()} on). */
    byte[] buffer() {
        return buf;
    }

    /** The buffer index of the next byte. */
    int position() {
        return pos;
    }

    /** Consumes the buffered bytes up to buffer index {@code index}. */
    void skipTo(int index) {
        if (index < pos || index > lim) {
            throw new IllegalArgumentException("index " + index + " outside the buffered " + pos + ".." + lim);
        }
        pos = index;
    }

    /**
     * Gives back the last {@code length} bytes consumed (they are {@code bytes[0 .. length)}): the
     * scanner reads them again before the rest.
     */
    void unread(byte[] bytes, int length) {
        int rest = lim - pos;
        byte[] b = new byte[Math.max(buf.length, length + rest)];
        System.arraycopy(bytes, 0, b, 0, length);
        System.arraycopy(buf, pos, b, length, rest);
        base = base + pos - length;
        buf = b;
        pos = 0;
        lim = length + rest;
    }

    /** The next byte without consuming it, or -1 at the end of input. */
    int peek() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    /** Consumes and returns the next byte, or -1 at the end of input. */
    int next() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Skips JSON whitespace and returns the next byte without consuming it (-1 at the end). */
    int skipWhitespace() throws IOException {
        while (true) {
            if (pos >= lim && !fill()) {
                return -1;
            }
            int c = buf[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return c & 0xff;
            }
        }
    }

    /** Skips whitespace and consumes {@code expected}, or fails saying what was expected. */
    void expect(char expected, String what) throws IOException {
        int c = skipWhitespace();
        if (c != expected) {
            throw error(what, c);
        }
        pos++;
    }

    MalformedSnapshotException error(String expected, int found) {
        return sink.malformed(Location.offset(offset()), expected, describe(found));
    }

    MalformedSnapshotException errorAt(long offset, String expected, String found) {
        return sink.malformed(Location.offset(offset), expected, found);
    }

    static String describe(int c) {
        if (c < 0) {
            return "the end of the input (the file is truncated)";
        }
        if (c >= 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("byte 0x%02x", c);
    }

    /**
     * Reads a non-negative integer element of an array and the separator after it ({@code ','}
     * or {@code ']'}, left in {@link #separator}), allowing whitespace around both. The hot path
     * of the parser: one call per node or edge field.
     */
    long arrayNumber() throws IOException {
        byte[] b = buf;
        int p = pos;
        int l = lim;
        int c;
        while (true) {
            if (p >= l) {
                pos = p;
                if (!fill()) {
                    throw error("a non-negative integer", -1);
                }
                p = pos;
                l = lim;
            }
            c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                p++;
            } else {
                break;
            }
        }
        numberOffset = base + p;
        if (c < '0' || c > '9') {
            pos = p;
            throw error("a non-negative integer", c & 0xff);
        }
        long v = c - '0';
        p++;
        int digits = 1;
        while (true) {
            if (p >= l) {
                pos = p;
                if (!fill()) {
                    throw error("',' or ']' after a number", -1);
                }
                p = pos;
                l = lim;
            }
            c = b[p];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                p++;
                if (++digits > 16 && v > MAX_NUMBER) {
                    pos = p;
                    throw errorAt(numberOffset, "an integer of at most 2^53", "a number of more than 16 digits");
                }
            } else {
                break;
            }
        }
        if (v > MAX_NUMBER) {
            pos = p;
            throw errorAt(numberOffset, "an integer of at most 2^53", Long.toString(v));
        }
        while (true) {
            if (c == ',' || c == ']') {
                separator = c;
                pos = p + 1;
                return v;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                pos = p;
                throw error("',' or ']' after a number", c & 0xff);
            }
            p++;
            if (p >= l) {
                pos = p;
                if (!fill()) {
                    throw error("',' or ']' after a number", -1);
                }
                p = pos;
                l = lim;
            }
            c = b[p];
        }
    }

    /**
     * Reads one record of {@code fields} non-negative integers of an array into {@code values}
     * (and their byte offsets, from the record's start, into {@code offsets}), with the separator after the last one left
     * in {@link #separator}. A fast path over the buffer handles the usual layout; anything
     * unusual (a record across a buffer boundary, long numbers, odd spacing, errors) is read again
     * by {@link #arrayNumber()} per field. Throws when the array ends inside the record.
     */
    void record(long[] values, int[] offsets, int fields) throws IOException {
        record(values, offsets, 0, fields, offset());
    }

    /**
     * As {@link #record(long[], int[], int)}, into the arrays from index {@code at}, with offsets
     * relative to {@code offsetBase} (which must be at most 2^30 bytes back).
     */
    void record(long[] values, int[] offsets, int at, int fields, long offsetBase) throws IOException {
        if (!fastRecord(values, offsets, at, fields, offsetBase)) {
            for (int f = 0; f < fields; f++) {
                values[at + f] = arrayNumber();
                offsets[at + f] = (int) Math.min(Integer.MAX_VALUE, numberOffset - offsetBase);
                if (separator == ']' && f < fields - 1) {
                    throw errorAt(offset() - 1, "the rest of a record of " + fields + " numbers", "']'");
                }
            }
        }
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /**
     * The fast path of {@link #record}: numbers of up to 15 digits decoded eight bytes at a time
     * (SWAR: find the first non-digit with bit masks, convert the digits with three multiplies),
     * whitespace only before a separator. Returns false, consuming nothing, on anything else or
     * near the end of the buffer.
     */
    private boolean fastRecord(long[] values, int[] offsets, int at, int fields, long offsetBase) {
        byte[] b = buf;
        int p = pos;
        int safe = lim - 24;
        int rel = (int) (base - offsetBase);
        int sep = ',';
        for (int f = 0; f < fields; f++) {
            if (p > safe) {
                return false;
            }
            int start = p;
            long x = ((long) LONG_LE.get(b, p)) ^ 0x3030303030303030L;
            long nonDigits = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L | x) & 0x8080808080808080L;
            long v;
            if (nonDigits != 0) {
                int k = Long.numberOfTrailingZeros(nonDigits) >>> 3;
                if (k == 0) {
                    return false;
                }
                v = eightDigits(x << (64 - 8 * k));
                p += k;
            } else {
                v = eightDigits(x);
                p += 8;
                x = ((long) LONG_LE.get(b, p)) ^ 0x3030303030303030L;
                nonDigits = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L | x) & 0x8080808080808080L;
                int k = Long.numberOfTrailingZeros(nonDigits) >>> 3;
                if (k > 7) {
                    return false;
                }
                if (k > 0) {
                    long more = eightDigits(x << (64 - 8 * k));
                    v = v * POW10[k] + more;
                    p += k;
                }
            }
            int c = b[p];
            while (c == '\n' || c == ' ' || c == '\r' || c == '\t') {
                if (++p > safe) {
                    return false;
                }
                c = b[p];
            }
            if (c != ',') {
                if (c == ']' && f == fields - 1) {
                    sep = ']';
                } else {
                    return false;
                }
            }
            p++;
            values[at + f] = v;
            offsets[at + f] = rel + start;
        }
        pos = p;
        separator = sep;
        return true;
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** The value of eight decimal digits (byte values 0-9, the first in the lowest byte). */
    private static long eightDigits(long x) {
        long y = (x & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        y = (y & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (y & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }

    /**
     * Reads a JSON string whose opening quote is next (after whitespace), decoding escapes and
     * UTF-8, up to {@code maxChars} characters.
     */
    String string(int maxChars, String what) throws IOException {
        expect('"', what);
        StringBuilder sb = new StringBuilder();
        decodeStringBody(sb, maxChars, what);
        return sb.toString();
    }

    /** Decodes the rest of a string whose opening quote was consumed, into {@code sb}. */
    void decodeStringBody(StringBuilder sb, int maxChars, String what) throws IOException {
        if (!decodeStringBody(sb, maxChars)) {
            throw error(what + " of at most " + maxChars + " characters", '"');
        }
    }

    /**
     * Decodes the rest of a string whose opening quote was consumed, keeping at most
     * {@code maxChars} characters in {@code sb} and skipping the rest; returns false when it cut.
     */
    boolean decodeStringBody(StringBuilder sb, int maxChars) throws IOException {
        while (true) {
            int c = next();
            if (c < 0) {
                throw error("the closing '\"' of a string", -1);
            }
            if (c == '"') {
                return true;
            }
            if (sb.length() >= maxChars) {
                if (c == '\\') {
                    next();
                }
                skipStringBody();
                return false;
            }
            if (c == '\\') {
                decodeEscape(sb);
            } else if (c < 0x80) {
                sb.append((char) c);
            } else {
                decodeUtf8(c, sb);
            }
        }
    }

    private void decodeEscape(StringBuilder sb) throws IOException {
        int e = next();
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = next();
                    int d = Character.digit(h < 0 ? -1 : h, 16);
                    if (h < 0 || d < 0) {
                        throw error("four hex digits after \\u", h);
                    }
                    v = v * 16 + d;
                }
                sb.append((char) v);
            }
            default -> throw error("a JSON escape after '\\'", e);
        }
    }

    private void decodeUtf8(int first, StringBuilder sb) throws IOException {
        int need;
        int cp;
        if ((first & 0xE0) == 0xC0) {
            need = 1;
            cp = first & 0x1F;
        } else if ((first & 0xF0) == 0xE0) {
            need = 2;
            cp = first & 0x0F;
        } else if ((first & 0xF8) == 0xF0) {
            need = 3;
            cp = first & 0x07;
        } else {
            sb.append('\uFFFD');
            return;
        }
        for (int i = 0; i < need; i++) {
            int c = peek();
            if (c < 0 || (c & 0xC0) != 0x80) {
                sb.append('\uFFFD');
                return;
            }
            pos++;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp > 0x10FFFF) {
            sb.append('\uFFFD');
        } else {
            sb.appendCodePoint(cp);
        }
    }

    /** Skips the rest of a string whose opening quote was consumed. */
    void skipStringBody() throws IOException {
        while (true) {
            if (pos >= lim && !fill()) {
                throw error("the closing '\"' of a string", -1);
            }
            byte[] b = buf;
            int p = pos;
            int l = lim;
            while (p < l) {
                int c = b[p++];
                if (c == '"') {
                    pos = p;
                    return;
                }
                if (c == '\\') {
                    if (p >= l) {
                        pos = p;
                        if (!fill()) {
                            throw error("an escaped character", -1);
                        }
                        p = pos;
                        l = lim;
                    }
                    p++;
                }
            }
            pos = p;
        }
    }

    /** Skips one JSON value of any kind, checking its syntax; copies its bytes to {@code copy} when not null. */
    void skipValue(ByteArrayOutputStream copy, long maxCopy) throws IOException {
        long start = offset();
        // a stack of open containers: 1 = object, 2 = array
        byte[] stack = new byte[MAX_DEPTH];
        int depth = 0;
        boolean expectValue = true;
        while (true) {
            int c = skipWhitespace();
            if (expectValue) {
                long from = offset();
                switch (c) {
                    case '{', '[' -> {
                        pos++;
                        if (depth == MAX_DEPTH) {
                            throw errorAt(from, "JSON nested at most " + MAX_DEPTH + " deep", "deeper nesting");
                        }
                        boolean object = c == '{';
                        stack[depth++] = (byte) (object ? 1 : 2);
                        copy(copy, object ? "{" : "[", maxCopy, start);
                        if (skipWhitespace() == (object ? '}' : ']')) {
                            pos++;
                            copy(copy, object ? "}" : "]", maxCopy, start);
                            depth--;
                            expectValue = false;
                        } else if (object) {
                            readKeyInto(copy, maxCopy, start);
                        }
                        continue;
                    }
                    case '"' -> {
                        pos++;
                        if (copy == null) {
                            skipStringBody();
                        } else {
                            StringBuilder sb = new StringBuilder();
                            decodeStringBody(sb, (int) Math.min(Integer.MAX_VALUE - 8, maxCopy), "a string");
                            copy(copy, quote(sb), maxCopy, start);
                        }
                    }
                    case 't' -> literal("true", copy, maxCopy, start);
                    case 'f' -> literal("false", copy, maxCopy, start);
                    case 'n' -> literal("null", copy, maxCopy, start);
                    default -> {
                        if (c == '-' || (c >= '0' && c <= '9')) {
                            number(copy, maxCopy, start);
                        } else {
                            throw error("a JSON value", c);
                        }
                    }
                }
                expectValue = false;
            }
            if (depth == 0) {
                return;
            }
            c = skipWhitespace();
            int open = stack[depth - 1];
            if (c == ',') {
                pos++;
                copy(copy, ",", maxCopy, start);
                if (open == 1) {
                    readKeyInto(copy, maxCopy, start);
                }
                expectValue = true;
            } else if ((open == 1 && c == '}') || (open == 2 && c == ']')) {
                pos++;
                copy(copy, open == 1 ? "}" : "]", maxCopy, start);
                depth--;
                if (depth == 0) {
                    return;
                }
            } else {
                throw error(open == 1 ? "',' or '}' in an object" : "',' or ']' in an array", c);
            }
        }
    }

    private void readKeyInto(ByteArrayOutputStream copy, long maxCopy, long start) throws IOException {
        String key = string(1 << 20, "an object key in quotes");
        copy(copy, quote(new StringBuilder(key)), maxCopy, start);
        expect(':', "':' after an object key");
        copy(copy, ":", maxCopy, start);
    }

    private void literal(String word, ByteArrayOutputStream copy, long maxCopy, long start) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int c = next();
            if (c != word.charAt(i)) {
                if (c >= 0) {
                    pos--;
                }
                throw error("'" + word + "'", c);
            }
        }
        copy(copy, word, maxCopy, start);
    }

    private void number(ByteArrayOutputStream copy, long maxCopy, long start) throws IOException {
        StringBuilder sb = copy == null ? null : new StringBuilder();
        int c = peek();
        boolean digits = false;
        int length = 0;
        while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
            digits |= c >= '0' && c <= '9';
            if (sb != null) {
                sb.append((char) c);
            }
            pos++;
            if (++length > 400) {
                throw error("a number of at most 400 characters", c);
            }
            c = peek();
        }
        if (!digits) {
            throw error("a digit", c);
        }
        if (sb != null) {
            copy(copy, sb.toString(), maxCopy, start);
        }
    }

    private void copy(ByteArrayOutputStream copy, String text, long maxCopy, long start) {
        if (copy == null) {
            return;
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (copy.size() + (long) bytes.length > maxCopy) {
            throw errorAt(start, "a header of at most " + maxCopy + " bytes", "a longer one");
        }
        copy.write(bytes, 0, bytes.length);
    }

    private static String quote(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
