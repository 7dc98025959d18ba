package io.github.heapdiff.bench;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads an HPROF dump with heapdiff's {@code hprof} reader and prints the time, the size model and
 * the largest groups: the heapdiff side of {@code bench/compare-hprof.sh}.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx64m -cp ... io.github.heapdiff.bench.HprofBench FILE.hprof
 *      [--mode summary|graph] [--runs N] [--top N] [--names a.b.C,...] [--size-model NAME]
 * </pre>
 *
 * <p>{@code --runs N} reads the file N times in one process (the first run includes JIT warm-up);
 * whole-process figures come from running it under {@code /usr/bin/time}.
 */
public final class HprofBench {

    private HprofBench() {
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length == 0) {
            System.err.println("usage: HprofBench FILE [--mode summary|graph] [--runs N] [--top N] [--names a.b.C,...]"
                    + " [--size-model NAME]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        ReadMode mode = ReadMode.SUMMARY;
        int runs = 1;
        int top = 10;
        List<String> names = List.of();
        // the command's memory budget: the file's size, at least 512 MiB
        SnapshotLoader loader = Snapshots.loader().withFormat("hprof")
                .withMemoryBudget(Math.max(512L << 20, java.nio.file.Files.size(file)));
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = ReadMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--names" -> names = Arrays.asList(args[++i].split(","));
                case "--memory-budget" -> loader = loader.withMemoryBudget(Long.parseLong(args[++i]));
                case "--size-model" -> loader = loader.withSetting("hprof.size-model", args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        loader = loader.withMode(mode);
        Snapshot s = null;
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            s = loader.read(file);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "heapdiff %s (%s): %.1f MiB in %.3f s, run %d of %d%n", file,
                    mode.name().toLowerCase(Locale.ROOT), size(file) / 1048576.0, (t1 - t0) / 1e9, r, runs);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "  %d objects in %d groups; size model %s (%s); heap used %d MiB%n",
                s.totals().count(), s.groups().size(), s.source().metadata().get("hprof.size-model"),
                s.source().metadata().get("hprof.size-model.basis"), (rt.totalMemory() - rt.freeMemory()) >> 20);
        List<ObjectGroup> rows = new ArrayList<>(s.groups());
        rows.sort(Comparator.comparingLong(ObjectGroup::count).reversed().thenComparing(ObjectGroup::key));
        for (int i = 0; i < Math.min(top, rows.size()); i++) {
            ObjectGroup g = rows.get(i);
            System.out.printf(Locale.ROOT, "  %4d: %12d %14d %14d  %s%n", i + 1, g.count(),
                    g.stats().shallowBytes().orElse(0), g.stats().rawBytes().orElse(0), g.key());
        }
        for (String n : names) {
            System.out.printf(Locale.ROOT, "  count %s = %d%n", n,
                    s.group(GroupKey.of(n)).map(ObjectGroup::count).orElse(0L));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
