package io.github.heapdiff;

/**
 * How objects are grouped into {@link ObjectGroup}s: by type alone, or by type and property shape.
 *
 * <p>{@link #SHAPE} is finer than {@link #TYPE}: a snapshot grouped by shape can be
 * {@linkplain Snapshot#regroup(Grouping) regrouped} by type, never the other way round.
 */
public enum Grouping {
    /** One group per type name (constructor, class or pseudo-name such as {@code (string)}). */
    TYPE,
    /** One group per type name and property shape, as mdb_v8's {@code ::findjsobjects} lists them. */
    SHAPE;

    /** Returns the coarser of this grouping and {@code other}. */
    public Grouping coarsest(Grouping other) {
        return this == TYPE || other == TYPE ? TYPE : SHAPE;
    }

    /** Returns true when a snapshot grouped this way can be regrouped to {@code target}. */
    public boolean canCoarsenTo(Grouping target) {
        return this == target || target == TYPE;
    }
}
