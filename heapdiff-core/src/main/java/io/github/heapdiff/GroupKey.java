package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies an {@link ObjectGroup} within and across snapshots: a type name and, when
 * grouping by {@link Grouping#SHAPE}, a property {@link Shape}.
 *
 * <p>The type name is a constructor name ({@code TraceSegment}), a Java binary class name
 * ({@code acme.tracing.JvmLeak$Genre}, arrays as {@code byte[]}) or a pseudo-name such as
 * {@code (string)}, {@code (closure)}, {@code (array)}. Keys order by type name, then type-only
 * before shaped, then by shape. Values are immutable and thread-safe.
 *
 * @param type the type name, never empty
 * @param shape the property shape, when the key is shaped
 */
public record GroupKey(String type, Optional<Shape> shape) implements Comparable<GroupKey> {

    private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::type)
            .thenComparing(k -> k.shape().orElse(null), Comparator.nullsFirst(Comparator.<Shape>naturalOrder()));

    /** Validates the key. */
    public GroupKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        checkArgument(!type.isEmpty(), "a group's type name must not be empty");
    }

    /** A key by type name alone. */
    public static GroupKey of(String type) {
        return new GroupKey(type, Optional.empty());
    }

    /** A key by type name and shape. */
    public static GroupKey of(String type, Shape shape) {
        return new GroupKey(type, Optional.of(shape));
    }

    /** Returns true when this key carries a shape. */
    public boolean isShaped() {
        return shape.isPresent();
    }

    /** Returns this key coarsened to {@code grouping}: the same key for {@link Grouping#SHAPE}, the type alone for {@link Grouping#TYPE}. */
    public GroupKey coarsen(Grouping grouping) {
        return grouping == Grouping.TYPE && shape.isPresent() ? of(type) : this;
    }

    /** Renders the key as mdb_v8 does: {@code TraceSegment: name, transaction, ...}, {@code Array [2]}, or the type alone. */
    public String render() {
        if (shape.isEmpty()) {
            return type;
        }
        Shape s = shape.get();
        return s.names().isEmpty() && !s.truncated() ? type + " " + s.render() : type + ": " + s.render();
    }

    @Override
    public int compareTo(GroupKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return render();
    }
}
