package io.github.heapdiff.examples;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test author's story: run a scenario a few rounds in this JVM, dump the heap after each round,
 * and report the classes of your own packages that grew at every step. A build step or a test
 * fails when the list is not empty:
 *
 * <pre>{@code
 * List<GroupDelta> grew = LeakGate.steadyGrowth("com.example.", () -> service.handle(request), 4, tempDir);
 * assertTrue(grew.isEmpty(), () -> "leaks: " + grew);
 * }</pre>
 *
 * <p>The dumps hold live objects only (the JVM collects before it writes them) and are read in
 * summary mode: class counts are all this question needs, and they take one streaming pass.
 */
public final class LeakGate {

    private LeakGate() {
    }

    /**
     * Runs {@code scenario} {@code rounds} times (at least 3: two steps of growth tell steady
     * growth from a cache filling once), dumps the live heap into {@code dir} after each round, and
     * returns the groups whose type starts with {@code typePrefix} and grew at every step, most
     * grown first.
     */
    public static List<GroupDelta> steadyGrowth(String typePrefix, Runnable scenario, int rounds, Path dir) {
        if (rounds < 3) {
            throw new IllegalArgumentException("rounds must be at least 3 to tell steady growth: " + rounds);
        }
        SnapshotLoader loader = Snapshots.loader().withMode(ReadMode.SUMMARY);
        List<Snapshot> snapshots = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            scenario.run();
            Path dump = dir.resolve("round-" + r + ".hprof");
            dumpLiveHeap(dump);
            snapshots.add(loader.read(dump));
            try {
                Files.delete(dump);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        HeapDiff diff = HeapDiff.of(snapshots);
        return diff.deltas().stream()
                .filter(d -> d.key().type().startsWith(typePrefix) && d.grewAtEveryStep())
                .sorted((a, b) -> Long.compare(b.countDelta().orElse(0), a.countDelta().orElse(0)))
                .toList();
    }

    /** Writes an HPROF dump of this JVM's live objects to {@code file}. */
    public static void dumpLiveHeap(Path file) {
        try {
            Files.deleteIfExists(file);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ a runnable demonstration

    /** A session a careless service keeps forever. */
    static final class Session {
        final long id;
        final byte[] state = new byte[64];

        Session(long id) {
            this.id = id;
        }
    }

    /** A service that registers every session in a static list and never removes it. */
    static final class LeakyService {
        static final List<Session> ALL = new ArrayList<>();
        private long next;

        void handle() {
            for (int i = 0; i < 1_000; i++) {
                ALL.add(new Session(next++));
            }
        }
    }

    /** A profile a service looks up often. */
    static final class Profile {
        final long id;
        final String name;

        Profile(long id) {
            this.id = id;
            this.name = "user-" + id;
        }
    }

    /** A service whose cache of profiles is bounded: it fills in the first round, then stays put. */
    static final class CachingService {
        static final java.util.Map<Long, Profile> CACHE = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Long, Profile> eldest) {
                return size() > 500;
            }
        };
        private long next;

        void handle() {
            for (int i = 0; i < 1_000; i++) {
                long id = next++;
                CACHE.put(id, new Profile(id));
            }
        }
    }

    /** Runs both services four rounds and prints what grew at every step. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("heapdiff-leak-gate");
        String mine = LeakGate.class.getName() + "$";
        LeakyService leaky = new LeakyService();
        CachingService caching = new CachingService();
        List<GroupDelta> grew = steadyGrowth(mine, () -> {
            leaky.handle();
            caching.handle();
        }, 4, dir);
        System.out.println(grew.isEmpty() ? "nothing of " + mine + " grew at every step" : "grew at every step:");
        for (GroupDelta d : grew) {
            System.out.printf("  %s: %s%n", d.key().render(), java.util.Arrays.toString(d.counts()));
        }
        Files.delete(dir);
    }
}
