package io.github.heapdiff;

/**
 * Receives progress while a snapshot is read and analysed.
 *
 * <p>Steps are short names ({@code reading}, {@code indexing}, {@code dominators},
 * {@code summarising}); the fraction is the part of the current step done, from 0 to 1. Called on
 * the reading thread, a few hundred times a step at most; implementations must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports that {@code fraction} of {@code step} is done for {@code source}.
     *
     * @param source the source being read
     * @param step the current step
     * @param fraction from 0 to 1
     */
    void progress(String source, String step, double fraction);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return (source, step, fraction) -> { };
    }
}
