package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through and counts the bytes taken from it; subclasses act on the count (place an
 * error, bound the input, report progress).
 */
abstract class CountingStream extends InputStream {

    private final InputStream in;
    private long count;

    CountingStream(InputStream in) {
        this.in = in;
    }

    /** The bytes taken so far. */
    final long count() {
        return count;
    }

    /** Adds {@code n} bytes to the count (also for bytes taken before this stream was put on) and calls {@link #counted}. */
    final void add(long n) throws IOException {
        count += n;
        counted(count);
    }

    /** Called after every read or skip with the new total; may throw to stop the read. */
    void counted(long total) throws IOException {
    }

    @Override
    public final int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public final long skip(long n) throws IOException {
        long k = in.skip(n);
        if (k > 0) {
            add(k);
        }
        return k;
    }

    @Override
    public final int available() throws IOException {
        return in.available();
    }
}
