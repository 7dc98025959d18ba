package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/** Reports the "reading" step as the fraction of the raw (possibly compressed) file consumed. */
final class ProgressStream extends InputStream {
    private final InputStream in;
    private final long size;
    private final ProgressListener listener;
    private final String name;
    private long count;
    private long nextReport;

    ProgressStream(InputStream in, long size, ProgressListener listener, String name) {
        this.in = in;
        this.size = size;
        this.listener = listener;
        this.name = name;
        this.nextReport = size > 0 ? size / 100 : Long.MAX_VALUE;
    }

    private void add(long n) {
        count += n;
        if (count >= nextReport) {
            listener.progress(name, "reading", Math.min(1.0, (double) count / size));
            nextReport = count + Math.max(1, size / 100);
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
