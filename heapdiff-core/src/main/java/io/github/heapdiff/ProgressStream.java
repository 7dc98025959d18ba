package io.github.heapdiff;

import java.io.InputStream;

/** Reports the "reading" step as the fraction of the raw (possibly compressed) file consumed. */
final class ProgressStream extends CountingStream {
    private final long size;
    private final ProgressListener listener;
    private final String name;
    private long nextReport;

    ProgressStream(InputStream in, long size, ProgressListener listener, String name) {
        super(in);
        this.size = size;
        this.listener = listener;
        this.name = name;
        this.nextReport = size > 0 ? size / 100 : Long.MAX_VALUE;
    }

    @Override
    void counted(long total) {
        if (total >= nextReport) {
            listener.progress(name, "reading", Math.min(1.0, (double) total / size));
            nextReport = total + Math.max(1, size / 100);
        }
    }
}
