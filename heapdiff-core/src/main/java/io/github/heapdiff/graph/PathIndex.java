package io.github.heapdiff.graph;

import io.github.heapdiff.RetainerPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shortest retainer paths from the GC roots to every node, from one breadth-first search over
 * retaining edges, kept compactly per node so that the graph's edge arrays can be released
 * before the dominator phase: one long a node holding the node it was reached from and the kind
 * and name of that edge (names outside 0 to 2^28 - 1, rare, in a side table). The search itself
 * notes the edge's index instead (its low half); {@link #resolveNames} then reads each edge's
 * kind and name, in a pass of its own that a second thread can do while the caller goes on with
 * other reads of the edges (a name read per node is a cache miss the search need not wait for).
 *
 * <p>The index is over node indexes ({@link #build}) or over the depth-first numbers of the
 * dominator pass ({@link #buildNumbered}); a {@link Naming} tells how to show the objects of its
 * index space.
 */
final class PathIndex {

    /** The most steps a path may have; longer chains (deep linked lists) are not reported. */
    static final int MAX_PATH = 1000;

    private static final int ROOT = -2;
    /**
     * An entry no root reaches: from -1, all bits set. Entries are stored complemented, so that
     * this one is the 0 a new array holds and the array needs no filling.
     */
    private static final long UNREACHED = -1L;
    private static final int NAME_BITS = 28;
    private static final int NAME_MASK = (1 << NAME_BITS) - 1;
    /** The name bits of an entry whose name is in the side table. */
    private static final int NAME_ELSEWHERE = NAME_MASK;

    private final GraphBuilder b;
    /**
     * Per index, complemented (see {@link #UNREACHED}): the index reached from (high 32 bits), the
     * edge's kind (4 bits) and name (28 bits).
     */
    private final long[] entries;
    /** Names that do not fit an entry, by index. */
    private final java.util.Map<Integer, Integer> otherNames;
    /** Whether the entries hold kinds and names yet (else edge indexes: see {@link #resolveNames}). */
    private volatile boolean named;

    /** How to show an object of the index's space on a path. */
    interface Naming {
        /** The root kind of a root. */
        String rootKind(int index);

        /** What a step shows for the object: its label, else its type name. */
        String display(int index);

        /** The object's id. */
        long id(int index);
    }

    private PathIndex(GraphBuilder b, long[] entries, java.util.Map<Integer, Integer> otherNames) {
        this.b = b;
        this.entries = entries;
        this.otherNames = otherNames;
    }

    /** The index over node indexes, from the builder's edges (which hold node indexes). */
    static PathIndex build(GraphBuilder b, IntPool pool) {
        int n = b.nodeCount;
        int[] roots = new int[b.rootCount];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = (int) b.rootRefs[i];
        }
        PathIndex p = search(b, n, roots, null, b.edgeStart, b.edgeTarget, b.edgeFlags, pool,
                n >= Background.PARALLEL_MIN_NODES ? SPLIT_LEVEL : Integer.MAX_VALUE, ROUND_HALF);
        p.resolveNames(b.edgeNames(), b.edgeFlags);
        return p;
    }

    /**
     * The index over depth-first numbers ({@code 1 .. n}; 0 is the dominator pass's super-root and
     * never on a path), from edges whose retaining targets hold those numbers and whose other
     * targets are negative (as the dominator pass leaves them); its names are still to be
     * {@linkplain #resolveNames resolved}.
     *
     * @param vertex the node of each number, to find its edges
     * @param rootNumbers the number of each declared root, in order
     * @param split whether wide levels of the search may take a second thread
     */
    static PathIndex buildNumbered(GraphBuilder b, int[] vertex, int[] rootNumbers, int[] start, int[] target,
            IntPool pool, boolean split) {
        return search(b, b.nodeCount + 1, rootNumbers, vertex, start, target, null, pool,
                split ? SPLIT_LEVEL : Integer.MAX_VALUE, ROUND_HALF);
    }

    /**
     * Turns each entry's edge index into the edge's kind and name, from the edges the search read
     * ({@code names} and {@code flags} by edge index): once, before any path is asked for. Reads
     * nothing the search's caller writes, so it may run on a thread of its own beside other
     * readers of the edges; joining that thread publishes the entries.
     */
    void resolveNames(Ints names, byte[] flags) {
        if (named) {
            return;
        }
        long[] en = entries;
        for (int t = 0; t < en.length; t++) {
            long entry = ~en[t];
            int from = from(entry);
            if (entry == UNREACHED || from == ROOT) {
                continue;
            }
            int e = (int) entry;
            int name = names.get(e);
            if (!fits(name)) {
                otherNames.put(t, name);
            }
            en[t] = ~entry((long) from << 32, flags[e], name);
        }
        named = true;
    }

    /** Levels of the search at least this wide are shared with a second thread. */
    static final int SPLIT_LEVEL = 1 << 15;
    /** The most indexes of a level a round gives each thread. */
    static final int ROUND_HALF = 1 << 17;

    /**
     * The breadth-first search from {@code roots}, one level after the other. A level at least
     * {@code splitLevel} wide is done in rounds of up to twice {@code roundHalf} indexes, the first
     * half on the calling thread and the second on another; the result is exactly that of one
     * thread (see {@link Search}), so paths never depend on timing.
     *
     * @param flags the edges' flags, whose {@link GraphBuilder#NO_RETAIN} bit tells the edges that
     *     do not retain; or null, when those edges' targets are negative instead
     */
    static PathIndex search(GraphBuilder b, int size, int[] roots, int[] vertex, int[] start, int[] target,
            byte[] flags, IntPool pool, int splitLevel, int roundHalf) {
        Search s = new Search(Math.max(1, size), vertex, start, target, flags, pool);
        for (int r : roots) {
            s.seed(r);
        }
        try {
            int head = 0;
            while (head < s.tail) {
                int levelEnd = s.tail;
                if (levelEnd - head >= splitLevel) {
                    s.split(head, levelEnd, splitLevel, roundHalf);
                } else {
                    s.scan(head, levelEnd);
                }
                head = levelEnd;
            }
        } finally {
            s.close();
        }
        pool.give(s.queue);
        return new PathIndex(b, s.entries, new java.util.HashMap<>());
    }

    /**
     * One breadth-first search: the queue order, and so each index's entry, is that of one thread
     * scanning the queue in order (an index's entry comes from the first queued index with a
     * retaining edge to it, by its first such edge).
     *
     * <p>A round of a wide level splits a stretch of the queue in two. The calling thread scans the
     * first half as one thread would, marking what it reaches seen and appending it to the queue.
     * At the same time a second thread scans the second half without writing anything shared: it
     * lists, in order, each retaining edge whose target it found unseen, with the entry that edge
     * would give. Once done with its half, the calling thread takes those candidates in order (as
     * they are listed), each still unseen one as one thread would have found it; what its own half
     * reached, or an earlier candidate did, is seen by then and skipped. The second thread does
     * the scattered reads of its half (the indexes' edges), the calling thread the writes.
     */
    private static final class Search {
        final long[] entries;
        /** One bit an index: reached. */
        final long[] seen;
        final int[] queue;
        int tail;
        private final int[] vertex;
        private final int[] start;
        private final int[] target;
        private final byte[] flags;
        /** The second thread's candidates in the current round: targets and entries. */
        private int[] candidates;
        private long[] candidateEntries;
        /** The second thread, once a level is wide enough to share. */
        private java.util.concurrent.ExecutorService second;
        /** The second thread's copy of the seen bits as a round starts (see {@link #list}). */
        private long[] view;
        /** How many candidates the second thread has listed so far, published every {@link #PUBLISH}. */
        private volatile int published;
        /** Set once the second thread has listed its last candidate of the round. */
        private volatile boolean listed;
        private static final int PUBLISH = 512;

        Search(int size, int[] vertex, int[] start, int[] target, byte[] flags, IntPool pool) {
            entries = new long[size];
            seen = new long[(size + 63) >>> 6];
            queue = pool.take(size);
            this.vertex = vertex;
            this.start = start;
            this.target = target;
            this.flags = flags;
        }

        void seed(int r) {
            if (unseen(seen, r)) {
                tail = reach(seen, entries, queue, r, (long) ROOT << 32, tail);
            }
        }

        /** Whether no entry has reached {@code t} yet. */
        private static boolean unseen(long[] seen, int t) {
            return (seen[t >>> 6] & (1L << t)) == 0;
        }

        /**
         * Reaches unseen {@code t}: marks it seen, keeps its entry and queues it at {@code tail};
         * returns the next tail. Static over the arrays, which the hot loops hold in locals.
         */
        private static int reach(long[] seen, long[] entries, int[] queue, int t, long entry, int tail) {
            seen[t >>> 6] |= 1L << t;
            entries[t] = ~entry;
            queue[tail] = t;
            return tail + 1;
        }

        /** Scans queue positions {@code lo} to {@code hi} on this thread alone. */
        void scan(int lo, int hi) {
            int[] queue = this.queue;
            int[] vertex = this.vertex;
            int[] start = this.start;
            int[] target = this.target;
            byte[] flags = this.flags;
            long[] seen = this.seen;
            long[] entries = this.entries;
            int tail = this.tail;
            for (int q = lo; q < hi; q++) {
                int x = queue[q];
                int v = vertex == null ? x : vertex[x];
                long fromX = (long) x << 32;
                for (int e = start[v], end = start[v + 1]; e < end; e++) {
                    int t = target[e];
                    if ((flags == null ? t >= 0 : (flags[e] & GraphBuilder.NO_RETAIN) == 0) && unseen(seen, t)) {
                        tail = reach(seen, entries, queue, t, fromX | e, tail); // the edge's name later
                    }
                }
            }
            this.tail = tail;
        }

        /**
         * Scans queue positions {@code lo} to {@code hi} in rounds shared with a second thread, the
         * last stretch narrower than {@code splitLevel} alone.
         */
        void split(int lo, int hi, int splitLevel, int roundHalf) {
            if (candidates == null) {
                view = new long[seen.length];
                candidates = new int[2 * roundHalf];
                candidateEntries = new long[2 * roundHalf];
                second = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                    Thread t = new Thread(task, "heapdiff-paths");
                    t.setDaemon(true);
                    return t;
                });
            }
            int q = lo;
            while (q < hi) {
                if (hi - q < Math.max(2, splitLevel)) {
                    scan(q, hi);
                    return;
                }
                int half = Math.min(roundHalf, (hi - q + 1) / 2);
                int mid = q + half;
                int end = Math.min(hi, mid + half);
                published = 0;
                listed = false;
                java.util.concurrent.Future<Integer> listing = second.submit(() -> list(mid, end));
                scan(q, mid);
                // the candidates as the second thread lists them, the rest once it is done
                int adopted = 0;
                while (true) {
                    boolean done = listed;
                    int count = published;
                    if (adopted < count) {
                        adopt(adopted, count);
                        adopted = count;
                    } else if (done || listing.isDone() && !listed) {
                        break; // all adopted, or the second thread failed (rethrown below)
                    } else {
                        Thread.onSpinWait();
                    }
                }
                q = await(listing);
            }
        }

        /** The second thread's stop position, or what it threw. */
        private static int await(java.util.concurrent.Future<Integer> listing) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return listing.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Ends the second thread, if there was one. */
        void close() {
            if (second != null) {
                second.shutdown();
            }
        }

        /**
         * The second thread's half: lists the edges to targets it finds unseen, up to its buffer's
         * room; returns the queue position it stopped at ({@code hi}, or earlier when full). Tests
         * its own copy of the seen bits, taken as it starts, rather than the bits the calling thread
         * is writing (which would bounce their cache lines between the cores): a target seen since
         * only adds a candidate that {@link #adopt} skips. Publishes its count as it goes, so the
         * calling thread adopts while it lists.
         */
        private int list(int lo, int hi) {
            long[] seen = this.view;
            System.arraycopy(this.seen, 0, seen, 0, seen.length);
            int[] queue = this.queue;
            int[] vertex = this.vertex;
            int[] start = this.start;
            int[] target = this.target;
            byte[] flags = this.flags;
            int[] candidates = this.candidates;
            long[] candidateEntries = this.candidateEntries;
            int count = 0;
            int q = lo;
            for (; q < hi; q++) {
                int x = queue[q];
                int v = vertex == null ? x : vertex[x];
                int from = start[v];
                int end = start[v + 1];
                if (end - from > candidates.length - count) {
                    break; // the rest is the calling thread's next round
                }
                long fromX = (long) x << 32;
                for (int e = from; e < end; e++) {
                    int t = target[e];
                    if ((flags == null ? t >= 0 : (flags[e] & GraphBuilder.NO_RETAIN) == 0)
                            && (seen[t >>> 6] & (1L << t)) == 0) {
                        candidates[count] = t;
                        candidateEntries[count] = fromX | e;
                        count++;
                    }
                }
                if (count - published >= PUBLISH) {
                    published = count;
                }
            }
            published = count;
            listed = true;
            return q;
        }

        /** The second thread's candidates {@code from} to {@code to}: those still unseen join the queue, in order. */
        private void adopt(int from, int to) {
            long[] seen = this.seen;
            long[] entries = this.entries;
            int[] queue = this.queue;
            int[] candidates = this.candidates;
            long[] candidateEntries = this.candidateEntries;
            int tail = this.tail;
            for (int k = from; k < to; k++) {
                int t = candidates[k];
                if (unseen(seen, t)) {
                    tail = reach(seen, entries, queue, t, candidateEntries[k], tail);
                }
            }
            this.tail = tail;
        }
    }

    /** Whether an edge name fits an entry's name bits (else it goes to the side table). */
    private static boolean fits(int name) {
        return (name & ~NAME_MASK) == 0 && name != NAME_ELSEWHERE;
    }

    /** The entry of an index reached from {@code fromX} (the index in the high half) by an edge of {@code flags} and {@code name}. */
    private static long entry(long fromX, int flags, int name) {
        return fromX | (long) (flags & GraphBuilder.KIND_MASK) << NAME_BITS | (fits(name) ? name : NAME_ELSEWHERE);
    }

    /** The entry of {@code index} (stored complemented; see {@link #UNREACHED}). */
    private long entryAt(int index) {
        return ~entries[index];
    }

    private static int from(long entry) {
        return (int) (entry >> 32);
    }

    /** The raw entry of {@code index} and its side-table name, for tests comparing two searches. */
    String entryOf(int index) {
        return entryAt(index) + "/" + otherNames.get(index);
    }

    /** Returns true when a root reaches {@code index} over retaining edges. */
    boolean reaches(int index) {
        return entryAt(index) != UNREACHED;
    }

    /** The shortest retainer path to {@code index}, its steps shown by {@code naming}. */
    Optional<RetainerPath> path(int index, Naming naming) {
        if (!named) {
            throw new IllegalStateException("the paths' edge names are not resolved yet");
        }
        if (entryAt(index) == UNREACHED) {
            return Optional.empty();
        }
        List<Integer> chain = new ArrayList<>();
        for (int v = index; v >= 0; v = from(entryAt(v))) {
            chain.add(v);
            if (chain.size() > MAX_PATH) {
                return Optional.empty();
            }
        }
        List<RetainerPath.Step> steps = new ArrayList<>(chain.size());
        int root = chain.get(chain.size() - 1);
        steps.add(new RetainerPath.Step(naming.rootKind(root), naming.display(root), naming.id(root)));
        for (int i = chain.size() - 2; i >= 0; i--) {
            int v = chain.get(i);
            long entry = entryAt(v);
            int name = (int) entry & NAME_MASK;
            if (name == NAME_ELSEWHERE) {
                name = otherNames.get(v);
            }
            EdgeKind kind = EdgeKind.of((int) (entry >>> NAME_BITS) & GraphBuilder.KIND_MASK);
            steps.add(new RetainerPath.Step(render(b, kind, name), naming.display(v), naming.id(v)));
        }
        return Optional.of(new RetainerPath(steps));
    }

    /** An edge name for display: the string, {@code [i]} for indexed kinds, {@code ?} when unknown. */
    static String render(GraphBuilder b, EdgeKind kind, int name) {
        if (kind.isIndexed()) {
            return "[" + name + "]";
        }
        String[] s = b.strings;
        return name >= 0 && name < s.length && s[name] != null ? s[name] : "?";
    }
}
