package io.github.heapdiff;

import java.io.IOException;
import java.io.InputStream;

/** Refuses content beyond a bound, so that a gzip bomb ends in an error rather than hours of work. */
final class BoundedStream extends CountingStream {
    private final long limit;
    private final String name;

    BoundedStream(InputStream in, long limit, String name) {
        super(in);
        this.limit = limit;
        this.name = name;
    }

    @Override
    void counted(long total) throws IOException {
        if (total > limit) {
            throw new LoadRun.InputTooLargeException("the content is larger than the limit of " + limit
                    + " bytes; raise it with SnapshotLoader.withMaxInputBytes (reading " + name + ")");
        }
    }
}
