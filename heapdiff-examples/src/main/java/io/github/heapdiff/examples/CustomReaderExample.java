package io.github.heapdiff.examples;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.analysis.DiffWriter;
import io.github.heapdiff.analysis.Rankings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A custom format end to end: two files in the in-house CSV format of {@link CsvCountsReader} are
 * found by {@code Snapshots.read} through this module's service registration, and diffed.
 *
 * <p>Run: {@code java -cp heapdiff-examples/target/classes:... io.github.heapdiff.examples.CustomReaderExample}
 * (or see the README for the Maven line).
 */
public final class CustomReaderExample {

    private CustomReaderExample() {
    }

    /** Writes two small CSV snapshots to a temporary folder, reads them back and prints the diff. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("heapdiff-csv");
        Path before = Files.writeString(dir.resolve("before.csv"),
                "# heapdiff-csv\nSession,120,11520\nbyte[],4000,512000\nConfig,12,960\n", StandardCharsets.UTF_8);
        Path after = Files.writeString(dir.resolve("after.csv"),
                "# heapdiff-csv\nSession,5120,491520\nbyte[],9000,1152000\nConfig,12,960\n", StandardCharsets.UTF_8);

        HeapDiff diff = Snapshots.read(before).diff(Snapshots.read(after));

        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        DiffWriter.text().write(diff.rank(Rankings.byCountGrowth()), out);
        out.flush();
    }
}
