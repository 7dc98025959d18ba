package io.github.heapdiff.formats.hprof;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A long input made of real bytes, a run of zeros that is never allocated, and more real bytes:
 * lets tests feed the reader a dump of several GiB whose big array bodies cost nothing. Skips
 * are O(1), as a file's are.
 */
final class VirtualStream extends InputStream {
    private final byte[] head;
    private final long zeros;
    private final byte[] tail;
    private final long length;
    private long pos;

    VirtualStream(byte[] head, long zeros, byte[] tail) {
        this.head = head;
        this.zeros = zeros;
        this.tail = tail;
        this.length = head.length + zeros + tail.length;
    }

    long length() {
        return length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n;
        if (pos < head.length) {
            n = (int) Math.min(len, head.length - pos);
            System.arraycopy(head, (int) pos, b, off, n);
        } else if (pos < head.length + zeros) {
            n = (int) Math.min(len, head.length + zeros - pos);
            Arrays.fill(b, off, off + n, (byte) 0);
        } else {
            int t = (int) (pos - head.length - zeros);
            n = Math.min(len, tail.length - t);
            System.arraycopy(tail, t, b, off, n);
        }
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, length - pos));
        pos += k;
        return k;
    }
}
