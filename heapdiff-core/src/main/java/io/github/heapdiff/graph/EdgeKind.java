package io.github.heapdiff.graph;

/**
 * What kind of reference an edge of a heap graph is, covering the V8 heap snapshot edge types and
 * the HPROF reference kinds.
 *
 * <p>The kind decides how an edge's name is read: {@linkplain #isIndexed() indexed} kinds carry a
 * number (an array slot, a V8 hidden or element index); the others carry an index into the
 * graph's string table (a property, field or variable name). Whether an edge keeps its target
 * alive is not part of the kind: the reader decides it per edge (a V8 weak edge, a shortcut edge
 * not from the root, a WeakMap table-to-value edge or a Java {@code Reference.referent} does not
 * retain), so that the graph engine stays free of format rules.
 */
public enum EdgeKind {
    /** A variable captured in a closure context (V8 {@code context}). */
    CONTEXT,
    /** An array element or slot; the name is the index (V8 {@code element}, HPROF object-array slot). */
    ELEMENT,
    /** A named property of an object (V8 {@code property}). */
    PROPERTY,
    /** A reference internal to the runtime, with a name (V8 {@code internal}; HPROF class, loader, super class). */
    INTERNAL,
    /** An unnamed internal reference; the name is an index (V8 {@code hidden}). */
    HIDDEN,
    /** A reference a runtime adds for convenience, such as V8's root-to-global links (V8 {@code shortcut}). */
    SHORTCUT,
    /** A weak reference (V8 {@code weak}; HPROF weak, soft, phantom or final referent). */
    WEAK,
    /** An instance field of a Java object; the name is the field name. */
    FIELD,
    /** A static field of a Java class; the name is the field name. */
    STATIC_FIELD;

    private static final EdgeKind[] VALUES = values();

    /** Returns true when the edge's name is a number (an index) rather than a string table index. */
    public boolean isIndexed() {
        return this == ELEMENT || this == HIDDEN;
    }

    static EdgeKind of(int ordinal) {
        return VALUES[ordinal];
    }
}
