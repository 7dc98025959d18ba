package io.github.heapdiff.analysis;

import java.util.Locale;

/** How sure a {@link Verdict} is, from how much evidence backs it. */
public enum Confidence {
    /** Several independent pieces of evidence agree. */
    HIGH,
    /** The evidence is clear but thin. */
    MEDIUM,
    /** Little evidence; a third snapshot or a heap dump with the object graph would tell more. */
    LOW;

    /** The stable id used in JSON and reports: {@code high}, {@code medium}, {@code low}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
