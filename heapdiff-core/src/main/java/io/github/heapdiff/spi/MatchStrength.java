package io.github.heapdiff.spi;

/**
 * How well a reader's {@linkplain SnapshotReader#probe(ProbeInput) probe} recognises an input,
 * weakest first.
 */
public enum MatchStrength {
    /** The input is certainly not of this format. */
    NO_MATCH,
    /** Nothing speaks for or against this format. Never enough to be chosen. */
    INCONCLUSIVE,
    /** The input looks somewhat like this format (for example, a few lines of the right shape). */
    WEAK_MATCH,
    /** The input is very likely of this format (for example, a header line of it). */
    SOLID_MATCH,
    /** The input is of this format beyond doubt (for example, a magic number). */
    FULL_MATCH
}
