package io.github.heapdiff.formats.v8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * Decodes a JSON array of non-negative integers (the {@code nodes} or {@code edges} array of a
 * heap snapshot) in blocks of bytes, on two threads for big snapshots.
 *
 * <p>The reading thread cuts the array's bytes into blocks that end right after a separator (a
 * {@code ','}, or the closing {@code ']'} for the last), so that no number spans two blocks, and
 * hands them out in order through {@link #next()}. Decoding a block turns it into numbers and
 * their byte offsets, stopping at the first syntax error, which the block then reports after its
 * numbers: the caller sees numbers and errors in the order the input has them, so errors are the
 * ones (and at the offsets) a sequential reading gives. With a second thread, both threads
 * decode: the second one takes the oldest block nobody has started, and the reading thread, when
 * the block it needs next is still being decoded, decodes a later one rather than wait, so the
 * decoding (most of the work of reading a snapshot) is shared between the two cores.
 *
 * <p>Numbers follow {@link ByteScanner#arrayNumber()}: whitespace around them, at most 2^53.
 */
final class NumberBlocks implements AutoCloseable {

    /** Bytes per block (more when no separator comes sooner). */
    static final int BLOCK_BYTES = 128 << 10;
    /** Blocks read ahead of the one the caller consumes. */
    private static final int AHEAD = 6;
    private static final int PAD = 16;

    private static final int RAW = 0;
    private static final int DECODING = 1;
    private static final int DONE = 2;

    /** A block: its bytes, then, once decoded, its numbers. */
    static final class Block {
        byte[] bytes = new byte[BLOCK_BYTES + PAD];
        int length;
        /** The byte offset of {@code bytes[0]} in the input. */
        long base;
        /** True when the input ended in this block without the closing {@code ']'}. */
        boolean endOfInput;
        int state;

        long[] values = new long[0];
        /** Offsets of the numbers from {@link #base}. */
        int[] offsets = new int[0];
        /** The numbers decoded, before {@link #closeOffset} or the error. */
        int count;
        /** The offset of the closing {@code ']'}, or -1 when the array goes on after this block. */
        long closeOffset;
        /** The syntax error that ends the block's numbers, or null. */
        String errorExpected;
        String errorFound;
        long errorOffset;

        boolean failed() {
            return errorExpected != null;
        }
    }

    private final ByteScanner in;
    private final Thread worker;
    private final ArrayDeque<Block> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Block> free = new ArrayDeque<>();
    private boolean readAll;
    private boolean stopped;
    private Throwable workerFailure;
    private Block lastReturned;

    /**
     * Starts on {@code in}, positioned after the {@code '['} of a non-empty array (whitespace may
     * follow it); {@code parallel} starts the second thread.
     */
    NumberBlocks(ByteScanner in, boolean parallel) {
        this.in = in;
        if (parallel) {
            worker = new Thread(this::work, "heapdiff-v8-numbers");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    /**
     * The next block in input order, decoded; null after the block holding the closing bracket or
     * the end of the input. The block returned before is reused from this call on.
     */
    Block next() throws IOException {
        if (lastReturned != null) {
            synchronized (this) {
                free.add(lastReturned);
            }
            lastReturned = null;
        }
        fillAhead();
        Block head;
        synchronized (this) {
            head = inFlight.peekFirst();
        }
        if (head == null) {
            return null;
        }
        while (true) {
            Block mine = null;
            synchronized (this) {
                checkWorker();
                if (head.state == DONE) {
                    inFlight.removeFirst();
                    break;
                }
                // the head first; while the other thread decodes it, a later block nobody started
                for (Block b : inFlight) {
                    if (b.state == RAW) {
                        b.state = DECODING;
                        mine = b;
                        break;
                    }
                }
                if (mine == null) {
                    waitQuietly();
                    continue;
                }
            }
            decode(mine);
            synchronized (this) {
                mine.state = DONE;
                notifyAll();
            }
        }
        lastReturned = head;
        return head;
    }

    /** Reads blocks until {@link #AHEAD} are in flight or the array's bytes are all read. */
    private void fillAhead() throws IOException {
        while (!readAll) {
            Block b;
            synchronized (this) {
                if (inFlight.size() >= (worker == null ? 1 : AHEAD)) {
                    return;
                }
                b = free.isEmpty() ? new Block() : free.removeFirst();
            }
            boolean more = cut(b);
            synchronized (this) {
                readAll = !more;
                b.state = RAW;
                inFlight.addLast(b);
                notifyAll();
            }
        }
    }

    /**
     * Copies the next block of bytes from the scanner into {@code b}: up to the last {@code ','}
     * within about {@link #BLOCK_BYTES}, else (no separator) on until one comes, or to the end of
     * the input. The array's closing bracket is found by decoding, so the last blocks read may go
     * past it: {@link #finish} gives those bytes back. Returns false at the end of the input.
     */
    private boolean cut(Block b) throws IOException {
        b.length = 0;
        b.base = in.offset();
        b.endOfInput = false;
        while (true) {
            if (in.available() == 0 && !in.refill()) {
                b.endOfInput = true;
                pad(b);
                return false;
            }
            byte[] buf = in.buffer();
            int from = in.position();
            int avail = in.available();
            int want = BLOCK_BYTES - b.length;
            if (want > 0 && avail <= want) {
                // the rest of the scanner's buffer fits: take it all and read on
                append(b, buf, from, from + avail);
                in.skipTo(from + avail);
                continue;
            }
            int comma = want > 0 ? lastIndexOf(buf, from, from + want, (byte) ',')
                    : indexOf(buf, from, from + avail, (byte) ',');
            if (comma >= 0) {
                append(b, buf, from, comma + 1);
                in.skipTo(comma + 1);
                pad(b);
                return true;
            }
            // no separator in a whole block's worth: keep going
            int take = want > 0 ? want : avail;
            append(b, buf, from, from + take);
            in.skipTo(from + take);
        }
    }

    /**
     * Called once the block holding the array's closing bracket is consumed: stops the second
     * thread and gives the bytes read past the bracket back to the scanner, so that it goes on
     * right after it.
     */
    private void finish(Block closing) {
        stopWorker();
        int after = (int) (closing.closeOffset + 1 - closing.base);
        int length = closing.length - after;
        for (Block b : inFlight) {
            length += b.length;
        }
        byte[] back = new byte[length];
        int at = closing.length - after;
        System.arraycopy(closing.bytes, after, back, 0, at);
        for (Block b : inFlight) {
            System.arraycopy(b.bytes, 0, back, at, b.length);
            at += b.length;
        }
        inFlight.clear();
        in.unread(back, length);
    }

    private static void append(Block b, byte[] src, int from, int to) {
        int n = to - from;
        if (b.length + n + PAD > b.bytes.length) {
            b.bytes = java.util.Arrays.copyOf(b.bytes, Math.max(b.bytes.length * 2, b.length + n + PAD));
        }
        System.arraycopy(src, from, b.bytes, b.length, n);
        b.length += n;
    }

    /** Zeros the bytes after the block's end, so that eight-byte loads near the end see no digits. */
    private static void pad(Block b) {
        java.util.Arrays.fill(b.bytes, b.length, b.length + PAD, (byte) 0);
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** The index of the first {@code value} in {@code b[from, to)}, or -1; eight bytes at a time. */
    static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ pattern;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte value) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The array's numbers in records of a fixed number of fields, as runs of whole records: a
     * run is {@link #values}{@code [from .. to)} (a multiple of the field count), with the byte
     * offset of each number at {@link #base} plus {@link #offsets}. Runs are read in place from
     * the decoded blocks; a record cut by a block's end comes as a run of its own. Syntax errors
     * are thrown when the record they are in is asked for.
     */
    final class Records {
        private final int fields;
        private Block block;
        private int k;
        private final long[] carryValues;
        private final int[] carryOffsets;
        private int carried;
        private long carryBase;

        long[] values;
        int[] offsets;
        long base;
        int from;
        int to;

        Records(int fields) {
            this.fields = fields;
            this.carryValues = new long[fields];
            this.carryOffsets = new int[fields];
        }

        /**
         * Moves to the next run of records; false after the last.
         *
         * @throws io.github.heapdiff.MalformedSnapshotException at a syntax error, at the end of the
         *     input, or when the array closes inside a record
         */
        boolean advance() throws IOException {
            int f = fields;
            while (true) {
                Block b = block;
                if (b == null || k == b.count) {
                    if (b != null) {
                        if (b.failed()) {
                            throw in.errorAt(b.errorOffset, b.errorExpected, b.errorFound);
                        }
                        if (b.closeOffset >= 0) {
                            if (carried != 0) {
                                throw in.errorAt(b.closeOffset, "the rest of a record of " + f + " numbers", "']'");
                            }
                            finish(b);
                            return false;
                        }
                    }
                    b = NumberBlocks.this.next();
                    if (b == null) {
                        throw new IllegalStateException("the array's last block neither closed nor failed");
                    }
                    block = b;
                    k = 0;
                    continue;
                }
                if (carried > 0) {
                    // the rest of a record cut by the previous block's end
                    int take = Math.min(f - carried, b.count - k);
                    for (int j = 0; j < take; j++) {
                        carryValues[carried + j] = b.values[k + j];
                        carryOffsets[carried + j] = (int) (b.base - carryBase) + b.offsets[k + j];
                    }
                    k += take;
                    carried += take;
                    if (carried == f) {
                        carried = 0;
                        values = carryValues;
                        offsets = carryOffsets;
                        base = carryBase;
                        from = 0;
                        to = f;
                        return true;
                    }
                    continue;
                }
                int whole = (b.count - k) / f * f;
                if (whole > 0) {
                    values = b.values;
                    offsets = b.offsets;
                    base = b.base;
                    from = k;
                    to = k + whole;
                    k += whole;
                    return true;
                }
                // the start of a record the block's end cuts: carried to the next block
                carryBase = b.base;
                carried = b.count - k;
                System.arraycopy(b.values, k, carryValues, 0, carried);
                System.arraycopy(b.offsets, k, carryOffsets, 0, carried);
                k = b.count;
            }
        }
    }

    // ------------------------------------------------------------------ the second thread

    private void work() {
        try {
            while (true) {
                Block mine = null;
                synchronized (this) {
                    while (!stopped) {
                        for (Block b : inFlight) {
                            if (b.state == RAW) {
                                mine = b;
                                break;
                            }
                        }
                        if (mine != null || readAll && allStarted()) {
                            break;
                        }
                        wait();
                    }
                    if (mine == null) {
                        return;
                    }
                    mine.state = DECODING;
                }
                decode(mine);
                synchronized (this) {
                    mine.state = DONE;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            synchronized (this) {
                workerFailure = e;
                notifyAll();
            }
        }
    }

    private boolean allStarted() {
        for (Block b : inFlight) {
            if (b.state == RAW) {
                return false;
            }
        }
        return true;
    }

    private void checkWorker() {
        Throwable f = workerFailure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new UncheckedIOException(new IOException(f));
        }
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    /** Stops the second thread; the blocks not consumed are dropped. */
    @Override
    public void close() {
        stopWorker();
    }

    private void stopWorker() {
        if (worker == null) {
            return;
        }
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ decoding

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** Decodes block {@code b}: its numbers and offsets, then how it ends. */
    static void decode(Block b) {
        byte[] s = b.bytes;
        int len = b.length;
        if (b.values.length < len / 2 + 1) {
            b.values = new long[len / 2 + 1];
            b.offsets = new int[len / 2 + 1];
        }
        long[] values = b.values;
        int[] offsets = b.offsets;
        b.count = 0;
        b.closeOffset = -1;
        b.errorExpected = null;
        b.errorFound = null;
        int n = 0;
        int p = 0;
        while (true) {
            // the common case first: one to seven digits and a ',' right after them (or a line
            // break and a ',', as V8 ends each record's line), all in one eight-byte load (the
            // block's padding keeps the load within the array and shows no ',' past its end);
            // anything else takes the general path below for one number
            if (p < len) {
                long x = ((long) LONG_LE.get(s, p)) ^ 0x3030303030303030L;
                long nonDigits = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L | x) & 0x8080808080808080L;
                int k = Long.numberOfTrailingZeros(nonDigits) >>> 3;
                if (k > 0 && k < 8) {
                    long after = x >>> (k << 3);
                    int skip = (after & 0xFF) == (',' ^ 0x30) ? 1
                            : k < 7 && (after & 0xFFFF) == (((',' ^ 0x30) << 8) | ('\n' ^ 0x30)) ? 2 : 0;
                    if (skip > 0) {
                        values[n] = eightDigits(x << (64 - 8 * k));
                        offsets[n] = p;
                        n++;
                        p += k + skip;
                        continue;
                    }
                }
            }
            int c = p < len ? s[p] & 0xff : -1;
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                c = ++p < len ? s[p] & 0xff : -1;
            }
            if (c < 0) {
                if (b.endOfInput) {
                    fail(b, n, p, "a non-negative integer", -1);
                } else {
                    b.count = n; // the block ended after a ',': the next one goes on
                }
                return;
            }
            if (c < '0' || c > '9') {
                fail(b, n, p, "a non-negative integer", c);
                return;
            }
            int start = p;
            long v;
            long x = ((long) LONG_LE.get(s, p)) ^ 0x3030303030303030L;
            long nonDigits = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L | x) & 0x8080808080808080L;
            int k = Long.numberOfTrailingZeros(nonDigits) >>> 3;
            if (k < 8) {
                v = eightDigits(x << (64 - 8 * k));
                p += k;
            } else {
                long y = ((long) LONG_LE.get(s, p + 8)) ^ 0x3030303030303030L;
                long more = ((y & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L | y) & 0x8080808080808080L;
                int j = Long.numberOfTrailingZeros(more) >>> 3;
                if (j < 8) {
                    v = eightDigits(x);
                    if (j > 0) {
                        v = v * POW10[j] + eightDigits(y << (64 - 8 * j));
                    }
                    p += 8 + j;
                } else {
                    // sixteen digits or more: digit by digit, with the limits of ByteScanner.arrayNumber
                    v = 0;
                    int digits = 0;
                    while (p < len && s[p] >= '0' && s[p] <= '9') {
                        v = v * 10 + (s[p] - '0');
                        p++;
                        if (++digits > 16 && v > ByteScanner.MAX_NUMBER) {
                            failAt(b, n, start, "an integer of at most 2^53", "a number of more than 16 digits");
                            return;
                        }
                    }
                }
            }
            if (v > ByteScanner.MAX_NUMBER) {
                failAt(b, n, start, "an integer of at most 2^53", Long.toString(v));
                return;
            }
            c = p < len ? s[p] & 0xff : -1;
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                c = ++p < len ? s[p] & 0xff : -1;
            }
            if (c == ',') {
                values[n] = v;
                offsets[n] = start;
                n++;
                p++;
            } else if (c == ']') {
                values[n] = v;
                offsets[n] = start;
                n++;
                b.count = n;
                b.closeOffset = b.base + p;
                return;
            } else {
                fail(b, n, p, "',' or ']' after a number", c);
                return;
            }
        }
    }

    private static void fail(Block b, int count, int at, String expected, int found) {
        failAt(b, count, at, expected, ByteScanner.describe(found));
    }

    private static void failAt(Block b, int count, int at, String expected, String found) {
        b.count = count;
        b.errorOffset = b.base + at;
        b.errorExpected = expected;
        b.errorFound = found;
    }

    /** The value of eight decimal digits (byte values 0-9, the first in the lowest byte). */
    private static long eightDigits(long x) {
        long y = (x & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        y = (y & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (y & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }
}
