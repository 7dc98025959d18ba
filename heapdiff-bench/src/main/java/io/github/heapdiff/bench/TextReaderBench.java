package io.github.heapdiff.bench;

import io.github.heapdiff.Snapshot;
import io.github.heapdiff.Snapshots;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the text readers: reads each file given (any format the loader detects) five times and
 * prints the median throughput. Without arguments it writes a large class histogram (200,000
 * classes) and a large mdb_v8 listing (200,000 rows) to a temporary folder and times those.
 *
 * <pre>
 * java -cp heapdiff-bench/target/heapdiff-bench-*.jar:... io.github.heapdiff.bench.TextReaderBench [FILE...]
 * </pre>
 */
public final class TextReaderBench {

    private TextReaderBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        if (files.isEmpty()) {
            Path dir = Files.createTempDirectory("heapdiff-text-bench");
            files.add(histogram(dir.resolve("large.histo.txt"), 200_000));
            files.add(listing(dir.resolve("large-findjsobjects.txt"), 200_000));
        }
        for (Path f : files) {
            long size = Files.size(f);
            long[] nanos = new long[5];
            Snapshot s = null;
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                s = Snapshots.read(f);
                nanos[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(nanos);
            double seconds = nanos[nanos.length / 2] / 1e9;
            System.out.printf(Locale.ROOT, "%s: %s, %,d bytes, %,d groups: median %.3f s, %.0f MB/s%n", f,
                    s.source().formatId(), size, s.groups().size(), seconds, size / 1e6 / seconds);
        }
    }

    static Path histogram(Path file, int classes) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("4242:\n num     #instances         #bytes  class name (module)\n");
            w.write("-------------------------------------------------------\n");
            long count = 0;
            long bytes = 0;
            for (int i = 1; i <= classes; i++) {
                long n = 1 + (classes - i) * 7L % 100_003;
                long b = n * 24;
                w.write(String.format(Locale.ROOT, "%4d: %13d  %13d  com.example.gen%d.Type%d$Inner (app@1.0)%n", i,
                        n, b, i % 97, i));
                count += n;
                bytes += b;
            }
            w.write(String.format(Locale.ROOT, "Total %13d  %13d%n", count, bytes));
        }
        return file;
    }

    static Path listing(Path file, int rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.format(Locale.ROOT, "%16s %8s %8s %s%n", "OBJECT", "#OBJECTS", "#PROPS",
                    "CONSTRUCTOR: PROPS"));
            for (int i = 1; i <= rows; i++) {
                w.write(String.format(Locale.ROOT, "%16x %8d %8d Type%d: name, transaction, parameters, ...%n",
                        0x3a1f2c000000L + i * 16L, 1 + i % 5000, 13, i));
            }
        }
        return file;
    }
}
