package io.github.heapdiff.formats.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Big-endian reads over an unbuffered stream through one large buffer, knowing the absolute
 * offset of every byte. Over a {@link ReadAheadStream} that reads ahead, the buffer is each block
 * it read in turn (no copy).
 *
 * <p>Reads past the end of the input throw {@link EOFException}; the parser turns that into a
 * malformed-input error naming the record it was reading. Skips larger than what is buffered go
 * to {@link InputStream#skip} (a seek for files) and verify that the last skipped byte exists, so
 * a truncated body is never mistaken for a complete one. Not thread-safe.
 */
final class HprofInput {

    /**
     * The largest buffer the input grows to: large enough that reads cost nothing per byte, small
     * enough that what was just read is still in the CPU's L2 cache when it is parsed.
     */
    static final int MAX_BUFFER = 256 << 10;
    /** The first buffer: small inputs never pay for a large one. */
    static final int FIRST_BUFFER = 64 << 10;

    private final InputStream in;
    /** The buffer; bytes {@code pos} to {@code lim} are valid. It is replaced when it grows. */
    byte[] buf;
    /** The next byte to read. */
    int pos;
    /** The end of the valid bytes. */
    int lim;
    /** The absolute offset of {@code buf[0]}. */
    private long base;
    private boolean eof;
    /** Where the last failed read wanted its missing byte, for messages. */
    private long missingAt = -1;
    private final int maxBuffer;
    private int refills;
    /** The input when it reads ahead: its blocks then become the buffer, without a copy. */
    private final ReadAheadStream blocks;
    /** Whether the buffer is a block of {@link #blocks}, to give back once done. */
    private boolean bufIsBlock;

    /** An input whose buffer starts at {@link #FIRST_BUFFER} bytes and grows to {@link #MAX_BUFFER} as the input proves long. */
    HprofInput(InputStream in) {
        this(in, FIRST_BUFFER, MAX_BUFFER);
    }

    HprofInput(InputStream in, int firstBuffer, int maxBuffer) {
        this.in = in;
        this.buf = new byte[firstBuffer];
        this.maxBuffer = Math.max(firstBuffer, maxBuffer);
        this.blocks = in instanceof ReadAheadStream r ? r : null;
    }

    /** The absolute offset of {@code buf[0]}. */
    long base() {
        return base;
    }

    /** The absolute offset of the next byte. */
    long offset() {
        return base + pos;
    }

    /** The offset of the first byte a failed read or skip was missing (the end of the input). */
    long missingAt() {
        return missingAt >= 0 ? missingAt : offset();
    }

    /** The bytes buffered and not yet read. */
    int buffered() {
        return lim - pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@code pos}, growing the buffer if needed.
     *
     * @return false when the input ends first
     */
    boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (blocks != null && nextBlock() && lim - pos >= n) {
            return true;
        }
        if (++refills > 4 && buf.length < maxBuffer || n > buf.length) {
            int size = (int) Math.min(Math.max(n, (long) buf.length * 4), Math.max(n, maxBuffer));
            byte[] bigger = new byte[size];
            System.arraycopy(buf, pos, bigger, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
            replaceBuffer(bigger);
        }
        if (pos > 0) {
            int rem = lim - pos;
            System.arraycopy(buf, pos, buf, 0, rem);
            base += pos;
            pos = 0;
            lim = rem;
        }
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r > 0) {
                lim += r;
            } else if (r < 0) {
                eof = true;
            } else {
                int b = in.read();
                if (b < 0) {
                    eof = true;
                } else {
                    buf[lim++] = (byte) b;
                }
            }
        }
        return lim - pos >= n;
    }

    /**
     * Makes the next block read ahead the buffer, the bytes not yet read carried over in front of
     * it: the parser then reads the block where the read-ahead thread put it (rather than a copy).
     * Returns false when there is none to take (reading ahead has not started, or has ended).
     */
    private boolean nextBlock() throws IOException {
        int rem = lim - pos;
        ReadAheadStream.Block b = blocks.takeBlock(rem);
        if (b == null) {
            return false;
        }
        System.arraycopy(buf, pos, b.data(), b.from() - rem, rem);
        replaceBuffer(b.data());
        bufIsBlock = true;
        pos = b.from() - rem;
        lim = b.to();
        base = b.base();
        return true;
    }

    /** Makes {@code next} the buffer, giving the one before back to the read-ahead if it was one of its blocks. */
    private void replaceBuffer(byte[] next) {
        if (bufIsBlock) {
            blocks.giveBack(buf);
            bufIsBlock = false;
        }
        buf = next;
    }

    /** Returns true when the stream has ended: only buffered bytes remain. */
    boolean ended() {
        return eof;
    }

    /** Returns true when no byte is left. */
    boolean atEnd() throws IOException {
        return !fill(1);
    }

    /** Makes {@code n} bytes available or throws {@link EOFException}. */
    void need(int n) throws IOException {
        if (lim - pos < n && !fill(n)) {
            missingAt = base + lim;
            throw new EOFException();
        }
    }

    int u1() throws IOException {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u2() throws IOException {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** A u4 as a signed int. */
    int s4() throws IOException {
        need(4);
        int v = intAt(pos);
        pos += 4;
        return v;
    }

    /** A u4 as an unsigned value. */
    long u4() throws IOException {
        return s4() & 0xffffffffL;
    }

    long u8() throws IOException {
        need(8);
        long v = longAt(pos);
        pos += 8;
        return v;
    }

    /** An identifier of {@code idSize} (4 or 8) bytes, unsigned. */
    long id(int idSize) throws IOException {
        return idSize == 8 ? u8() : u4();
    }

    /*
     * Plain shifts rather than a byte-array VarHandle: as fast once compiled, and without the
     * method-handle forms a VarHandle spins up at start, which cost more than a small dump's read.
     */

    /** The big-endian int at buffer index {@code i} (no bounds check beyond the array's). */
    int intAt(int i) {
        byte[] b = buf;
        return (b[i] << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** The big-endian long at buffer index {@code i}. */
    long longAt(int i) {
        return ((long) intAt(i) << 32) | (intAt(i + 4) & 0xffffffffL);
    }

    /** The identifier at buffer index {@code i}. */
    long idAt(int i, int idSize) {
        return idSize == 8 ? longAt(i) : intAt(i) & 0xffffffffL;
    }

    /** Skips {@code n >= 0} bytes, or throws {@link EOFException} when fewer remain. */
    void skip(long n) throws IOException {
        long avail = lim - pos;
        if (n <= avail) {
            pos += (int) n;
            return;
        }
        long start = base + pos;
        n -= avail;
        base += lim;
        pos = 0;
        lim = 0;
        if (n <= buf.length) {
            if (!fill((int) n)) {
                missingAt = base + lim;
                throw new EOFException();
            }
            pos += (int) n; // from where the skipped bytes start: 0, or a block's first byte
            return;
        }
        // Skip all but the last byte through the stream, then read the last one to prove it exists.
        long left = n - 1;
        while (left > 0 && !eof) {
            long k = in.skip(left);
            if (k > 0) {
                left -= k;
                base += k;
            } else {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    eof = true;
                } else {
                    left -= r;
                    base += r;
                }
            }
        }
        int last = eof ? -1 : in.read();
        if (last < 0) {
            eof = true;
            missingAt = Math.max(start, base);
            long end = blocks != null ? blocks.endIfKnown() : -1;
            if (end >= 0) {
                // reading ahead, the skip went as far as asked: where the input really ended
                missingAt = Math.max(start, Math.min(missingAt, end));
            }
            throw new EOFException();
        }
        base += 1;
    }

    /** Copies {@code n} bytes to {@code dst} at {@code off}, in blocks of at most the buffer size. */
    void readFully(byte[] dst, int off, int n) throws IOException {
        while (n > 0) {
            if (lim == pos) {
                need(1);
            }
            int k = Math.min(n, lim - pos);
            System.arraycopy(buf, pos, dst, off, k);
            pos += k;
            off += k;
            n -= k;
        }
    }
}
