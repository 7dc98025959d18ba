package io.github.heapdiff.cli;

import io.github.heapdiff.Snapshot;
import io.github.heapdiff.analysis.SnapshotWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heapdiff show}: one snapshot as a class histogram. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one snapshot's groups, largest first, like a class histogram: count, shallow and "
                + "retained bytes where known.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A snapshot (.gz is read too).")
    Path file;

    @Option(names = "--top", paramLabel = "N", converter = PositiveInt.class, defaultValue = "20", description = "Groups listed (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--sort", paramLabel = "count|bytes|retained", defaultValue = "count",
            description = "Sort by (default ${DEFAULT-VALUE}).")
    SnapshotWriter.Order sort;

    @Option(names = "--format", paramLabel = "text|markdown", defaultValue = "text",
            description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ReadOptionsMixin read;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SnapshotWriter writer = switch (format) {
            case "text" -> SnapshotWriter.text();
            case "markdown", "md" -> SnapshotWriter.markdown();
            default -> throw new IllegalArgumentException("unknown format '" + format + "'; use text or markdown");
        };
        Snapshot s = read.loader().read(file);
        PrintWriter out = spec.commandLine().getOut();
        writer.withTop(top).withOrder(sort).write(s, out);
        out.flush();
        return 0;
    }
}
