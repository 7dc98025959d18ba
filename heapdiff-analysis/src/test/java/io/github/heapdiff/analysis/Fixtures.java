package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Shape;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Snapshots built from real numbers: the founding story's listings and small summaries of real dumps. */
final class Fixtures {

    private Fixtures() {
    }

    /** mdb_v8-style key: constructor, property count and the visible names, truncated when more exist. */
    static GroupKey mdb(String type, int props, String... names) {
        if (names.length == 0 && props > 0 && !type.equals("Array") && !type.equals("Object")) {
            return GroupKey.of(type, new Shape(List.of(), props, true));
        }
        if (names.length == 0) {
            return GroupKey.of(type, Shape.counted(props));
        }
        return GroupKey.of(type, new Shape(List.of(names), props, names.length < props));
    }

    /** The founding story's first listing (before.txt), row for row. */
    static Snapshot foundingBefore() {
        return Snapshot.builder(SnapshotSource.of("before.txt", "mdb-findjsobjects"))
                .add(mdb("Arguments", 2, "0", "length"), GroupStats.ofCount(4643))
                .add(mdb("Object", 4, "albumId", "albumNames"), GroupStats.ofCount(5519))
                .add(mdb("Object", 2, "localeCode", "value"), GroupStats.ofCount(6070))
                .add(mdb("Object", 1, "entry"), GroupStats.ofCount(6966))
                .add(mdb("Object", 2, "id", "genreIds"), GroupStats.ofCount(8775))
                .add(mdb("Object", 2, "ids", "href"), GroupStats.ofCount(9086))
                .add(mdb("Array", 3), GroupStats.ofCount(9430))
                .add(mdb("Object", 0), GroupStats.ofCount(16203))
                .add(mdb("Object", 1, "nr_exclusive_duration_millis"), GroupStats.ofCount(19854))
                .add(mdb("TraceSegment", 13, "name", "transaction"), GroupStats.ofCount(19917))
                .add(mdb("Timer", 7, "state", "touched", "duration"), GroupStats.ofCount(20186))
                .add(mdb("Array", 0), GroupStats.ofCount(49769))
                .add(mdb("Array", 1), GroupStats.ofCount(59489))
                .add(mdb("Array", 2), GroupStats.ofCount(71743))
                .build();
    }

    /** The founding story's second listing (after.txt), elided with a lone '...'. */
    static Snapshot foundingAfter() {
        return Snapshot.builder(SnapshotSource.of("after.txt", "mdb-findjsobjects")).partial(true)
                .add(mdb("Object", 2, "id", "genreIds"), GroupStats.ofCount(8775))
                .add(mdb("ExponentialBackoffStrategy", 6), GroupStats.ofCount(14099))
                .add(mdb("Array", 3), GroupStats.ofCount(15593))
                .add(mdb("Object", 2, "ids", "href"), GroupStats.ofCount(17059))
                .add(mdb("Object", 0), GroupStats.ofCount(34680))
                .add(mdb("Object", 4, "albumId", "albumNames"), GroupStats.ofCount(35287))
                .add(mdb("Object", 1, "entry"), GroupStats.ofCount(38401))
                .add(mdb("Object", 2, "localeCode", "value"), GroupStats.ofCount(38481))
                .add(mdb("Array", 0), GroupStats.ofCount(198161))
                .add(mdb("Array", 1), GroupStats.ofCount(202984))
                .add(mdb("Object", 1, "nr_exclusive_duration_millis"), GroupStats.ofCount(206039))
                .add(mdb("TraceSegment", 13, "name", "transaction"), GroupStats.ofCount(209896))
                .add(mdb("Timer", 7, "state", "touched", "duration"), GroupStats.ofCount(223481))
                .add(mdb("Array", 2), GroupStats.ofCount(507224))
                .build();
    }

    /**
     * Reads a summary fixture: lines {@code snapshot<TAB>name<TAB>format<TAB>time} start a snapshot
     * (time is an ISO instant or '-'); lines {@code type<TAB>count<TAB>bytes} add a group (bytes '-' when
     * unknown); '#' starts a comment.
     */
    static List<Snapshot> summaries(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Snapshot> out = new ArrayList<>();
            Snapshot.Builder b = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals("snapshot")) {
                    if (b != null) {
                        out.add(b.build());
                    }
                    SnapshotSource src = SnapshotSource.of(f[1], f[2]);
                    if (!f[3].equals("-")) {
                        src = src.withCaptureTime(Instant.parse(f[3]));
                    }
                    b = Snapshot.builder(src);
                    continue;
                }
                long count = Long.parseLong(f[1]);
                GroupStats stats = f[2].equals("-") ? GroupStats.ofCount(count) : GroupStats.of(count, Long.parseLong(f[2]));
                b.add(GroupKey.of(f[0]), stats);
            }
            if (b != null) {
                out.add(b.build());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one of the founding story's real listings (heapdiff-formats' test resources) with the mdb_v8 reader. */
    static Snapshot listing(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/text/mdb/" + name)) {
            return io.github.heapdiff.Snapshots.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled histograms of one leak shape ({@code listeners}, {@code cache}, {@code churn}), oldest first. */
    static List<Snapshot> shapeHistograms(String shape) {
        List<Snapshot> out = new ArrayList<>();
        for (String moment : List.of("1-baseline", "2-target", "3-final")) {
            try {
                out.add(io.github.heapdiff.Snapshots.read(java.nio.file.Path.of(Fixtures.class.getResource("/shapes/"
                        + shape + "-" + moment + ".histo.txt.gz").toURI())));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static Optional<Instant> none() {
        return Optional.empty();
    }
}
