package io.github.heapdiff;

import java.io.InputStream;

/** Counts the bytes a reader consumed, to place an unexpected end of input. */
final class OffsetStream extends CountingStream {

    OffsetStream(InputStream in) {
        super(in);
    }

    long offset() {
        return count();
    }
}
