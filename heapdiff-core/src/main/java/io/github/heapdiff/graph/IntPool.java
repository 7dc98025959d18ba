package io.github.heapdiff.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Dead {@code int[]} working arrays handed from one phase of the analysis to the next, so that
 * big graphs do not allocate (and garbage-collect) a fresh array for every step. Arrays taken
 * from the pool hold leftovers: callers initialise what they read.
 */
final class IntPool {
    private final List<int[]> free = new ArrayList<>();

    /** Gives an array back for reuse. */
    void give(int[] a) {
        if (a != null) {
            free.add(a);
        }
    }

    /**
     * An array of at least {@code length} ints, not cleared: the smallest free one that fits, or a
     * new one with room for two more (phases ask for n, n + 1 or n + 2 ints, and each can then
     * reuse the others' arrays).
     */
    int[] take(int length) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int[] a = free.get(i);
            if (a.length >= length && (best < 0 || a.length < free.get(best).length)) {
                best = i;
            }
        }
        return best < 0 ? new int[length <= Integer.MAX_VALUE - 8 ? length + 2 : length] : free.remove(best);
    }

    /**
     * Keeps at most {@code count} free arrays of {@code min} to {@code max} ints, the shortest: the
     * others are dropped (a pool holding arrays nobody takes, or arrays much longer than what is
     * taken, holds the heap's peak up).
     */
    void keepAtMost(int count, int min, int max) {
        free.removeIf(a -> a.length < min || a.length > max);
        free.sort((a, b) -> Integer.compare(a.length, b.length));
        while (free.size() > count) {
            free.remove(free.size() - 1);
        }
    }

    /** Drops every free array. */
    void clear() {
        free.clear();
    }
}
