package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one group holds in one snapshot: how many objects, and their bytes where the format tells.
 *
 * <p>Shallow bytes are the objects' own sizes in the runtime (absent for formats that do not record
 * sizes, such as mdb_v8 listings; an estimate under a named size model for HPROF, which does not
 * record object sizes). Retained bytes are what would be freed if the group's objects were
 * collected, counted once even where objects of the group hold each other (as DevTools' class
 * retained size); they are present only where a reader built the object graph. Raw bytes are the
 * bytes the dump itself holds for the objects where that is a figure of its own, distinct from the
 * runtime size: for HPROF, the field and element bytes as written, exact and comparable between
 * dumps of one VM; absent for other formats. All figures are non-negative. Immutable and
 * thread-safe.
 *
 * @param count the number of objects
 * @param shallowBytes the sum of the objects' own sizes, when known
 * @param retainedBytes the bytes retained by the group as a whole, when known
 * @param rawBytes the bytes the dump records for the objects, when the format has such a figure
 */
public record GroupStats(long count, OptionalLong shallowBytes, OptionalLong retainedBytes, OptionalLong rawBytes) {

    /** No objects, zero bytes known (no raw figure: the sum of no groups has none). */
    public static final GroupStats ZERO = new GroupStats(0, OptionalLong.of(0), OptionalLong.empty(), OptionalLong.empty());

    /** Validates the figures. */
    public GroupStats {
        Objects.requireNonNull(shallowBytes, "shallowBytes");
        Objects.requireNonNull(retainedBytes, "retainedBytes");
        Objects.requireNonNull(rawBytes, "rawBytes");
        checkArgument(count >= 0, "count must not be negative: %s", count);
        checkArgument(shallowBytes.orElse(0) >= 0, "shallowBytes must not be negative: %s", shallowBytes);
        checkArgument(retainedBytes.orElse(0) >= 0, "retainedBytes must not be negative: %s", retainedBytes);
        checkArgument(rawBytes.orElse(0) >= 0, "rawBytes must not be negative: %s", rawBytes);
    }

    /** Stats without raw bytes: the figures of every format but HPROF. */
    public GroupStats(long count, OptionalLong shallowBytes, OptionalLong retainedBytes) {
        this(count, shallowBytes, retainedBytes, OptionalLong.empty());
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
     * known only when both are known); raw bytes add up over the sides that have them (a format
     * either records them for every group or for none, so a side without them adds nothing);
     * retained bytes are dropped, since the retained sizes of two groups may overlap and cannot be
     * added honestly.
     *
     * @throws ArithmeticException if a sum overflows a {@code long}
     */
    public GroupStats plus(GroupStats other) {
        OptionalLong shallow = shallowBytes.isPresent() && other.shallowBytes.isPresent()
                ? OptionalLong.of(Math.addExact(shallowBytes.getAsLong(), other.shallowBytes.getAsLong()))
                : OptionalLong.empty();
        OptionalLong raw = rawBytes.isEmpty() ? other.rawBytes : other.rawBytes.isEmpty() ? rawBytes
                : OptionalLong.of(Math.addExact(rawBytes.getAsLong(), other.rawBytes.getAsLong()));
        return new GroupStats(Math.addExact(count, other.count), shallow, OptionalLong.empty(), raw);
    }

    /** Returns these stats without retained bytes. */
    public GroupStats withoutRetained() {
        return retainedBytes.isEmpty() ? this : new GroupStats(count, shallowBytes, OptionalLong.empty(), rawBytes);
    }

    /** Returns these stats with the given retained bytes. */
    public GroupStats withRetained(long retained) {
        return new GroupStats(count, shallowBytes, OptionalLong.of(retained), rawBytes);
    }

    /** Returns these stats with the given raw bytes (the bytes the dump records for the objects). */
    public GroupStats withRaw(long raw) {
        return new GroupStats(count, shallowBytes, retainedBytes, OptionalLong.of(raw));
    }
}
