package io.github.heapdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/heapdiff} as a user runs it, on the jar {@code mvn package} built (an integration
 * test: after the package phase): exit codes pass through, and the class-data archive it keeps is
 * made by the first run that reads a file and succeeds, mapped by later runs with the same output,
 * and replaced when it is not whole (a truncated archive would crash the JVM that maps it).
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "heapdiff").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "heapdiff.jar").toAbsolutePath();

    @TempDir
    static Path inputs;
    private static Path dump;
    private static Path before;
    private static Path after;

    @TempDir
    Path temp;
    /** The launcher's cache folder, with a space in its path (the launcher makes it). */
    private Path cache;

    @BeforeEach
    void cache() {
        cache = temp.resolve("heapdiff cache");
    }

    @BeforeAll
    static void inputs() throws IOException {
        dump = inputs.resolve("live.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        before = copy("before.txt");
        after = copy("after.txt");
    }

    private static Path copy(String name) throws IOException {
        try (InputStream in = LauncherIT.class.getResourceAsStream("/text/mdb/" + name)) {
            Path p = inputs.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(inputs.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HEAPDIFF_JAR", JAR.toString());
        pb.environment().put("HEAPDIFF_CACHE", cache.toString());
        pb.environment().remove("HEAPDIFF_JAVA_OPTS");
        pb.environment().remove("HEAPDIFF_CDS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(inputs, "out", ".txt");
        Path err = Files.createTempFile(inputs, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bin/heapdiff did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    /** The one archive in the cache, checked to be whole: its name ends with its size. */
    private Path archive() throws IOException {
        List<Path> all = archives();
        assertEquals(1, all.size(), () -> "one archive in the cache: " + all);
        Path a = all.get(0);
        String name = a.getFileName().toString();
        assertTrue(name.matches("heapdiff-\\d+-\\d+-\\d+\\.jsa"), name);
        assertEquals(Files.size(a) + ".jsa", name.substring(name.lastIndexOf('-') + 1), name);
        return a;
    }

    private void assertNoCrashReports() throws IOException {
        try (Stream<Path> files = Files.list(inputs)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
        }
    }

    @Test
    void the_first_run_that_reads_a_dump_leaves_an_archive_that_later_runs_map() throws Exception {
        Run version = run("--version");
        assertEquals(0, version.code(), version.err());
        assertEquals(List.of(), archives(), "a run that reads no file leaves no archive");

        Run first = run("show", "--top", "5", dump.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("java.lang.String"), first.out());
        Path archive = archive();
        FileTime made = Files.getLastModifiedTime(archive);

        Run second = run("show", "--top", "5", dump.toString());
        assertEquals(0, second.code(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals("", second.err());
        assertEquals(archive, archive(), "the archive is kept");
        assertEquals(made, Files.getLastModifiedTime(archive));

        // the JVM maps it for this jar (it refuses to start with -Xshare:on otherwise)
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-jar", JAR.toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertNoCrashReports();
    }

    @Test
    void a_truncated_archive_is_replaced_not_mapped() throws Exception {
        Run first = run("leaks", before.toString(), after.toString());
        assertEquals(0, first.code(), first.err());
        Path archive = archive();
        archive.toFile().setWritable(true);
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(archive) / 3);
        }

        Run again = run("leaks", before.toString(), after.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(first.out(), again.out());
        Path replaced = archive();
        assertTrue(Files.size(replaced) > 0);
        assertNoCrashReports();
    }

    @Test
    void exit_codes_pass_through_and_failed_runs_leave_no_archive() throws Exception {
        Run missing = run("show", inputs.resolve("no-such.hprof").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.code(), missing.err());
        Run usage = run("show", "--top", "0", dump.toString());
        assertEquals(2, usage.code(), usage.err());
        assertEquals(List.of(), archives());
    }

    @Test
    void heapdiff_cds_off_runs_without_an_archive() throws Exception {
        Run r = run(Map.of("HEAPDIFF_CDS", "off"), "leaks", before.toString(), after.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), archives());
    }

    @Test
    void sharing_options_of_the_users_own_are_left_alone() throws Exception {
        // a JVM told not to share cannot dump an archive: it would refuse to start
        for (Map<String, String> env : List.of(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off"),
                Map.of("HEAPDIFF_JAVA_OPTS", "-XX:+UseSerialGC -Xshare:off"))) {
            Run r = run(env, "leaks", before.toString(), after.toString());
            assertEquals(0, r.code(), env + ": " + r.err());
            assertTrue(r.out().contains("TraceSegment"), r.out());
            assertEquals(List.of(), archives(), env.toString());
        }
    }
}
