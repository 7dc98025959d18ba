package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes a reader consumed, to place an unexpected end of input. */
final class OffsetStream extends InputStream {
    private final InputStream in;
    private long offset;

    OffsetStream(InputStream in) {
        this.in = in;
    }

    long offset() {
        return offset;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            offset++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            offset += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(n);
        if (k > 0) {
            offset += k;
        }
        return k;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
