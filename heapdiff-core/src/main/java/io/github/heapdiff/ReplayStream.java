package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/** Replays bytes already read (a probe head) and then continues with the rest of a stream. */
final class ReplayStream extends InputStream {
    private final byte[] head;
    private final int headLength;
    private int pos;
    private final InputStream rest;

    ReplayStream(byte[] head, int headLength, InputStream rest) {
        this.head = head;
        this.headLength = headLength;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        if (pos < headLength) {
            return head[pos++] & 0xff;
        }
        return rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < headLength) {
            int n = Math.min(len, headLength - pos);
            System.arraycopy(head, pos, b, off, n);
            pos += n;
            return n;
        }
        return rest.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pos < headLength) {
            int k = (int) Math.min(n, headLength - pos);
            pos += k;
            return k;
        }
        return rest.skip(n);
    }

    @Override
    public int available() throws IOException {
        return pos < headLength ? headLength - pos : rest.available();
    }
}
