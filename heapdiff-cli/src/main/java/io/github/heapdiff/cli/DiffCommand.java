package io.github.heapdiff.cli;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.analysis.DiffWriter;
import io.github.heapdiff.analysis.Rankings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heapdiff diff}: what grew between snapshots, ranked. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Ranks what grew between two or more snapshots of one program (oldest first), "
                + "and lists what stayed put, shrank, went, or was not shown.")
final class DiffCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "Snapshots, oldest first (.gz is read too).")
    List<Path> files;

    @Option(names = "--top", paramLabel = "N", converter = PositiveInt.class, defaultValue = "20", description = "Rows per section (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--rank", paramLabel = "count|bytes|retained|ratio|steady", defaultValue = "count",
            description = "How to rank growth (default ${DEFAULT-VALUE}).")
    String rank;

    @Option(names = "--format", paramLabel = "text|markdown", defaultValue = "text",
            description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ReadOptionsMixin read;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DiffWriter writer = DiffWriter.named(format).withTop(top);
        var ranking = Rankings.named(rank);
        List<Snapshot> snapshots = read.readAll(files);
        HeapDiff diff = HeapDiff.of(snapshots);
        PrintWriter out = spec.commandLine().getOut();
        writer.write(diff.rank(ranking), out);
        out.flush();
        return 0;
    }
}
