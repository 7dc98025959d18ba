package io.github.heapdiff.formats.v8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes an array of fixed-size number records (the {@code nodes} or {@code edges} array) in
 * blocks and hands each block to a consumer. On big snapshots the consumer (validation, type
 * lookup, the graph builder) runs on a second thread while the reading thread keeps decoding, so
 * that the two halves of the work overlap; the reading thread is the only one that touches the
 * input (and so reports progress). Errors of either side end the read with the same exception as
 * the sequential path.
 */
final class RecordBlocks {

    /** Records per block. */
    static final int RECORDS = 8192;

    /** One block of decoded records. */
    static final class Block {
        final long[] values;
        /** Byte offsets of the values, relative to {@link #base}. */
        final int[] offsets;
        /** The byte offset the block's offsets count from. */
        long base;
        int records;
        /** True when the array closed after this block's last record. */
        boolean end;
        /** The byte offset of the closing {@code ']'}, when {@link #end}. */
        long endOffset;

        Block(int fields) {
            values = new long[RECORDS * fields];
            offsets = new int[RECORDS * fields];
        }
    }

    /** Processes the records of one block, in order. */
    interface Consumer {
        void accept(Block block) throws IOException;
    }

    private static final Block STOP = new Block(0);

    private RecordBlocks() {
    }

    /**
     * Decodes records of {@code fields} numbers from {@code in} (positioned after the opening
     * {@code '['} of a non-empty array) up to the closing {@code ']'}, passing them to
     * {@code consumer} in blocks.
     */
    static void run(ByteScanner in, int fields, boolean parallel, Consumer consumer) throws IOException {
        if (!parallel) {
            Block block = new Block(fields);
            while (true) {
                boolean end = fill(in, fields, block);
                consumer.accept(block);
                if (end) {
                    return;
                }
            }
        }
        BlockingQueue<Block> full = new ArrayBlockingQueue<>(4);
        BlockingQueue<Block> free = new ArrayBlockingQueue<>(6);
        for (int i = 0; i < 6; i++) {
            free.add(new Block(fields));
        }
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    Block b = full.take();
                    if (b == STOP) {
                        return;
                    }
                    consumer.accept(b);
                    boolean end = b.end;
                    free.put(b);
                    if (end) {
                        return;
                    }
                }
            } catch (Throwable e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
        }, "heapdiff-v8-records");
        worker.setDaemon(true);
        worker.start();
        try {
            while (true) {
                Block b = take(free, worker, failure);
                if (b == null) {
                    break; // the consumer failed
                }
                boolean end = fill(in, fields, b);
                if (!put(full, b, worker, failure) || end) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            full.clear();
            full.offer(STOP);
            join(worker);
            throw e;
        }
        join(worker);
        Throwable f;
        synchronized (failure) {
            f = failure[0];
        }
        if (f instanceof IOException e) {
            throw e;
        }
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

    /** Fills {@code block} with records; returns true when the array closed. */
    private static boolean fill(ByteScanner in, int fields, Block block) throws IOException {
        block.records = 0;
        block.end = false;
        long[] values = block.values;
        int[] offsets = block.offsets;
        long base = in.offset();
        block.base = base;
        int at = 0;
        while (block.records < RECORDS) {
            if (in.offset() - base > (1 << 30)) {
                return false; // offsets are kept as ints from the block's start: start a new block
            }
            in.record(values, offsets, at, fields, base);
            at += fields;
            block.records++;
            if (in.separator == ']') {
                block.end = true;
                block.endOffset = in.offset() - 1;
                return true;
            }
        }
        return false;
    }

    private static Block take(BlockingQueue<Block> free, Thread worker, Throwable[] failure) {
        while (true) {
            try {
                Block b = free.poll(20, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (!worker.isAlive()) {
                return null;
            }
        }
    }

    private static boolean put(BlockingQueue<Block> full, Block b, Thread worker, Throwable[] failure) {
        while (true) {
            try {
                if (full.offer(b, 20, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (!worker.isAlive()) {
                return false;
            }
        }
    }

    private static void join(Thread worker) {
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
}
