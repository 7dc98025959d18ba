package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one group holds in one snapshot: how many objects, and their bytes where the format tells.
 *
 * <p>Shallow bytes are the objects' own sizes (absent for formats that do not record sizes, such
 * as mdb_v8 listings). Retained bytes are what would be freed if the group's objects were
 * collected, counted once even where objects of the group hold each other (as DevTools' class
 * retained size); they are present only where a reader built the object graph. All figures are
 * non-negative. Immutable and thread-safe.
 *
 * @param count the number of objects
 * @param shallowBytes the sum of the objects' own sizes, when known
 * @param retainedBytes the bytes retained by the group as a whole, when known
 */
public record GroupStats(long count, OptionalLong shallowBytes, OptionalLong retainedBytes) {

    /** No objects, zero bytes known. */
    public static final GroupStats ZERO = new GroupStats(0, OptionalLong.of(0), OptionalLong.empty());

    /** Validates the figures. */
    public GroupStats {
        Objects.requireNonNull(shallowBytes, "shallowBytes");
        Objects.requireNonNull(retainedBytes, "retainedBytes");
        checkArgument(count >= 0, "count must not be negative: %s", count);
        checkArgument(shallowBytes.orElse(0) >= 0, "shallowBytes must not be negative: %s", shallowBytes);
        checkArgument(retainedBytes.orElse(0) >= 0, "retainedBytes must not be negative: %s", retainedBytes);
    }

    /** A count without sizes. */
    public static GroupStats ofCount(long count) {
        return new GroupStats(count, OptionalLong.empty(), OptionalLong.empty());
    }

    /** A count with shallow bytes. */
    public static GroupStats of(long count, long shallowBytes) {
        return new GroupStats(count, OptionalLong.of(shallowBytes), OptionalLong.empty());
    }

    /** A count with shallow and retained bytes. */
    public static GroupStats of(long count, long shallowBytes, long retainedBytes) {
        return new GroupStats(count, OptionalLong.of(shallowBytes), OptionalLong.of(retainedBytes));
    }

    /**
     * Returns the sum of this and {@code other}: counts and shallow bytes add up (shallow bytes stay
     * known only when both are known); retained bytes are dropped, since the retained sizes of two
     * groups may overlap and cannot be added honestly.
     *
     * @throws ArithmeticException if a sum overflows a {@code long}
     */
    public GroupStats plus(GroupStats other) {
        OptionalLong shallow = shallowBytes.isPresent() && other.shallowBytes.isPresent()
                ? OptionalLong.of(Math.addExact(shallowBytes.getAsLong(), other.shallowBytes.getAsLong()))
                : OptionalLong.empty();
        return new GroupStats(Math.addExact(count, other.count), shallow, OptionalLong.empty());
    }

    /** Returns these stats without retained bytes. */
    public GroupStats withoutRetained() {
        return retainedBytes.isEmpty() ? this : new GroupStats(count, shallowBytes, OptionalLong.empty());
    }

    /** Returns these stats with the given retained bytes. */
    public GroupStats withRetained(long retained) {
        return new GroupStats(count, shallowBytes, OptionalLong.of(retained));
    }
}
