/**
 * The format-agnostic heap-graph engine: readers of object-level formats stream nodes, edges and
 * GC roots into a {@link io.github.heapdiff.graph.GraphBuilder}; the engine stores them as
 * primitive arrays in compressed-sparse-row form, computes the dominator tree (semi-NCA),
 * retained sizes, per-group facts (owners, accumulation points, retainer paths) and shapes, and
 * hands the loader a {@link io.github.heapdiff.graph.GraphSummary}. A kept graph is queried
 * through {@link io.github.heapdiff.graph.HeapGraph}.
 */
package io.github.heapdiff.graph;
