package io.github.heapdiff.cli;

import io.github.heapdiff.SnapshotReadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code heapdiff} command: {@code leaks}, {@code diff}, {@code show} and their help.
 *
 * <p>Exit codes: 0 success (for {@code leaks}: no likely leak, or {@code --fail-on-leak} not
 * given); 1 {@code leaks --fail-on-leak} found a likely leak ({@link #EXIT_LEAK}); 2 usage error;
 * 3 unreadable or malformed input ({@link #EXIT_BAD_INPUT}); 4 internal error
 * ({@link #EXIT_INTERNAL}), including running out of memory.
 */
@Command(name = "heapdiff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds memory leaks by diffing heap snapshots: V8 .heapsnapshot, HPROF, mdb_v8 and llnode "
                + "findjsobjects listings, jmap/jcmd class histograms (gzipped or not).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success; for leaks, no likely leak (or --fail-on-leak not given)",
            "1:leaks --fail-on-leak found a likely leak", "2:usage error", "3:unreadable or malformed input",
            "4:internal error"},
        subcommands = {LeaksCommand.class, DiffCommand.class, ShowCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code of {@code leaks --fail-on-leak} when some finding is a likely leak. */
    public static final int EXIT_LEAK = 1;
    /** Exit code for unreadable or malformed input. */
    public static final int EXIT_BAD_INPUT = 3;
    /** Exit code for an unexpected failure. */
    public static final int EXIT_INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: leaks, diff, show (or help)");
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
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = EXIT_INTERNAL;
            String marker = System.getProperty(OOM_MARKER);
            if (e instanceof OutOfMemoryError && marker != null && markOutOfMemory(marker)) {
                err.println("heapdiff: out of memory in a heap sized from the dump; trying again with a larger heap");
            } else {
                err.println("heapdiff: internal error: " + e
                        + (e instanceof OutOfMemoryError ? " (give the JVM more memory, e.g. HEAPDIFF_JAVA_OPTS=-Xmx8g)" : ""));
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The system property naming a file that the command creates when it runs out of memory: the
     * launcher, which sized the heap from the dump, then runs it again with a larger heap.
     */
    static final String OOM_MARKER = "heapdiff.oom-marker";

    private static boolean markOutOfMemory(String marker) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(marker), "out of memory\n");
            return true;
        } catch (java.io.IOException | RuntimeException | OutOfMemoryError e) {
            return false;
        }
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
