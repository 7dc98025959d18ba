package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads HotSpot and Android heap dumps (HPROF, format id {@code hprof}) into a class histogram.
 *
 * <p>Reads "JAVA PROFILE 1.0.1" (one HEAP DUMP record, including lengths that wrapped past 4 GB in
 * old dumps), "1.0.2" (HEAP DUMP SEGMENTs and HEAP DUMP END) and Android's "1.0.3" (heap markers
 * and Android's extra root kinds), with 4- or 8-byte identifiers, in one streaming pass. Unknown
 * top-level records are skipped by their length; anything else unexpected is a
 * {@link io.github.heapdiff.MalformedSnapshotException} with the byte offset and the record
 * being read.
 *
 * <p>Groups are Java binary class names ({@code acme.tracing.JvmLeak$Genre}), arrays as
 * {@code byte[]} and {@code java.lang.Object[]}; hidden classes keep their HPROF names
 * ({@code Foo$$Lambda$18+0x0000000800c01000}). Each CLASS DUMP counts as one
 * {@code java.lang.Class} object, beside the mirrors HotSpot writes as INSTANCE DUMPs (the nine
 * primitive types); the VM's own class histogram counts more, since it also counts mirrors without
 * a loaded class (such as the CDS archive's), and its sizes include fields the VM injects into
 * {@code java.lang.Class}, which HPROF does not show.
 *
 * <p>Two sizes per group, since HPROF records no object sizes:
 * <ul>
 *   <li>shallow bytes: the VM's size estimated under a named size model, chosen with the reader
 *       setting {@value #SIZE_MODEL_SETTING} ({@code hotspot-64-coops}, the default for 8-byte
 *       identifiers: 64-bit HotSpot with compressed oops and class pointers;
 *       {@code hotspot-64-ccp}: compressed class pointers only; {@code hotspot-64}: no
 *       compression; {@code hotspot-32}; {@code android}) or, by default ({@code auto}), detected
 *       from how closely objects follow each other in the dump; the model and why it was chosen
 *       are recorded in the snapshot metadata ({@code hprof.size-model},
 *       {@code hprof.size-model.basis});</li>
 *   <li>raw bytes ({@link io.github.heapdiff.GroupStats#rawBytes()}): the field and element bytes
 *       as the dump writes them, exact and comparable between dumps of one VM.</li>
 * </ul>
 *
 * <p>Two depths, as the caller's {@link ReadMode} asks: summary mode builds the class histogram in
 * one streaming pass, without per-object state; graph mode (the default) streams every object,
 * reference and GC root into the graph engine as well, for retained sizes, owners, accumulation
 * points and retainer paths with field names ({@link GraphVisitor} says which references retain
 * and what counts as infrastructure). Both modes give the same counts, sizes and raw bytes per
 * group. The metadata says which was used ({@code hprof.read-mode}).
 *
 * <p>Groups are classes by default; the reader setting {@value GroupNames#SETTING} groups by
 * {@code package} or by {@code class-loader} instead (see {@link GroupNames}).
 *
 * <p>Object ids are addresses and not stable between dumps: groups carry no identities, and a diff
 * matches groups, never objects.
 *
 * <p>Stateless and thread-safe. A long input is read ahead on one background daemon thread per
 * read, so that copying bytes out of the file overlaps with parsing them; the input stream (and
 * any progress it reports) is then read on that thread.
 */
public final class HprofReader implements SnapshotReader {

    /** The format id. */
    public static final String FORMAT_ID = "hprof";

    /** The reader setting that names the size model: {@code auto} (the default) or a model name. */
    public static final String SIZE_MODEL_SETTING = "hprof.size-model";

    private static final Logger LOG = LoggerFactory.getLogger(HprofReader.class);
    private static final byte[] MAGIC = "JAVA PROFILE ".getBytes(StandardCharsets.US_ASCII);
    /** A dump at least this long mostly holds millions of objects (HotSpot writes 60-70 bytes an object with its references). */
    private static final long BIG_DUMP = 256L << 20;

    /** Creates the reader (the service loader's entry point). */
    public HprofReader() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public String description() {
        return "HotSpot and Android heap dump (HPROF, JAVA PROFILE 1.0.1/1.0.2/1.0.3)";
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        if (!input.startsWith(MAGIC)) {
            return MatchStrength.NO_MATCH;
        }
        int n = MAGIC.length;
        if (input.length() >= n + 6) {
            String v = new String(new byte[] {(byte) input.byteAt(n), (byte) input.byteAt(n + 1),
                (byte) input.byteAt(n + 2), (byte) input.byteAt(n + 3), (byte) input.byteAt(n + 4)},
                    StandardCharsets.US_ASCII);
            if (v.matches("1\\.0\\.[123]") && input.byteAt(n + 5) == 0) {
                return MatchStrength.FULL_MATCH;
            }
        }
        return MatchStrength.SOLID_MATCH;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        Optional<SizeModel> forced = forcedModel(sink);
        GroupNames.By grouping = GroupNames.of(sink.options().setting(GroupNames.SETTING));
        ReadMode mode = sink.options().mode();
        // in graph mode, the histogram beside the graph counts no objects per class: the nodes do
        HistogramVisitor histogram = new HistogramVisitor(forced.isEmpty(), grouping, mode != ReadMode.GRAPH);
        GraphVisitor graph = mode == ReadMode.GRAPH ? new GraphVisitor(sink.graph(), histogram) : null;
        if (graph != null && sink.contentLength().orElse(0) >= BIG_DUMP) {
            sink.graph().expectLargeGraph();
        }
        HprofParser parser;
        try (ReadAheadStream ahead = new ReadAheadStream(in)) {
            parser = new HprofParser(new HprofInput(ahead), sink, graph != null ? graph : histogram);
            parser.parse();
        }

        SizeModel model;
        String basis;
        if (forced.isPresent()) {
            model = forced.get();
            basis = "setting " + SIZE_MODEL_SETTING;
        } else if (parser.version().equals("1.0.3")) {
            model = SizeModel.ANDROID;
            basis = "Android dump (JAVA PROFILE 1.0.3)";
        } else if (parser.idSize() == 4) {
            model = SizeModel.HOTSPOT_32;
            basis = "4-byte identifiers";
        } else {
            Optional<SizeModel> spaced = histogram.spacingModel();
            model = spaced.orElse(SizeModel.HOTSPOT_64_COOPS);
            basis = spaced.isPresent() ? "detected from object spacing" : "default (object spacing was inconclusive)";
            sink.metadata("hprof.size-model.evidence", histogram.spacingEvidence());
        }
        LOG.debug("{}: size model {} ({})", sink.sourceName(), model.id(), basis);

        sink.metadata("hprof.version", "JAVA PROFILE " + parser.version());
        sink.metadata("hprof.id-size", Integer.toString(parser.idSize()));
        sink.metadata("hprof.size-model", model.id());
        sink.metadata("hprof.size-model.basis", basis);
        sink.metadata("hprof.size-model.description", model.description());
        sink.metadata("hprof.read-mode", mode == ReadMode.GRAPH ? "graph" : "summary");
        if (grouping != GroupNames.By.CLASS) {
            sink.metadata(GroupNames.SETTING, grouping.id());
        }
        sink.metadata("hprof.objects", Long.toString(histogram.objects()));
        sink.metadata("hprof.class-dumps", Long.toString(histogram.classDumps()));
        sink.metadata("hprof.records", Integer.toString(parser.records()));
        if (parser.segments() > 0) {
            sink.metadata("hprof.segments", Integer.toString(parser.segments()));
        }
        if (parser.extraDumps() > 0) {
            sink.metadata("hprof.dumps", (1 + parser.extraDumps()) + " (the first was read)");
        }
        if (parser.wraps() > 0) {
            sink.metadata("hprof.length-wraps", Integer.toString(parser.wraps()));
        }
        String roots = histogram.rootCounts();
        if (!roots.isEmpty()) {
            sink.metadata("hprof.roots", roots);
        }
        String heaps = histogram.heapCounts();
        if (!heaps.isEmpty()) {
            sink.metadata("hprof.heaps", heaps);
        }
        if (graph != null) {
            int inferred = graph.finish(model, histogram.names());
            if (inferred > 0) {
                sink.metadata("hprof.roots.inferred", inferred + " classes of the bootstrap loader, as system-class roots"
                        + " (the dump declares no sticky-class roots)");
            }
            return;
        }
        for (ObjectGroup g : histogram.groups(model)) {
            sink.group(g);
        }
    }

    private static Optional<SizeModel> forcedModel(SnapshotSink sink) {
        Optional<String> setting = sink.options().setting(SIZE_MODEL_SETTING);
        if (setting.isEmpty() || setting.get().trim().equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        return Optional.of(SizeModel.byId(setting.get()).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + SIZE_MODEL_SETTING + " '" + setting.get() + "'; use auto or one of " + SizeModel.ids())));
    }
}
