package io.github.heapdiff;

import io.github.heapdiff.spi.MatchStrength;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No reader recognised the input, or two readers recognised it equally well.
 *
 * <p>The message lists every format tried with its probe result and says how to force one.
 */
public class UnknownFormatException extends SnapshotReadException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, MatchStrength> probes;

    /**
     * Creates the exception.
     *
     * @param source the source name
     * @param problem what went wrong ({@code "no format recognised"}, {@code "ambiguous"})
     * @param probes each format id tried, in the order tried, with its probe result
     */
    public UnknownFormatException(String source, String problem, Map<String, MatchStrength> probes) {
        super(source, "", problem + "; formats tried: " + describe(probes)
                + ". Force one with Snapshots.loader().withFormat(id) or the command option --input-format ID.", null);
        this.probes = Map.copyOf(probes);
    }

    private static String describe(Map<String, MatchStrength> probes) {
        if (probes.isEmpty()) {
            return "none (no reader on the class path; add heapdiff-formats)";
        }
        return probes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** Each format tried with its probe result. */
    public Map<String, MatchStrength> probes() {
        return probes;
    }
}
