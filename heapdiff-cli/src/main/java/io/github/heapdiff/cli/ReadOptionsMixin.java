package io.github.heapdiff.cli;

import io.github.heapdiff.Grouping;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads snapshots shares. */
final class ReadOptionsMixin {

    /** The smallest default memory budget: small dumps take the fastest plans. */
    static final long MIN_BUDGET = 512L << 20;

    @Option(names = "--group", paramLabel = "type|shape",
            description = "Group objects by type (constructor/class) or by type and property shape. "
                    + "Default: each format's own grouping (listings by shape, dumps by type).")
    Optional<Grouping> grouping = Optional.empty();

    @Option(names = "--input-format", paramLabel = "ID",
            description = "Read every file as this format instead of detecting it (v8-heapsnapshot, hprof, "
                    + "mdb-findjsobjects, llnode-findjsobjects, jmap-histo).")
    Optional<String> inputFormat = Optional.empty();

    @Option(names = "--summary",
            description = "Heap dumps: counts and shallow sizes only, in one fast streaming pass "
                    + "(no dominators, retained sizes or retainer paths).")
    boolean summary;

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A reader setting, such as hprof.size-model=hotspot-64-coops, or "
                    + "hprof.grouping=package (or class-loader) to group heap dumps by package or class loader, or "
                    + "graph.memory-budget=BYTES for the memory the graph analysis plans with (default: the size "
                    + "of the largest file, at least 512 MiB).")
    Map<String, String> settings = Map.of();

    @Option(names = "--no-progress", description = "Never draw a progress bar (drawn on stderr when it is a terminal).")
    boolean noProgress;

    /**
     * The loader for reading {@code files}. Unless a {@code graph.memory-budget} setting is given,
     * the graph analysis plans to stay within the size of the largest file (at least
     * {@link #MIN_BUDGET}): heapdiff aims to need no more memory than the dump it reads, and takes
     * its faster plans where they fit. The JVM's heap stays larger, so a dump denser in objects
     * than that still reads.
     */
    SnapshotLoader loader(List<Path> files) {
        SnapshotLoader l = Snapshots.loader();
        if (inputFormat.isPresent()) {
            l = l.withFormat(inputFormat.get());
        }
        if (grouping.isPresent()) {
            l = l.withGrouping(grouping.get());
        }
        if (summary) {
            l = l.withMode(ReadMode.SUMMARY);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            l = l.withSetting(e.getKey(), e.getValue());
        }
        if (!settings.containsKey(ReadOptions.MEMORY_BUDGET_SETTING)) {
            long largest = 0;
            for (Path f : files) {
                try {
                    largest = Math.max(largest, Files.size(f));
                } catch (IOException e) {
                    // unreadable: the read reports it
                }
            }
            l = l.withMemoryBudget(Math.max(MIN_BUDGET, largest));
        }
        if (!noProgress && stderrIsTerminal()) {
            l = l.withProgress(new ProgressBar(System.err));
        }
        return l;
    }

    /**
     * Whether stderr is a terminal. Java cannot ask that of stderr alone, so the launcher, which
     * can ({@code [ -t 2 ]}), passes {@code -Dheapdiff.stderr.tty=true|false}; without it the
     * command assumes a terminal only when the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("heapdiff.stderr.tty");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    List<Snapshot> readAll(List<Path> files) {
        SnapshotLoader l = loader(files);
        List<Snapshot> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(l.read(f));
        }
        return out;
    }
}
