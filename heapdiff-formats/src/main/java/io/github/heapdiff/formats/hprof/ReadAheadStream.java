package io.github.heapdiff.formats.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Reads ahead on a background thread once the input proves long, so that copying bytes out of the
 * file (or gunzipping them) overlaps with parsing them.
 *
 * <p>The first {@code threshold} bytes pass straight through on the caller's thread: small inputs
 * never start a thread. After that one daemon thread reads blocks of {@code chunkSize} bytes into
 * a few recycled arrays; the caller copies from them, or takes them over and gives them back
 * ({@link #takeBlock}, as {@link HprofInput} does). A skip drops what was read ahead and, when
 * it goes further, asks the thread to skip in the underlying stream (a seek for files). The
 * thread's exceptions are rethrown to the caller as they are. {@link #close()} stops the thread
 * and waits for it, but does not close the underlying stream, which belongs to whoever opened it. The underlying
 * stream is read, and so any progress it reports is reported, on the background thread.
 * One reader thread at a time.
 */
final class ReadAheadStream extends InputStream {

    /** Bytes read on the caller's thread before reading ahead starts. */
    static final long THRESHOLD = 16 << 20;
    /** The size of the blocks read ahead. */
    static final int CHUNK = 256 << 10;
    /** Room left before each block's bytes, for a caller that takes blocks over ({@link #takeBlock}). */
    static final int CARRY = 64 << 10;
    private static final int CHUNKS = 8;

    private final InputStream in;
    private final long threshold;
    private final int chunkSize;
    private final int carry;
    /** The offset of the next byte the caller gets. */
    private long position;

    private Thread thread;
    private final Object lock = new Object();
    private final ArrayDeque<Chunk> full = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    /** The background thread's offset in the underlying stream (guarded by lock). */
    private long readPosition;
    /** An offset the background thread should skip to, or -1 (guarded by lock). */
    private long skipTo = -1;
    private boolean ended;
    private Throwable failure;
    private boolean closed;

    private Chunk current;

    /**
     * A block read ahead: {@code length} bytes of {@code data} from stream offset {@code offset},
     * from index {@link #carry} of {@code data} on.
     */
    private record Chunk(byte[] data, int length, long offset) {
    }

    /**
     * Read-ahead bytes handed over by {@link #takeBlock}: {@code data[from]} to {@code data[to - 1]},
     * {@code data[i]} being the byte at stream offset {@code base + i}.
     */
    record Block(byte[] data, int from, int to, long base) {
    }

    ReadAheadStream(InputStream in) {
        this(in, THRESHOLD, CHUNK, CARRY);
    }

    ReadAheadStream(InputStream in, long threshold, int chunkSize) {
        this(in, threshold, chunkSize, CARRY);
    }

    ReadAheadStream(InputStream in, long threshold, int chunkSize, int carry) {
        this.in = in;
        this.threshold = threshold;
        this.chunkSize = chunkSize;
        this.carry = carry;
    }

    /** Returns true once the background thread has started. */
    boolean readingAhead() {
        return thread != null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (thread == null) {
            if (position < threshold) {
                int n = in.read(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
            start();
        }
        if (!currentAtPosition()) {
            return -1;
        }
        int at = (int) (position - current.offset);
        int n = Math.min(len, current.length - at);
        System.arraycopy(current.data, carry + at, b, off, n);
        position += n;
        return n;
    }

    /**
     * Makes {@link #current} the block holding the byte at the position, giving back the blocks
     * before it; false when the input has ended first.
     */
    private boolean currentAtPosition() throws IOException {
        while (true) {
            if (current == null) {
                current = take();
                if (current == null) {
                    return false;
                }
            }
            if (position < current.offset) {
                throw new IOException("read-ahead lost its place: at byte offset " + position
                        + " but the next block starts at " + current.offset);
            }
            if (position < current.offset + current.length) {
                return true;
            }
            recycle(current);
            current = null;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (thread == null) {
            long k = in.skip(n);
            if (k > 0) {
                position += k;
            }
            return k;
        }
        long target = position + n;
        if (current != null && current.offset + current.length <= target) {
            recycle(current);
            current = null;
        }
        synchronized (lock) {
            while (!full.isEmpty() && full.peekFirst().offset + full.peekFirst().length <= target) {
                free.add(full.pollFirst().data);
            }
            if (full.isEmpty() && readPosition < target) {
                skipTo = target;
            }
            lock.notifyAll();
        }
        position = target;
        return n;
    }

    private void recycle(Chunk c) {
        giveBack(c.data);
    }

    /**
     * Hands the read-ahead bytes at the position over to the caller without copying them: the
     * array they are in, with room for {@code keep} bytes before them (where a caller puts the
     * last bytes it has not used yet, so that they and the new ones are contiguous). Returns null
     * when reading ahead has not started, the input has ended, or the bytes at the position leave
     * less room than that before them; the caller then reads as usual. Moves the position past
     * the bytes handed over; the caller owns the array until it gives it back ({@link #giveBack}).
     */
    Block takeBlock(int keep) throws IOException {
        if (thread == null || !currentAtPosition()) {
            return null;
        }
        int at = carry + (int) (position - current.offset);
        if (at < keep) {
            return null;
        }
        Chunk c = current;
        current = null;
        position = c.offset + c.length;
        return new Block(c.data, at, carry + c.length, c.offset - carry);
    }

    /**
     * The underlying stream's length once the thread has met its end, else -1. A skip past the end
     * returns what was asked for (the thread finds the end later), so a caller that skipped there
     * learns from this where the input really ended.
     */
    long endIfKnown() {
        synchronized (lock) {
            return ended ? readPosition : -1;
        }
    }

    /** Gives back an array {@link #takeBlock} handed over, for the thread to read into again. */
    void giveBack(byte[] data) {
        synchronized (lock) {
            free.add(data);
            lock.notifyAll();
        }
    }

    /** The next chunk holding bytes at or after the position, or null at the end. */
    private Chunk take() throws IOException {
        synchronized (lock) {
            while (true) {
                while (!full.isEmpty()) {
                    Chunk c = full.pollFirst();
                    if (c.offset + c.length > position) {
                        return c;
                    }
                    free.add(c.data);
                    lock.notifyAll();
                }
                if (failure != null) {
                    rethrow(failure);
                }
                if (ended) {
                    return null;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading ahead");
                }
            }
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    private void start() {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[carry + chunkSize]);
        }
        readPosition = position;
        thread = new Thread(this::run, "heapdiff-hprof-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                byte[] buf;
                long skip;
                long at;
                synchronized (lock) {
                    while (!closed && free.isEmpty() && skipTo < 0) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    skip = skipTo > readPosition ? skipTo - readPosition : 0;
                    skipTo = -1;
                    buf = free.pollFirst();
                    at = readPosition;
                }
                if (skip > 0) {
                    long skipped = skipFully(skip);
                    synchronized (lock) {
                        readPosition = at + skipped;
                        if (buf != null) {
                            free.addFirst(buf);
                        }
                        if (skipped < skip) {
                            ended = true;
                            lock.notifyAll();
                            return;
                        }
                    }
                    continue;
                }
                if (buf == null) {
                    continue;
                }
                int n = in.read(buf, carry, chunkSize);
                synchronized (lock) {
                    if (n < 0) {
                        ended = true;
                        lock.notifyAll();
                        return;
                    }
                    full.addLast(new Chunk(buf, n, at));
                    readPosition = at + n;
                    lock.notifyAll();
                }
            }
        } catch (Throwable t) {
            synchronized (lock) {
                failure = t;
                lock.notifyAll();
            }
        }
    }

    /** Skips {@code n} bytes of the underlying stream; fewer only at its end. */
    private long skipFully(long n) throws IOException {
        long left = n;
        byte[] scratch = null;
        while (left > 0) {
            long k = in.skip(left);
            if (k > 0) {
                left -= k;
                continue;
            }
            if (scratch == null) {
                scratch = new byte[8192];
            }
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    /**
     * Stops reading ahead and waits (briefly) for the thread to finish its current read, so that
     * the underlying stream, which stays open, is not read after this returns.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How long {@link #close()} waits for the thread: far longer than one block read from a file. */
    private static final long JOIN_MILLIS = 2000;
}
