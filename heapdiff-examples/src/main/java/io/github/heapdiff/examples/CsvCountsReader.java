package io.github.heapdiff.examples;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Location;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A custom format in one class: an in-house CSV of object counts, {@code type,count,bytes} after a
 * {@code # heapdiff-csv} first line.
 *
 * <p>Registered through this module's {@code META-INF/services/io.github.heapdiff.spi.SnapshotReader},
 * so {@code Snapshots.read(path)} finds it like a built-in format; or pass it explicitly with
 * {@code Snapshots.loader().withReader(new CsvCountsReader())}.
 */
public final class CsvCountsReader implements SnapshotReader {

    private static final String MAGIC = "# heapdiff-csv";

    @Override
    public String formatId() {
        return "csv-counts";
    }

    @Override
    public String description() {
        return "an in-house CSV of object counts: '# heapdiff-csv', then type,count,bytes per line";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        return input.startsWith(MAGIC.getBytes(StandardCharsets.US_ASCII)) ? MatchStrength.FULL_MATCH
                : MatchStrength.NO_MATCH;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = r.readLine();
        if (first == null || !first.startsWith(MAGIC)) {
            throw sink.malformed(Location.line(1), "'" + MAGIC + "'", first == null ? "an empty file" : "'" + first + "'");
        }
        int lineNo = 1;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 3 || f[0].isBlank()) {
                    throw new NumberFormatException();
                }
                sink.group(GroupKey.of(f[0].trim()), GroupStats.of(Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim())));
            } catch (IllegalArgumentException e) {
                throw sink.malformed(Location.line(lineNo), "'<type>,<count>,<bytes>' with counts >= 0", "'" + line + "'", e);
            }
        }
    }
}
