package io.github.heapdiff.cli;

import io.github.heapdiff.Grouping;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads snapshots shares. */
final class ReadOptionsMixin {

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
                    + "hprof.grouping=package (or class-loader) to group heap dumps by package or class loader.")
    Map<String, String> settings = Map.of();

    @Option(names = "--no-progress", description = "Never draw a progress bar (drawn on stderr when it is a terminal).")
    boolean noProgress;

    SnapshotLoader loader() {
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
        SnapshotLoader l = loader();
        List<Snapshot> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(l.read(f));
        }
        return out;
    }
}
