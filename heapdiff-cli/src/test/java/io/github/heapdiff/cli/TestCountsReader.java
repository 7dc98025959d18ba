package io.github.heapdiff.cli;

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

/** A test-only format, so the command's tests do not depend on the real readers: '# test-counts' then 'type count' lines. */
public final class TestCountsReader implements SnapshotReader {

    static final String MAGIC = "# test-counts";

    @Override
    public String formatId() {
        return "test-counts";
    }

    @Override
    public String description() {
        return "a test format: '" + MAGIC + "', then 'type count' per line";
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
            throw sink.malformed(Location.line(1), "'" + MAGIC + "'", first == null ? "an empty file" : first);
        }
        int n = 1;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            n++;
            String[] f = line.trim().split("\\s+");
            if (f.length != 2 || !f[1].matches("\\d{1,15}")) {
                throw sink.malformed(Location.line(n), "'type count'", line);
            }
            sink.group(GroupKey.of(f[0]), GroupStats.ofCount(Long.parseLong(f[1])));
        }
    }
}
