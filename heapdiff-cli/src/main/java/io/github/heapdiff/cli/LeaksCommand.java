package io.github.heapdiff.cli;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.analysis.Heuristics;
import io.github.heapdiff.analysis.LeakReport;
import io.github.heapdiff.analysis.Rankings;
import io.github.heapdiff.analysis.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heapdiff leaks}: findings that explain the growth between snapshots, with a verdict each. */
@Command(name = "leaks", mixinStandardHelpOptions = true,
        description = {"Explains what grew between two or more snapshots of one program (oldest first): each finding is "
                + "a suspect group with the companions whose growth it explains, its evidence (growth, companions, "
                + "holder, origin) and a verdict (likely leak, unknown, not a leak); controls vouch that the snapshots "
                + "are comparable.",
            "Exit codes: 0 no likely leak (or --fail-on-leak not given), 1 a likely leak with --fail-on-leak, "
                + "2 usage error, 3 unreadable or malformed input, 4 internal error."})
final class LeaksCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "Snapshots, oldest first (.gz is read too).")
    List<Path> files;

    @Option(names = "--format", paramLabel = "text|markdown|json|html", defaultValue = "text",
            description = "Report format (default ${DEFAULT-VALUE}). html is one self-contained file with a chart.")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--top", paramLabel = "N", converter = PositiveInt.class, defaultValue = "10",
            description = "Findings listed (default ${DEFAULT-VALUE}); every finding still counts for --fail-on-leak.")
    int top;

    @Option(names = "--rank", paramLabel = "composite|count|bytes|retained|ratio|steady|per-hour", defaultValue = "composite",
            description = "How findings are ordered (default ${DEFAULT-VALUE}: share of the growth x steadiness x relative growth).")
    String rank;

    @Option(names = "--fail-on-leak",
            description = "Exit with code " + Main.EXIT_LEAK + " when some finding is a likely leak (for CI gates).")
    boolean failOnLeak;

    @Mixin
    ReadOptionsMixin read;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReportWriter writer = ReportWriter.named(format).withTop(top);
        var ranking = Rankings.named(rank);
        List<Snapshot> snapshots = read.readAll(files);
        LeakReport report = HeapDiff.of(snapshots).rank(ranking).attribute(Heuristics.defaults());
        if (out.isPresent()) {
            try (Writer w = Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8)) {
                writer.write(report, w);
            }
        } else {
            PrintWriter pw = spec.commandLine().getOut();
            writer.write(report, pw);
            pw.flush();
        }
        return failOnLeak && report.hasLikelyLeak() ? Main.EXIT_LEAK : 0;
    }
}
