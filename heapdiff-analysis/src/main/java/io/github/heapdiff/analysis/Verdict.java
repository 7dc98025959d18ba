package io.github.heapdiff.analysis;

import java.util.Locale;

/** What a finding concludes about its group's growth. */
public enum Verdict {
    /** The evidence adds up to a leak. */
    LIKELY_LEAK,
    /** The evidence does not settle it either way. */
    UNKNOWN,
    /** The growth is bounded, churn, or too small to matter. */
    NOT_A_LEAK;

    /** The stable id used in JSON: {@code likely-leak}, {@code unknown}, {@code not-a-leak}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The words used in reports: {@code likely leak}, {@code unknown}, {@code not a leak}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
