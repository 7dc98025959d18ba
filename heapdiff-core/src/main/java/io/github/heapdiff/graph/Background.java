package io.github.heapdiff.graph;

import java.util.function.Supplier;

/**
 * A task of the analysis run on a second thread while the calling thread does another (on big
 * graphs only), or inline. Results are the same either way; a failure in the task is rethrown by
 * {@link #join()}.
 */
final class Background<T> {

    /** Graphs smaller than this are analysed on one thread: a thread costs more than it saves. */
    static final int PARALLEL_MIN_NODES = 200_000;

    private final Thread thread;
    private T result;
    private Throwable failure;

    private Background(Thread thread) {
        this.thread = thread;
    }

    /** Starts {@code task} on a new daemon thread when {@code parallel}, else runs it now. */
    static <T> Background<T> start(String name, boolean parallel, Supplier<T> task) {
        if (!parallel) {
            Background<T> done = new Background<>(null);
            done.result = task.get();
            return done;
        }
        Background<T> background = new Background<>(name, task);
        background.thread.start();
        return background;
    }

    private Background(String name, Supplier<T> task) {
        Thread t = new Thread(() -> {
            try {
                result = task.get();
            } catch (Throwable e) {
                failure = e;
            }
        }, "heapdiff-" + name);
        t.setDaemon(true);
        this.thread = t;
    }

    /** Waits for the task and returns its result, rethrowing what it threw. */
    T join() {
        if (thread != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return result;
    }
}
