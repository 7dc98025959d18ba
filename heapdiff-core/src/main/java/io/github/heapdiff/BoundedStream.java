package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/** Refuses content beyond a bound, so that a gzip bomb ends in an error rather than hours of work. */
final class BoundedStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private final String name;
    private long count;

    BoundedStream(InputStream in, long limit, String name) {
        this.in = in;
        this.limit = limit;
        this.name = name;
    }

    long count() {
        return count;
    }

    /** Counts {@code n} bytes read from the underlying stream before this bound was put on it. */
    void counted(long n) throws IOException {
        add(n);
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new LoadRun.InputTooLargeException("the content is larger than the limit of " + limit
                    + " bytes; raise it with SnapshotLoader.withMaxInputBytes (reading " + name + ")");
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(n);
        if (k > 0) {
            add(k);
        }
        return k;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
