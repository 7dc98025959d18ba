package io.github.heapdiff.fakes;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reader for loader tests: it claims content that starts with one of its prefixes, reads the
 * whole content, records it as metadata {@code text} and adds one group {@code Line} counting the
 * lines. It also counts its probes and remembers the name the last probe saw.
 */
public class TextPrefixReader implements SnapshotReader {

    private final String id;
    private final MatchStrength strength;
    private final List<String> prefixes;
    private final AtomicInteger probes = new AtomicInteger();
    private volatile String lastProbeName = "";

    /** A reader {@code id} that probes content starting with one of {@code prefixes} as {@code strength}. */
    public TextPrefixReader(String id, MatchStrength strength, String... prefixes) {
        this.id = id;
        this.strength = strength;
        this.prefixes = List.of(prefixes);
    }

    @Override
    public String formatId() {
        return id;
    }

    @Override
    public String description() {
        return "test format " + id;
    }

    @Override
    public MatchStrength probe(ProbeInput input) {
        probes.incrementAndGet();
        lastProbeName = input.name();
        String text = input.text();
        for (String p : prefixes) {
            if (text.startsWith(p)) {
                return strength;
            }
        }
        return MatchStrength.NO_MATCH;
    }

    @Override
    public void read(InputStream in, SnapshotSink sink) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        sink.metadata("text", text.length() > 200 ? text.substring(0, 200) : text);
        sink.metadata("length", Integer.toString(text.length()));
        sink.group(GroupKey.of("Line"), GroupStats.ofCount(text.lines().count()));
    }

    /** How many times {@link #probe} ran. */
    public int probes() {
        return probes.get();
    }

    /** The source name the last probe saw. */
    public String lastProbeName() {
        return lastProbeName;
    }

    /** Discovered through a services file in the loader test: claims {@code a:} and {@code shared}. */
    public static final class DiscoveredA extends TextPrefixReader {
        /** Creates the reader. */
        public DiscoveredA() {
            super("disc-a", MatchStrength.SOLID_MATCH, "a:", "shared");
        }
    }

    /** Discovered through a services file in the loader test: claims {@code b:} and {@code shared}. */
    public static final class DiscoveredB extends TextPrefixReader {
        /** Creates the reader. */
        public DiscoveredB() {
            super("disc-b", MatchStrength.SOLID_MATCH, "b:", "shared");
        }
    }
}
