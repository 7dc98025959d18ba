package io.github.heapdiff;

import io.github.heapdiff.graph.GraphBuilder;
import io.github.heapdiff.graph.GraphSummary;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One read by a {@link SnapshotLoader}: unwrap gzip, probe, read into a sink, build the snapshot. */
final class LoadRun {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);

    private final SnapshotLoader loader;
    private final String name;
    private final long rawSize;

    LoadRun(SnapshotLoader loader, String name, long rawSize) {
        this.loader = loader;
        this.name = name;
        this.rawSize = rawSize;
    }

    Snapshot read(InputStream rawIn) throws IOException {
        ProgressStream raw = new ProgressStream(rawIn, rawSize, loader.progress(), name);
        byte[] first = new byte[ProbeInput.MAX_HEAD];
        int n = readFully(raw, first);
        InputStream content;
        boolean gzip = n >= 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b;
        if (gzip) {
            try {
                content = new GZIPInputStream(new ReplayStream(first, n, raw), 1 << 16);
            } catch (ZipException | EOFException e) {
                throw new MalformedSnapshotException(name, "", Location.offset(0), "a gzip header",
                        "damaged gzip data (" + e.getMessage() + ")", e);
            }
        } else {
            content = raw;
        }
        BoundedStream bounded;
        byte[] head;
        int headLength;
        if (gzip) {
            bounded = new BoundedStream(content, loader.maxInputBytes(), name);
            head = new byte[ProbeInput.MAX_HEAD];
            try {
                headLength = readFully(bounded, head);
            } catch (ZipException | EOFException e) {
                throw new MalformedSnapshotException(name, "", Location.offset(bounded.count()), "valid gzip data",
                        "damaged gzip data (" + e.getMessage() + ")", e);
            } catch (InputTooLargeException e) {
                throw new SnapshotReadException(name, "", e.getMessage(), e);
            }
        } else {
            head = first;
            headLength = n;
            bounded = new BoundedStream(content, loader.maxInputBytes(), name);
            try {
                // The head was read before the bound was in place; it counts all the same.
                bounded.add(n);
            } catch (InputTooLargeException e) {
                throw new SnapshotReadException(name, "", e.getMessage(), e);
            }
        }
        boolean complete = headLength < ProbeInput.MAX_HEAD;
        String probeName = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        ProbeInput probe = new ProbeInput(probeName, head, headLength, complete);
        if (headLength == 0) {
            throw new MalformedSnapshotException(name, loader.forcedFormat().orElse(""), Location.offset(0),
                    "snapshot content", gzip ? "an empty input (the gzip stream holds no bytes)" : "an empty input",
                    null);
        }
        SnapshotReader reader = choose(probe);
        LOG.debug("{}: reading as {}{}", name, reader.formatId(), gzip ? " (gzip)" : "");
        OffsetStream in = new OffsetStream(new ReplayStream(head, headLength, bounded));
        OptionalLong contentLength = !gzip && rawSize >= 0 ? OptionalLong.of(rawSize) : OptionalLong.empty();
        Sink sink = new Sink(name, reader.formatId(), loader.options(), loader.progress(), contentLength);
        try {
            reader.read(in, sink);
        } catch (EOFException e) {
            throw new MalformedSnapshotException(name, reader.formatId(), Location.offset(in.offset()),
                    "more content", "the end of the input (the file is truncated)", e);
        } catch (ZipException e) {
            throw new MalformedSnapshotException(name, reader.formatId(), Location.offset(in.offset()),
                    "valid gzip data", "damaged gzip data (" + e.getMessage() + ")", e);
        } catch (InputTooLargeException e) {
            throw new SnapshotReadException(name, reader.formatId(), e.getMessage(), e);
        } catch (IOException e) {
            throw new SnapshotReadException(name, reader.formatId(), "cannot read: " + e, e);
        }
        loader.progress().progress(name, "reading", 1.0);
        sink.summariseGraph();
        Snapshot s = sink.build();
        if (loader.options().grouping().isPresent()) {
            Grouping want = loader.options().grouping().get();
            if (s.grouping().canCoarsenTo(want)) {
                s = s.regroup(want);
            } else {
                LOG.debug("{}: {} groups by {} only; keeping that grouping", name, reader.formatId(), s.grouping());
            }
        }
        return s;
    }

    /**
     * Picks the reader for {@code probe}: the forced format, else the strongest probe above
     * "inconclusive". At the top, one explicit reader beats any number of discovered ones; two
     * explicit or two discovered readers at the top are ambiguous.
     */
    private SnapshotReader choose(ProbeInput probe) {
        if (loader.forcedFormat().isPresent()) {
            return loader.readerFor(loader.forcedFormat().get()).orElseThrow();
        }
        List<SnapshotReader> readers = loader.probeOrder();
        Map<String, MatchStrength> results = SnapshotLoader.probeAll(readers, probe);
        LOG.debug("{}: probes {}", name, results);
        MatchStrength top = MatchStrength.INCONCLUSIVE;
        for (SnapshotReader r : readers) {
            MatchStrength m = results.get(r.formatId());
            if (m.compareTo(top) > 0) {
                top = m;
            }
        }
        if (top == MatchStrength.INCONCLUSIVE) {
            throw new UnknownFormatException(name, "no format recognised", results);
        }
        List<SnapshotReader> explicitTop = new ArrayList<>();
        List<SnapshotReader> discoveredTop = new ArrayList<>();
        for (SnapshotReader r : readers) {
            if (results.get(r.formatId()) == top) {
                (loader.isExplicit(r) ? explicitTop : discoveredTop).add(r);
            }
        }
        List<SnapshotReader> winners = explicitTop.isEmpty() ? discoveredTop : explicitTop;
        if (winners.size() > 1) {
            throw new UnknownFormatException(name, "more than one format matches equally ("
                    + top.name().toLowerCase(Locale.ROOT) + ": " + winners.stream()
                            .map(SnapshotReader::formatId).collect(Collectors.joining(", "))
                    + ")", results);
        }
        return winners.get(0);
    }

    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** The loader's sink: collects groups and metadata into a snapshot builder. */
    private static final class Sink implements SnapshotSink {
        private final String name;
        private final String format;
        private final ReadOptions options;
        private final ProgressListener progress;
        private final Snapshot.Builder builder;
        private final OptionalLong contentLength;
        private GraphBuilder graph;
        private boolean groupsAdded;

        Sink(String name, String format, ReadOptions options, ProgressListener progress, OptionalLong contentLength) {
            this.name = name;
            this.format = format;
            this.options = options;
            this.progress = progress;
            this.contentLength = contentLength;
            this.builder = Snapshot.builder(SnapshotSource.of(name, format));
        }

        @Override
        public OptionalLong contentLength() {
            return contentLength;
        }

        @Override
        public GraphBuilder graph() {
            if (graph == null) {
                if (groupsAdded) {
                    throw new IllegalStateException(format + " reader added groups and then asked for a graph; "
                            + "a reader uses one or the other");
                }
                graph = GraphBuilder.create(name, format, options, progress);
            }
            return graph;
        }

        /** Turns a streamed graph into groups, facts and metadata; drops the graph unless asked to keep it. */
        void summariseGraph() {
            if (graph == null) {
                return;
            }
            GraphSummary summary = graph.summarise();
            graph = null;
            for (ObjectGroup g : summary.groups()) {
                builder.add(g);
            }
            builder.grouping(summary.grouping());
            if (summary.identities()) {
                builder.identities(true);
            }
            summary.metadata().forEach(this::metadata);
            summary.graph().ifPresent(builder::graph);
            LOG.debug("{}: graph summarised into {} groups ({})", name, summary.groups().size(), summary.metadata());
        }

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        public ReadOptions options() {
            return options;
        }

        @Override
        public void progress(String step, double fraction) {
            progress.progress(name, step, fraction);
        }

        @Override
        public void captureTime(Instant time) {
            builder.source(builder.source().withCaptureTime(time));
        }

        @Override
        public void metadata(String key, String value) {
            builder.source(builder.source().withMetadata(key, value));
        }

        @Override
        public void group(ObjectGroup group) {
            if (graph != null) {
                throw new IllegalStateException(format + " reader streams a graph and added a group too; "
                        + "a reader uses one or the other");
            }
            groupsAdded = true;
            builder.add(group);
        }

        @Override
        public void partial() {
            builder.partial(true);
        }

        @Override
        public void identities() {
            builder.identities(true);
        }

        @Override
        public MalformedSnapshotException malformed(Location where, String expected, String found, Throwable cause) {
            return new MalformedSnapshotException(name, format, where, expected, shorten(found), cause);
        }

        Snapshot build() {
            return builder.build();
        }
    }

    /** Shortens {@code found} text for messages: at most 120 characters, control characters escaped. */
    static String shorten(String found) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < found.length() && sb.length() < 120; i++) {
            char c = found.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 120 && found.length() > 120) {
            sb.setLength(117);
            sb.append("...");
        }
        return sb.toString();
    }

    /** Thrown by {@link BoundedStream} when content exceeds the loader's bound. */
    static final class InputTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        InputTooLargeException(String message) {
            super(message);
        }
    }
}
