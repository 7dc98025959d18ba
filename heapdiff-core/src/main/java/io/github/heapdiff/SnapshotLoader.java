package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.ReadOptions;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import io.github.heapdiff.spi.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Reads snapshots: an immutable, thread-safe configuration of readers and options.
 *
 * <pre>{@code
 * SnapshotLoader loader = Snapshots.loader().withFormat("hprof").withProgress(listener);
 * Snapshot s = loader.read(path);
 * }</pre>
 *
 * <p>Each {@code with*} method returns a new loader. Readers passed with
 * {@link #withReader(SnapshotReader)} replace discovered readers of the same format id and win
 * ties with discovered readers; a tie between two readers of the same kind (two passed, or two
 * discovered) is an {@link UnknownFormatException}, as is an input no reader probes above
 * "inconclusive". An empty input is a {@link MalformedSnapshotException}.
 */
public final class SnapshotLoader {

    /** The default bound on uncompressed content: 1 TiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 1L << 40;

    private final ImmutableList<SnapshotReader> explicit;
    private final ImmutableList<SnapshotReader> discovered;
    private final Optional<String> format;
    private final ProgressListener progress;
    private final ReadOptions options;
    private final long maxInputBytes;

    private SnapshotLoader(List<SnapshotReader> explicit, List<SnapshotReader> discovered, Optional<String> format,
            ProgressListener progress, ReadOptions options, long maxInputBytes) {
        this.explicit = ImmutableList.copyOf(explicit);
        this.discovered = ImmutableList.copyOf(discovered);
        this.format = format;
        this.progress = progress;
        this.options = options;
        this.maxInputBytes = maxInputBytes;
    }

    static SnapshotLoader discovered() {
        List<SnapshotReader> found = new ArrayList<>();
        for (SnapshotReader r : ServiceLoader.load(SnapshotReader.class)) {
            found.add(r);
        }
        return new SnapshotLoader(List.of(), found, Optional.empty(), ProgressListener.none(), ReadOptions.DEFAULTS,
                DEFAULT_MAX_INPUT_BYTES);
    }

    /** A loader that knows only the readers given, none discovered. */
    public static SnapshotLoader of(SnapshotReader... readers) {
        SnapshotLoader l = new SnapshotLoader(List.of(), List.of(), Optional.empty(), ProgressListener.none(),
                ReadOptions.DEFAULTS, DEFAULT_MAX_INPUT_BYTES);
        for (SnapshotReader r : readers) {
            l = l.withReader(r);
        }
        return l;
    }

    /**
     * Returns a loader that also uses {@code reader}; it replaces a discovered or earlier reader
     * with the same format id and is probed before discovered readers.
     */
    public SnapshotLoader withReader(SnapshotReader reader) {
        Objects.requireNonNull(reader, "reader");
        String id = reader.formatId();
        checkArgument(id != null && id.matches("[a-z0-9][a-z0-9-]*"),
                "format id %s must be lowercase letters, digits and dashes", id);
        List<SnapshotReader> ex = new ArrayList<>();
        for (SnapshotReader r : explicit) {
            if (!r.formatId().equals(id)) {
                ex.add(r);
            }
        }
        ex.add(reader);
        return new SnapshotLoader(ex, discovered, format, progress, options, maxInputBytes);
    }

    /**
     * Returns a loader that reads every input as {@code formatId}, skipping detection.
     *
     * @throws IllegalArgumentException if no reader has that format id
     */
    public SnapshotLoader withFormat(String formatId) {
        Objects.requireNonNull(formatId, "formatId");
        checkArgument(readerFor(formatId).isPresent(), "no reader for format %s; known formats: %s",
                formatId, formatIds());
        return new SnapshotLoader(explicit, discovered, Optional.of(formatId), progress, options, maxInputBytes);
    }

    /** Returns a loader that detects the format of each input (the default). */
    public SnapshotLoader withDetectedFormat() {
        return new SnapshotLoader(explicit, discovered, Optional.empty(), progress, options, maxInputBytes);
    }

    /** Returns a loader that reports progress to {@code listener}. */
    public SnapshotLoader withProgress(ProgressListener listener) {
        return new SnapshotLoader(explicit, discovered, format, Objects.requireNonNull(listener, "listener"), options,
                maxInputBytes);
    }

    /**
     * Returns a loader that groups objects by {@code grouping}: object-level formats group at that
     * level; a listing grouped more finely is coarsened; a format that cannot group that finely
     * keeps its own grouping.
     */
    public SnapshotLoader withGrouping(Grouping grouping) {
        return withOptions(new ReadOptions(options.mode(), Optional.of(grouping), options.keepGraph(),
                options.settings()));
    }

    /**
     * Returns a loader that reads object-level formats in {@code mode}: {@link ReadMode#SUMMARY}
     * for counts and shallow sizes in one fast pass, {@link ReadMode#GRAPH} (the default) for
     * retained sizes, owners and retainer paths too.
     */
    public SnapshotLoader withMode(ReadMode mode) {
        return withOptions(new ReadOptions(mode, options.grouping(), options.keepGraph(), options.settings()));
    }

    /** Returns a loader that keeps (true) or drops (false, the default) the object graph after summarising. */
    public SnapshotLoader withKeepGraph(boolean keep) {
        return withOptions(new ReadOptions(options.mode(), options.grouping(), keep, options.settings()));
    }

    /** Returns a loader with a reader-specific setting, such as {@code hprof.size-model}. */
    public SnapshotLoader withSetting(String key, String value) {
        Map<String, String> s = new TreeMap<>(options.settings());
        s.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return withOptions(new ReadOptions(options.mode(), options.grouping(), options.keepGraph(), s));
    }

    /**
     * Returns a loader whose graph analysis plans to stay within {@code bytes} where it can,
     * trading time for memory (see {@link ReadOptions#MEMORY_BUDGET_SETTING}); by default the
     * JVM's maximum heap decides.
     */
    public SnapshotLoader withMemoryBudget(long bytes) {
        checkArgument(bytes > 0, "memory budget must be positive: %s", bytes);
        return withSetting(ReadOptions.MEMORY_BUDGET_SETTING, Long.toString(bytes));
    }

    private SnapshotLoader withOptions(ReadOptions o) {
        return new SnapshotLoader(explicit, discovered, format, progress, o, maxInputBytes);
    }

    /**
     * Returns a loader that refuses content (after gzip is unwrapped) larger than {@code bytes};
     * the default is {@link #DEFAULT_MAX_INPUT_BYTES}.
     */
    public SnapshotLoader withMaxInputBytes(long bytes) {
        checkArgument(bytes > 0, "maxInputBytes must be positive: %s", bytes);
        return new SnapshotLoader(explicit, discovered, format, progress, options, bytes);
    }

    /** The readers this loader uses, in probe order: explicit ones first. */
    public List<SnapshotReader> readers() {
        Map<String, SnapshotReader> byId = new LinkedHashMap<>();
        for (SnapshotReader r : explicit) {
            byId.put(r.formatId(), r);
        }
        for (SnapshotReader r : discovered) {
            byId.putIfAbsent(r.formatId(), r);
        }
        return ImmutableList.copyOf(byId.values());
    }

    /** The format ids this loader knows, in probe order. */
    public List<String> formatIds() {
        return readers().stream().map(SnapshotReader::formatId).collect(ImmutableList.toImmutableList());
    }

    /** The options readers see. */
    public ReadOptions options() {
        return options;
    }

    Optional<SnapshotReader> readerFor(String id) {
        return readers().stream().filter(r -> r.formatId().equals(id)).findFirst();
    }

    /**
     * Reads the snapshot in {@code file}; its path names it in results and errors.
     *
     * @throws SnapshotReadException if the file cannot be read, is of no known format, or is malformed
     */
    public Snapshot read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotReadException(name, "", "no such file", e);
        } catch (IOException e) {
            throw new SnapshotReadException(name, "", "cannot read: " + e, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new LoadRun(this, name, size).read(in);
        } catch (IOException e) {
            throw new SnapshotReadException(name, "", "cannot read: " + e, e);
        } catch (UncheckedIOException e) {
            throw new SnapshotReadException(name, "", "cannot read: " + e.getCause(), e);
        }
    }

    /**
     * Reads a snapshot from {@code in}; {@code name} names it in results and errors. The stream is
     * read but not closed.
     *
     * @throws SnapshotReadException if the content cannot be read, is of no known format, or is malformed
     */
    public Snapshot read(InputStream in, String name) {
        Objects.requireNonNull(in, "in");
        checkArgument(name != null && !name.isEmpty(), "a snapshot needs a name for results and errors");
        try {
            return new LoadRun(this, name, -1).read(in);
        } catch (IOException e) {
            throw new SnapshotReadException(name, "", "cannot read: " + e, e);
        } catch (UncheckedIOException e) {
            throw new SnapshotReadException(name, "", "cannot read: " + e.getCause(), e);
        }
    }

    boolean isExplicit(SnapshotReader reader) {
        return explicit.contains(reader);
    }

    ImmutableList<SnapshotReader> probeOrder() {
        return ImmutableList.copyOf(readers());
    }

    Optional<String> forcedFormat() {
        return format;
    }

    ProgressListener progress() {
        return progress;
    }

    long maxInputBytes() {
        return maxInputBytes;
    }

    static ImmutableMap<String, io.github.heapdiff.spi.MatchStrength> probeAll(List<SnapshotReader> readers,
            ProbeInput input) {
        ImmutableMap.Builder<String, io.github.heapdiff.spi.MatchStrength> b = ImmutableMap.builder();
        for (SnapshotReader r : readers) {
            io.github.heapdiff.spi.MatchStrength m;
            try {
                m = r.probe(input);
            } catch (RuntimeException e) {
                m = io.github.heapdiff.spi.MatchStrength.NO_MATCH;
            }
            b.put(r.formatId(), m == null ? io.github.heapdiff.spi.MatchStrength.NO_MATCH : m);
        }
        return b.buildOrThrow();
    }
}
