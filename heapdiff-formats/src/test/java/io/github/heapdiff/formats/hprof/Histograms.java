package io.github.heapdiff.formats.hprof;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the text of {@code jcmd <pid> GC.class_histogram} (or {@code jmap -histo}) into counts
 * and bytes per class, with names as the HPROF reader writes them: module suffixes dropped,
 * descriptors as Java names ({@code [B} -> {@code byte[]}), hidden classes with {@code +0x}.
 * Rows of one name (classes of several loaders) add up.
 */
final class Histograms {

    private Histograms() {
    }

    /** Count and bytes by class name. */
    static Map<String, long[]> parse(String text) {
        Map<String, long[]> rows = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].matches("\\d+:")) {
                continue;
            }
            String name = ClassNames.binaryName(f[3].replace("/0x", "+0x"));
            long[] v = rows.computeIfAbsent(name, k -> new long[2]);
            v[0] += Long.parseLong(f[1]);
            v[1] += Long.parseLong(f[2]);
        }
        return rows;
    }
}
