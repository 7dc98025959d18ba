package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real dumps of a running JVM ({@code HotSpotDiagnosticMXBean.dumpHeap}) against the same JVM's
 * class histogram ({@code GC.class_histogram} through the DiagnosticCommand MBean): for this
 * test's own classes, counts are equal and the bytes estimated under the detected size model are
 * equal to the VM's. Two child JVMs run without compressed oops (and without compressed class
 * pointers) to check the detection and the other 64-bit models on real dumps.
 */
class LiveDumpTest {

    // Shapes that exercise the field layout: gaps, inheritance, every field type.
    static final class Empty {
    }

    static final class Holes {
        long a;
        byte b;
    }

    static class Base {
        long a;
    }

    static final class FillsGap extends Base {
        int c;
        short d;
        Object e;
    }

    static final class Mixed {
        boolean z;
        char c;
        double d;
        float f;
        Object o;
        long l;
        int i;
        short s;
        byte b;
    }

    static final class Refs {
        Object x;
        Object y;
        Object z;
    }

    static class Deep1 {
        byte a;
    }

    static class Deep2 extends Deep1 {
        long b;
    }

    static final class Deep3 extends Deep2 {
        byte c;
        int d;
        Object e;
    }

    private static final String PREFIX = LiveDumpTest.class.getName() + "$";

    /** Objects of the shapes above, in counts no JDK class would share, kept in one list. */
    static List<Object> population() {
        List<Object> all = new ArrayList<>();
        add(all, 101, Empty::new);
        add(all, 203, Holes::new);
        add(all, 59, Base::new);
        add(all, 307, FillsGap::new);
        add(all, 401, Mixed::new);
        add(all, 503, Refs::new);
        add(all, 601, Deep3::new);
        add(all, 7, Deep1::new);
        for (int i = 0; i < 13; i++) {
            all.add(new Holes[i]);
            all.add(new Mixed[i][2]);
        }
        return all;
    }

    private static void add(List<Object> all, int n, java.util.function.Supplier<Object> make) {
        for (int i = 0; i < n; i++) {
            all.add(make.get());
        }
    }

    /** Writes this JVM's class histogram and a live heap dump to {@code base}.histo.txt and {@code base}.hprof. */
    static void histogramAndDump(Path base) throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        Files.writeString(histogramFile(base), text.toString(), StandardCharsets.UTF_8);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dumpFile(base).toString(), true);
    }

    static Path histogramFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".histo.txt");
    }

    static Path dumpFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".hprof");
    }

    /** Compares the test's own classes; returns the snapshot. */
    static Snapshot compare(Path base) throws IOException {
        Snapshot s = SnapshotLoader.of(new HprofReader()).withMode(ReadMode.SUMMARY).read(dumpFile(base));
        Map<String, long[]> histogram = Histograms.parse(Files.readString(histogramFile(base)));
        for (String shape : List.of("Empty", "Holes", "Base", "FillsGap", "Mixed", "Refs", "Deep3", "Deep1", "Holes[]",
                "Mixed[]", "Mixed[][]")) {
            assertTrue(histogram.containsKey(PREFIX + shape), PREFIX + shape + " missing from the histogram");
        }
        for (Map.Entry<String, long[]> e : histogram.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            ObjectGroup g = s.group(GroupKey.of(e.getKey()))
                    .orElseThrow(() -> new AssertionError(e.getKey() + " is in the histogram, not in the dump"));
            assertEquals(e.getValue()[0], g.count(), e.getKey() + " count");
            assertEquals(e.getValue()[1], g.stats().shallowBytes().getAsLong(), e.getKey() + " bytes under "
                    + s.source().metadata().get("hprof.size-model"));
        }
        return s;
    }

    @Test
    void counts_and_estimated_bytes_of_this_tests_classes_equal_the_jvms_own_histogram(@TempDir Path dir)
            throws Exception {
        List<Object> kept = population();
        Path base = dir.resolve("live");
        histogramAndDump(base);
        Reference.reachabilityFence(kept);
        Snapshot s = compare(base);
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean coops = Boolean.parseBoolean(vm.getVMOption("UseCompressedOops").getValue());
        boolean ccp = Boolean.parseBoolean(vm.getVMOption("UseCompressedClassPointers").getValue());
        String expected = coops ? "hotspot-64-coops" : ccp ? "hotspot-64-ccp" : "hotspot-64";
        assertEquals(expected, s.source().metadata().get("hprof.size-model"));
        assertEquals("detected from object spacing", s.source().metadata().get("hprof.size-model.basis"));
    }

    @Test
    void a_jvm_without_compressed_oops_is_detected_and_measured_under_its_model(@TempDir Path dir) throws Exception {
        Snapshot s = child(dir.resolve("ccp"), "-XX:-UseCompressedOops");
        assertEquals("hotspot-64-ccp", s.source().metadata().get("hprof.size-model"));
    }

    @Test
    void a_jvm_without_any_compression_is_detected_and_measured_under_its_model(@TempDir Path dir) throws Exception {
        Snapshot s = child(dir.resolve("plain"), "-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers");
        assertEquals("hotspot-64", s.source().metadata().get("hprof.size-model"));
    }

    private static Snapshot child(Path base, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), base.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolveSibling("child.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, p.exitValue(), () -> {
            try {
                return Files.readString(base.resolveSibling("child.log"));
            } catch (IOException e) {
                return e.toString();
            }
        });
        return compare(base);
    }

    /** The child JVM: builds the population, writes histogram and dump, exits. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            List<Object> kept = population();
            histogramAndDump(Path.of(args[0]));
            Reference.reachabilityFence(kept);
        }
    }
}
