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

    /** Drops free arrays, the smallest first, until at most {@code count} are left. */
    void keepAtMost(int count) {
        while (free.size() > count) {
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).length < free.get(smallest).length) {
                    smallest = i;
                }
            }
            free.remove(smallest);
        }
    }

    /** Drops every free array. */
    void clear() {
        free.clear();
    }
}
