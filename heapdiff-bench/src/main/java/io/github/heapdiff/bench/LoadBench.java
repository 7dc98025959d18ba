package io.github.heapdiff.bench;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Grouping;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.ProgressListener;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads one snapshot through {@link Snapshots#loader()} the way a user does and prints how long
 * each phase took, the graph's size, memory and the groups that retain most.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmn32m -cp ... io.github.heapdiff.bench.LoadBench FILE [--summary] [--shape] [--measure] [--json] [--trace]
 * </pre>
 *
 * <p>{@code --summary} reads in summary mode (counts and shallow sizes, no dominators);
 * {@code --shape} groups by shape; {@code --measure} forces a garbage collection at the end of
 * reading and at the engine's checkpoints to report the live heap there, and reports the heap
 * pools' peaks (slower; for the bytes-per-node and per-edge figures); {@code --json} prints one
 * JSON object instead of text; {@code --trace} prints every progress report to stderr with the
 * milliseconds since the start (how fast each stretch of the file was read: the JIT's warm-up). The peak RSS comes from {@code /proc/self/status}.
 * Phase times are wall-clock, from the progress the loader and engine report: {@code parse} is
 * the reader's pass over the file (gzip included), {@code indexing} freezing the graph,
 * {@code dominators} the dominator tree and retained sizes, {@code summarising} groups and facts.
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: LoadBench FILE [--summary] [--shape] [--measure] [--json] [--trace]");
            System.exit(2);
        }
        Path file = Paths.get(args[0]);
        List<String> opts = List.of(args).subList(1, args.length);
        boolean summary = opts.contains("--summary");
        boolean measure = opts.contains("--measure");
        boolean json = opts.contains("--json");

        long t0 = System.nanoTime();
        Phases phases = new Phases(t0, measure, opts.contains("--trace") ? System.err : null);
        // the command's memory budget: the file's size, at least 512 MiB
        SnapshotLoader loader = Snapshots.loader().withProgress(phases)
                .withMemoryBudget(Math.max(512L << 20, java.nio.file.Files.size(file)));
        if (summary) {
            loader = loader.withMode(ReadMode.SUMMARY);
        }
        if (opts.contains("--shape")) {
            loader = loader.withGrouping(Grouping.SHAPE);
        }
        Snapshot s = loader.read(file);
        long t1 = System.nanoTime();
        phases.end(t1);

        long nodes = Long.parseLong(s.source().metadata().getOrDefault("graph.nodes", "0"));
        long edges = Long.parseLong(s.source().metadata().getOrDefault("graph.edges", "0"));
        long fileBytes = Files.size(file);
        double parseSeconds = phases.seconds("reading");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("mode", summary ? "summary" : "graph");
        out.put("bytes", fileBytes);
        out.put("nodes", nodes);
        out.put("edges", edges);
        out.put("groups", s.groups().size());
        out.put("totalSeconds", (t1 - t0) / 1e9);
        for (Map.Entry<String, double[]> e : phases.spans.entrySet()) {
            out.put(e.getKey() + "Seconds", e.getValue()[1] / 1e9);
        }
        out.put("parseMBps", parseSeconds > 0 ? fileBytes / 1e6 / parseSeconds : 0);
        out.put("maxRssMiB", vmHwmKiB() / 1024.0);
        if (measure) {
            out.put("peakHeapMiB", peakHeap() / 1048576.0);
            out.put("liveAfterReadMiB", phases.liveAfterRead / 1048576.0);
            out.put("livePeakMiB", phases.livePeak / 1048576.0);
            out.put("livePeakAt", phases.livePeakAt);
        }
        for (String type : List.of("TraceSegment", "Timer", "Transaction")) {
            s.group(GroupKey.of(type)).ifPresent(g -> out.put("count." + type, g.count()));
        }
        if (json) {
            System.out.println(toJson(out));
            return;
        }
        PrintStream p = System.out;
        p.printf(Locale.ROOT, "%s (%s mode): %,d bytes, %,d nodes, %,d edges, %,d groups%n", file, out.get("mode"),
                fileBytes, nodes, edges, s.groups().size());
        p.printf(Locale.ROOT, "  total %.3f s in process; parse %.3f s (%.0f MB/s)%n", (t1 - t0) / 1e9, parseSeconds,
                out.get("parseMBps"));
        for (Map.Entry<String, double[]> e : phases.spans.entrySet()) {
            p.printf(Locale.ROOT, "  %-12s %.3f s%n", e.getKey(), e.getValue()[1] / 1e9);
        }
        p.printf(Locale.ROOT, "  max RSS %.0f MiB%n", vmHwmKiB() / 1024.0);
        if (measure) {
            p.printf(Locale.ROOT, "  peak heap %.0f MiB (sum of pool peaks)%n", peakHeap() / 1048576.0);
            p.printf(Locale.ROOT, "  live heap after reading %.1f MiB = %.1f B/node + edges; live peak %.1f MiB at %s%n",
                    phases.liveAfterRead / 1048576.0, nodes == 0 ? 0 : (double) phases.liveAfterRead / nodes,
                    phases.livePeak / 1048576.0, phases.livePeakAt);
            for (Map.Entry<String, Long> e : phases.livePoints.entrySet()) {
                p.printf(Locale.ROOT, "    live at %-18s %.1f MiB%n", e.getKey(), e.getValue() / 1048576.0);
            }
        }
        List<ObjectGroup> top = new ArrayList<>(s.groups());
        top.sort(Comparator.comparingLong((ObjectGroup g) -> g.stats().retainedBytes().orElse(g.stats().shallowBytes()
                .orElse(0))).reversed().thenComparing(ObjectGroup::key));
        for (ObjectGroup g : top.subList(0, Math.min(8, top.size()))) {
            p.printf(Locale.ROOT, "  %-40s %,10d objects %,14d B shallow %,14d B retained%n", g.key().render(),
                    g.count(), g.stats().shallowBytes().orElse(0), g.stats().retainedBytes().orElse(0));
        }
    }

    /** Adds up the wall time between progress reports by step, and the live heap at checkpoints. */
    private static final class Phases implements ProgressListener {
        final Map<String, double[]> spans = new LinkedHashMap<>();
        /** The live heap at each checkpoint measured, in order. */
        final Map<String, Long> livePoints = new LinkedHashMap<>();
        final boolean measure;
        long liveAfterRead;
        long livePeak;
        String livePeakAt = "";
        private String current = "reading";
        private long segmentStart;

        /** Where each progress report goes with its time (--trace), or null. */
        private final PrintStream trace;
        private final long t0;

        Phases(long t0, boolean measure, PrintStream trace) {
            this.measure = measure;
            this.trace = trace;
            this.t0 = t0;
            this.segmentStart = t0;
            spans.put("reading", new double[] {0, 0});
        }

        @Override
        public void progress(String source, String step, double fraction) {
            long now = System.nanoTime();
            if (trace != null) {
                trace.printf(Locale.ROOT, "%d ms %s %.3f%n", (now - t0) / 1_000_000, step, fraction);
            }
            if (step.equals("reading") && spans.size() > 1) {
                step = "finishing"; // the loader's final report comes after the engine has run
            }
            if (!step.equals(current)) {
                spans.computeIfAbsent(current, k -> new double[] {0, 0})[1] += now - segmentStart;
                segmentStart = now;
                current = step;
            }
            if (measure && (step.equals("indexing") && fraction == 0.0 || step.equals("dominators") && fraction > 0
                    || step.equals("summarising") && fraction > 0 && fraction < 1)) {
                long live = liveHeap();
                livePoints.put(step + " " + fraction, live);
                if (step.equals("indexing")) {
                    liveAfterRead = live;
                }
                if (live > livePeak) {
                    livePeak = live;
                    livePeakAt = step + " " + fraction;
                }
                segmentStart += System.nanoTime() - now;
            }
        }

        void end(long t1) {
            spans.computeIfAbsent(current, k -> new double[] {0, 0})[1] += t1 - segmentStart;
            segmentStart = t1;
        }

        double seconds(String step) {
            double[] s = spans.get(step);
            return s == null ? 0 : s[1] / 1e9;
        }
    }

    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set size (VmHWM) in KiB, or 0 where /proc is not available. */
    private static long vmHwmKiB() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Number) {
                sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v.toString());
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
