package io.github.heapdiff.graph;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Full-size int chunks ({@link IntChunks#CHUNK} entries) for a graph builder's columns and
 * reference buffer, made ahead on a helper thread once a graph needs its first one: a big graph
 * by id (HPROF) while a reader streams it. A new array's memory is zeroed when it is made, and
 * memory the process never used before is faulted in from the system then too. On a big dump
 * that is hundreds of megabytes of chunks and a sizeable share of the reader's thread; on the
 * helper it overlaps the reading.
 *
 * <p>The helper makes at most {@link #DEPTH} arrays ahead: enough to cover the stretches when the
 * compiler threads keep it from running, which two were not (the reader then made a 1 GB dump's
 * chunks for 40-67 ms itself, 8-10 ms with four). {@link #close} stops it and lets the
 * spares go; a helper whose arrays nobody takes for a while (the builder was dropped, say on a
 * read error) stops by itself, and {@link #take} then makes arrays on the caller's thread.
 * {@link #take} is for one thread, the builder's ({@link #NONE}, which never helps, serves any).
 */
final class ChunkStock {
    static final int DEPTH = 4;
    /** The stock of columns that make their own chunks: closed from the start, it never starts a helper. */
    static final ChunkStock NONE = new ChunkStock();

    static {
        NONE.close();
    }

    private final ArrayBlockingQueue<int[]> spares = new ArrayBlockingQueue<>(DEPTH);
    private final long idleMillis;
    private Thread helper;
    private volatile boolean closed;

    ChunkStock() {
        this(2_000);
    }

    /** A stock whose helper stops once no array was taken for {@code idleMillis}. */
    ChunkStock(long idleMillis) {
        this.idleMillis = idleMillis;
    }

    /** A zeroed array of {@link IntChunks#CHUNK} ints: one made ahead, else a new one (the first starts the helper). */
    int[] take() {
        if (helper == null && !closed) {
            helper = new Thread(this::fill, "heapdiff-chunks");
            helper.setDaemon(true);
            helper.start();
        }
        int[] a = spares.poll();
        return a != null ? a : new int[IntChunks.CHUNK];
    }

    private void fill() {
        try {
            while (!closed) {
                if (!spares.offer(new int[IntChunks.CHUNK], idleMillis, TimeUnit.MILLISECONDS)) {
                    break; // nobody takes them any more
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (OutOfMemoryError e) {
            // the builder's thread makes its own from here on, and meets the shortage itself if it is real
        } finally {
            spares.clear();
        }
    }

    /** Whether the helper thread is running (for tests). */
    boolean helping() {
        return helper != null && helper.isAlive();
    }

    /** Stops the helper; the arrays it made ahead and nobody took go. Later takes make their own. */
    void close() {
        closed = true;
        if (helper != null) {
            helper.interrupt();
        }
        spares.clear();
    }
}
