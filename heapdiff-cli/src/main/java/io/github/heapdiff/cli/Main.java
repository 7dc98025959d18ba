package io.github.heapdiff.cli;

import io.github.heapdiff.SnapshotReadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code heapdiff} command: {@code diff}, {@code show} and their help.
 *
 * <p>Exit codes: 0 success, 2 usage error, 3 unreadable or malformed input, 4 internal error;
 * commands that judge leaks add their own (see their help).
 */
@Command(name = "heapdiff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds memory leaks by diffing heap snapshots: V8 .heapsnapshot, HPROF, mdb_v8 and llnode "
                + "findjsobjects listings, jmap/jcmd class histograms (gzipped or not).",
        subcommands = {DiffCommand.class, ShowCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for unreadable or malformed input. */
    public static final int EXIT_BAD_INPUT = 3;
    /** Exit code for an unexpected failure. */
    public static final int EXIT_INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: diff, show (or help)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output and error writers and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof SnapshotReadException) {
                line.getErr().println("heapdiff: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                line.getErr().println("heapdiff: " + ex.getMessage());
                return line.getCommandSpec().exitCodeOnInvalidInput();
            }
            line.getErr().println("heapdiff: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return EXIT_INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"heapdiff " + (v == null ? "(development build)" : v)};
        }
    }
}
