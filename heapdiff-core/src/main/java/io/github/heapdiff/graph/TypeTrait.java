package io.github.heapdiff.graph;

/**
 * What the graph engine should know about a type of nodes beyond its name, declared by the reader
 * when it creates the type.
 */
public enum TypeTrait {
    /**
     * Objects of this type are grouped by property shape too when the caller asks for
     * {@link io.github.heapdiff.Grouping#SHAPE}: the names of their {@link EdgeKind#PROPERTY}
     * edges in order. Must be declared when the type is created, before its nodes' edges arrive.
     */
    SHAPED,
    /**
     * Objects of this type are plumbing rather than owners: array backing stores, runtime-internal
     * objects, collection internals. Owner histograms and accumulation points look through them
     * to the first object above that is not infrastructure.
     */
    INFRASTRUCTURE,
    /**
     * Nodes of this type are not real objects but roots or root categories (V8 {@code synthetic}
     * nodes such as {@code (GC roots)}); they are never reported as accumulation points.
     */
    SYNTHETIC
}
