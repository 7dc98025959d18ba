package io.github.heapdiff.examples;

import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.analysis.DiffWriter;
import io.github.heapdiff.analysis.Rankings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The founding story in a few lines: two mdb_v8 {@code ::findjsobjects} listings of a leaking Node.js
 * service, taken hours apart, diffed and ranked.
 *
 * <p>{@code TraceSegment} grew from 19,917 to 209,896 objects; the 8,775 config objects did not move,
 * which vouches that the listings are comparable; a row missing from the elided second listing is
 * "not shown", never "gone".
 */
public final class FoundingStory {

    private FoundingStory() {
    }

    /** Reads the bundled listings, diffs them and prints the ranked diff. */
    public static void main(String[] args) throws IOException {
        HeapDiff diff = read("before.txt").diff(read("after.txt"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        DiffWriter.text().write(diff.rank(Rankings.byCountGrowth()), out);
        out.flush();
    }

    /** Reads one of the bundled founding-story listings ({@code before.txt} or {@code after.txt}). */
    public static Snapshot read(String name) {
        try (InputStream in = FoundingStory.class.getResourceAsStream("/founding-story/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled listing /founding-story/" + name);
            }
            return Snapshots.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
