package io.github.heapdiff.formats.text;

import io.github.heapdiff.Location;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a text listing line by line from an unbuffered stream, in 64 KiB blocks.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped. Bytes are decoded as UTF-8
 * (malformed bytes replaced). A line longer than {@link #MAX_LINE} bytes is malformed input, so
 * a binary file or a file without newlines never makes the reader hold more than that. Not
 * thread-safe.
 */
final class LineReader {

    /** The longest line accepted, in bytes. */
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final SnapshotSink sink;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private long lineNumber;

    LineReader(InputStream in, SnapshotSink sink) {
        this.in = in;
        this.sink = sink;
    }

    /** The 1-based number of the line last returned by {@link #next()}, or 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The location of the line last returned (line 1 before the first). */
    Location location() {
        return Location.line(Math.max(1, lineNumber));
    }

    /** Returns the next line without its line end, or null at the end of the input. */
    String next() throws IOException {
        pendingLength = 0;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (pendingLength == 0) {
                        return null;
                    }
                    lineNumber++;
                    return decode(pending, 0, pendingLength);
                }
            }
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            if (pendingLength + (end - pos) > MAX_LINE) {
                lineNumber++;
                byte[] start = pendingLength > 0 ? Arrays.copyOf(pending, Math.min(pendingLength, 200))
                        : Arrays.copyOfRange(buf, pos, Math.min(end, pos + 200));
                throw sink.malformed(Location.line(lineNumber), "a line of at most " + MAX_LINE + " bytes",
                        "a longer line starting '" + new String(start, StandardCharsets.UTF_8) + "'");
            }
            if (nl >= 0 && pendingLength == 0) {
                String line = decode(buf, pos, nl - pos);
                pos = nl + 1;
                lineNumber++;
                return line;
            }
            append(pos, end);
            pos = end;
            if (nl >= 0) {
                pos = nl + 1;
                lineNumber++;
                return decode(pending, 0, pendingLength);
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + n, pending.length * 2));
        }
        System.arraycopy(buf, from, pending, pendingLength, n);
        pendingLength += n;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static String decode(byte[] b, int from, int length) {
        int len = length;
        if (len > 0 && b[from + len - 1] == '\r') {
            len--;
        }
        return new String(b, from, len, StandardCharsets.UTF_8);
    }
}
