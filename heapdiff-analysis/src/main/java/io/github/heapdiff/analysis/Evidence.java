package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedMap;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.RetainerPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One thing a {@link LeakHeuristic} found, with its numbers and a one-line reason: "grew at each
 * of 2 steps", "held by Map @1234", "8,775 objects unchanged".
 *
 * <p>The {@linkplain #weight() weight} is how much it speaks for a leak (positive) or against one
 * (negative), on the scale {@link Assessment#of(List)} adds up: about 1 for a clear hint, 2 for
 * strong evidence. Evidence that settles the question alone is {@linkplain #decisive() decisive}:
 * decisive evidence with a negative weight makes a finding "not a leak" whatever else was found.
 * A weight of zero is supporting evidence only (an origin, a well-known type), shown but not
 * counted. Immutable and thread-safe.
 *
 * @param heuristic the name of the heuristic that found it
 * @param kind what it is about, one of the {@code KIND_*} constants or a heuristic's own word;
 *     lower case with dashes, stable for tools
 * @param weight how much it speaks for a leak (positive) or against one (negative)
 * @param decisive true when it settles the verdict on its own
 * @param reason one line for people, with the numbers; never a string's contents from the heap
 * @param numbers the figures behind the reason by stable name (counts, ratios, bytes), sorted by name
 * @param groups the groups it is about besides the finding's own (a companion, a control)
 * @param path a retainer path it relies on (a holder's path from a GC root)
 */
public record Evidence(String heuristic, String kind, double weight, boolean decisive, String reason,
        Map<String, Number> numbers, List<GroupKey> groups, Optional<RetainerPath> path) {

    /** Growth of the group's count (and bytes) across the snapshots. */
    public static final String KIND_GROWTH = "growth";
    /** How the growth went step by step: steady, noisy. */
    public static final String KIND_TREND = "trend";
    /** Filled once, then flat: bounded, like a cache that is full. */
    public static final String KIND_BOUNDED = "bounded";
    /** Went up and down: churn. */
    public static final String KIND_CHURN = "churn";
    /** How large the growth is next to the whole diff's growth. */
    public static final String KIND_SHARE = "share";
    /** What object identities tell about survival of new objects. */
    public static final String KIND_RETENTION = "retention";
    /** The group is a generic container or value type. */
    public static final String KIND_GENERIC = "generic";
    /** A group whose growth this one explains. */
    public static final String KIND_COMPANION = "companion";
    /** The companions of a finding, summed up. */
    public static final String KIND_COMPANIONS = "companions";
    /** The accumulation point that holds the growth and its retainer path. */
    public static final String KIND_HOLDER = "holder";
    /** The library, package or script the type comes from. */
    public static final String KIND_ORIGIN = "origin";
    /** A resemblance to well-known agent or framework types: supporting evidence only. */
    public static final String KIND_WELL_KNOWN = "well-known";
    /** A large group unchanged in every snapshot, vouching that the snapshots are comparable. */
    public static final String KIND_CONTROL = "control";
    /** Something about the snapshots as a whole that weakens every conclusion. */
    public static final String KIND_WARNING = "warning";

    /** Validates and copies. */
    public Evidence {
        Objects.requireNonNull(heuristic, "heuristic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(path, "path");
        checkArgument(!kind.isEmpty() && !heuristic.isEmpty(), "heuristic and kind must not be empty");
        checkArgument(Double.isFinite(weight), "weight must be finite: %s", weight);
        numbers = ImmutableSortedMap.copyOf(numbers);
        groups = List.copyOf(groups);
    }

    /** Evidence with a reason and a weight, and no numbers, groups or path yet. */
    public static Evidence of(String heuristic, String kind, double weight, String reason) {
        return new Evidence(heuristic, kind, weight, false, reason, Map.of(), List.of(), Optional.empty());
    }

    /** Returns this evidence with one more number. */
    public Evidence withNumber(String name, Number value) {
        Objects.requireNonNull(value, "value");
        checkArgument(!(value instanceof Double d) || Double.isFinite(d), "%s must be finite: %s", name, value);
        Map<String, Number> copy = new TreeMap<>(numbers);
        copy.put(name, value);
        return new Evidence(heuristic, kind, weight, decisive, reason, copy, groups, path);
    }

    /** Returns this evidence about one more group. */
    public Evidence withGroup(GroupKey key) {
        List<GroupKey> copy = new ArrayList<>(groups);
        copy.add(key);
        return new Evidence(heuristic, kind, weight, decisive, reason, numbers, copy, path);
    }

    /** Returns this evidence with a retainer path. */
    public Evidence withPath(RetainerPath p) {
        return new Evidence(heuristic, kind, weight, decisive, reason, numbers, groups, Optional.of(p));
    }

    /** Returns this evidence marked decisive: it settles the verdict on its own. */
    public Evidence asDecisive() {
        return new Evidence(heuristic, kind, weight, true, reason, numbers, groups, path);
    }

    /** Where the evidence stands: for a leak, against one, settling "not a leak", or supporting only. */
    public Stance stance() {
        if (decisive && weight < 0) {
            return Stance.NOT_A_LEAK;
        }
        return weight > 0 ? Stance.FOR : weight < 0 ? Stance.AGAINST : Stance.NEUTRAL;
    }

    /** Where a piece of evidence stands. */
    public enum Stance {
        /** Speaks for a leak. */
        FOR,
        /** Speaks against a leak. */
        AGAINST,
        /** Settles that the growth is not a leak. */
        NOT_A_LEAK,
        /** Shown, not counted: supporting evidence or context. */
        NEUTRAL
    }
}
