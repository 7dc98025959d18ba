package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Comparator;
import java.util.List;

/**
 * The property shape of a group: the ordered property names its objects have, as far as the
 * format shows them.
 *
 * <p>A shape from a listing such as mdb_v8's may be cut short: {@code TraceSegment: name,
 * transaction, ...} has 13 properties of which two are named; it is {@linkplain #truncated()
 * truncated}. A shape may name no properties and only count them ({@code Array} with 2
 * elements, as mdb_v8 counts array elements as properties). A format that counts indexed
 * elements apart from named properties (llnode's {@code v8 findjsobjects -d}) puts them in
 * {@link #elementCount()}. Two shapes are equal when their names, counts and truncation are
 * equal.
 *
 * @param names the visible property names in order; may be empty
 * @param propertyCount the number of properties (or elements, for arrays) the format counted;
 *     at least {@code names.size()}, and equal to it when the names are complete
 * @param truncated true when the format cut the name list short
 * @param elementCount the number of indexed elements the format counted apart from the
 *     properties; 0 for formats that do not count them
 */
public record Shape(List<String> names, int propertyCount, boolean truncated, int elementCount)
        implements Comparable<Shape> {

    private static final Comparator<Iterable<String>> NAMES_ORDER =
            com.google.common.collect.Comparators.lexicographical(Comparator.<String>naturalOrder());

    private static final Comparator<Shape> ORDER = Comparator.comparingInt(Shape::propertyCount)
            .thenComparing(Shape::names, NAMES_ORDER)
            .thenComparing(Shape::truncated)
            .thenComparingInt(Shape::elementCount);

    /** Validates and copies the names. */
    public Shape {
        names = List.copyOf(names);
        checkArgument(propertyCount >= names.size(),
                "propertyCount %s is less than the %s names given", propertyCount, names.size());
        checkArgument(truncated || names.isEmpty() || propertyCount == names.size(),
                "a complete shape has exactly its names as properties, but propertyCount is %s for %s names",
                propertyCount, names.size());
        for (String n : names) {
            checkArgument(!n.isEmpty(), "property names must not be empty");
        }
        checkArgument(elementCount >= 0, "elementCount must not be negative: %s", elementCount);
    }

    /** A shape without a separate element count: {@code names}, {@code propertyCount} and {@code truncated} as above. */
    public Shape(List<String> names, int propertyCount, boolean truncated) {
        this(names, propertyCount, truncated, 0);
    }

    /** A complete shape with exactly these property names. */
    public static Shape of(List<String> names) {
        return new Shape(names, names.size(), false);
    }

    /** A shape that only counts its properties (or elements) and names none. */
    public static Shape counted(int propertyCount) {
        return new Shape(List.of(), propertyCount, false);
    }

    /** Returns this shape with {@code count} indexed elements counted apart from the properties. */
    public Shape withElementCount(int count) {
        return new Shape(names, propertyCount, truncated, count);
    }

    /**
     * Renders the shape as mdb_v8 does after the constructor: {@code name, transaction, ...}, or
     * {@code [2]} for a counted shape; a separate element count follows as {@code [5 elements]}.
     */
    public String render() {
        String base;
        if (names.isEmpty()) {
            base = truncated ? "..." : elementCount > 0 && propertyCount == 0 ? "" : "[" + propertyCount + "]";
        } else {
            String joined = String.join(", ", names);
            base = truncated ? joined + ", ..." : joined;
        }
        if (elementCount == 0) {
            return base;
        }
        String elements = "[" + elementCount + (elementCount == 1 ? " element]" : " elements]");
        return base.isEmpty() ? elements : base + " " + elements;
    }

    @Override
    public int compareTo(Shape o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return render();
    }
}
