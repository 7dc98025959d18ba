package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.github.heapdiff.graph.HeapGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An immutable summary of one heap dump or listing: its {@link ObjectGroup}s and where it came
 * from.
 *
 * <p>Groups are in {@link GroupKey} order and keys are unique. A snapshot read from a listing
 * that elided rows (mdb_v8 prints a lone {@code ...}) is {@linkplain #isPartial() partial}: a
 * group missing from it is "not shown", never "gone". A snapshot holds no file handle and, by
 * default, no object graph: what the graph told is distilled into each group's
 * {@link GroupFacts}. Thread-safe.
 *
 * <p>Make one with {@link Snapshots#read(java.nio.file.Path)} or, for tools that hold their own
 * data, with {@link #builder(SnapshotSource)}.
 */
public final class Snapshot {

    private final SnapshotSource source;
    private final Grouping grouping;
    private final ImmutableList<ObjectGroup> groups;
    private final Map<GroupKey, ObjectGroup> byKey;
    private final boolean partial;
    private final boolean identities;
    private final GroupStats totals;
    private final Optional<HeapGraph> graph;

    private Snapshot(Builder b) {
        this.source = b.source;
        this.graph = Optional.ofNullable(b.graph);
        this.grouping = b.grouping;
        this.partial = b.partial;
        this.identities = b.identities;
        TreeMap<GroupKey, ObjectGroup> sorted = new TreeMap<>(b.groups);
        this.groups = ImmutableList.copyOf(sorted.values());
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
        GroupStats sum = GroupStats.ZERO;
        for (ObjectGroup g : groups) {
            sum = sum.plus(g.stats());
        }
        this.totals = sum;
    }

    /** Starts building a snapshot from {@code source}. */
    public static Builder builder(SnapshotSource source) {
        return new Builder(source);
    }

    /** Where the snapshot came from. */
    public SnapshotSource source() {
        return source;
    }

    /** How its objects are grouped. */
    public Grouping grouping() {
        return grouping;
    }

    /** The groups, in key order. */
    public List<ObjectGroup> groups() {
        return groups;
    }

    /** The group with {@code key}, if the snapshot has it. */
    public Optional<ObjectGroup> group(GroupKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The sum over all groups: objects and, where every group knows them, shallow bytes. */
    public GroupStats totals() {
        return totals;
    }

    /** Returns true when the source elided some groups, so that a missing group is "not shown" rather than absent. */
    public boolean isPartial() {
        return partial;
    }

    /** Returns true when the groups carry object identities that survive between snapshots of one process. */
    public boolean hasIdentities() {
        return identities;
    }

    /**
     * The object graph, when the snapshot was read with {@code SnapshotLoader.withKeepGraph(true)}
     * from an object-level format; empty by default, since graphs of big dumps are large (see
     * {@link HeapGraph}).
     */
    public Optional<HeapGraph> graph() {
        return graph;
    }

    /**
     * Returns this snapshot regrouped to {@code target}, merging groups that share a coarser key.
     *
     * <p>Counts and shallow bytes add up. Retained bytes and graph facts are kept for a group that
     * absorbs exactly one finer group and dropped otherwise, since retained sizes of distinct groups
     * may overlap. Costs one pass over the groups.
     *
     * @throws IllegalArgumentException if {@code target} is finer than this snapshot's grouping
     */
    public Snapshot regroup(Grouping target) {
        checkArgument(grouping.canCoarsenTo(target),
                "%s is grouped by %s and cannot be regrouped to the finer %s; read it again with withGrouping(%s)",
                source.name(), grouping, target, target);
        if (target == grouping) {
            return this;
        }
        Map<GroupKey, List<ObjectGroup>> merged = new TreeMap<>();
        for (ObjectGroup g : groups) {
            merged.computeIfAbsent(g.key().coarsen(target), k -> new ArrayList<>()).add(g);
        }
        Builder b = builder(source).grouping(target).partial(partial).identities(identities);
        graph.ifPresent(b::graph);
        merged.forEach((key, parts) -> b.add(merge(key, parts)));
        return b.build();
    }

    private static ObjectGroup merge(GroupKey key, List<ObjectGroup> parts) {
        if (parts.size() == 1) {
            return parts.get(0).withKey(key);
        }
        GroupStats stats = GroupStats.ZERO;
        ObjectIds ids = ObjectIds.empty();
        List<Long> exemplars = new ArrayList<>();
        Optional<Origin> origin = parts.get(0).origin();
        boolean knownShallow = true;
        for (ObjectGroup p : parts) {
            stats = stats.plus(p.stats());
            knownShallow &= p.stats().shallowBytes().isPresent();
            ids = ids.union(p.ids());
            for (Long e : p.exemplars()) {
                if (exemplars.size() < MAX_EXEMPLARS) {
                    exemplars.add(e);
                }
            }
            if (!p.origin().equals(origin)) {
                origin = Optional.empty();
            }
        }
        if (!knownShallow) {
            stats = new GroupStats(stats.count(), OptionalLong.empty(), OptionalLong.empty());
        }
        return new ObjectGroup(key, stats, exemplars, origin, Optional.empty(), ids);
    }

    /** How many exemplar ids a merged group keeps. */
    static final int MAX_EXEMPLARS = 5;

    /**
     * Diffs this snapshot against later snapshots of the same program, in time order.
     *
     * <p>{@code before.diff(after)} is the two-snapshot case; {@code s1.diff(s2, s3)} follows
     * each group over three snapshots.
     *
     * @throws IllegalArgumentException if no later snapshot is given, or capture times run backwards
     */
    public HeapDiff diff(Snapshot... later) {
        checkArgument(later.length > 0, "diff needs at least one later snapshot: before.diff(after)");
        List<Snapshot> all = new ArrayList<>(later.length + 1);
        all.add(this);
        for (Snapshot s : later) {
            all.add(Objects.requireNonNull(s, "snapshot"));
        }
        return HeapDiff.of(all);
    }

    @Override
    public String toString() {
        return "Snapshot[" + source.name() + ", " + source.formatId() + ", " + groups.size() + " groups, "
                + totals.count() + " objects" + (partial ? ", partial" : "") + "]";
    }

    /**
     * Builds a {@link Snapshot}. Adding a key twice adds the stats up. Not thread-safe; the built
     * snapshot is.
     */
    public static final class Builder {
        private SnapshotSource source;
        private Grouping grouping;
        private boolean partial;
        private boolean identities;
        private final Map<GroupKey, ObjectGroup> groups = new LinkedHashMap<>();
        private boolean built;
        private HeapGraph graph;

        private Builder(SnapshotSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Replaces the source (for example to add metadata a reader found late). */
        public Builder source(SnapshotSource newSource) {
            this.source = Objects.requireNonNull(newSource, "source");
            return this;
        }

        /** The source so far. */
        public SnapshotSource source() {
            return source;
        }

        /** Sets the grouping; by default it is {@link Grouping#SHAPE} when any key is shaped, else {@link Grouping#TYPE}. */
        public Builder grouping(Grouping value) {
            this.grouping = Objects.requireNonNull(value, "grouping");
            return this;
        }

        /** Marks the snapshot as partial: its source elided groups. */
        public Builder partial(boolean value) {
            this.partial = value;
            return this;
        }

        /** Declares that groups carry object identities that survive between snapshots of one process. */
        public Builder identities(boolean value) {
            this.identities = value;
            return this;
        }

        /** Keeps {@code value} as the snapshot's object graph. */
        public Builder graph(HeapGraph value) {
            this.graph = Objects.requireNonNull(value, "graph");
            return this;
        }

        /** Adds a group; a group with a key already added is merged into it (counts and bytes add up). */
        public Builder add(ObjectGroup group) {
            checkState(!built, "this builder has already built its snapshot");
            groups.merge(group.key(), group, (a, b) -> merge(a.key(), List.of(a, b)));
            return this;
        }

        /** Adds a group with just a key and stats. */
        public Builder add(GroupKey key, GroupStats stats) {
            return add(ObjectGroup.of(key, stats));
        }

        /** Builds the snapshot. */
        public Snapshot build() {
            checkState(!built, "this builder has already built its snapshot");
            boolean shaped = groups.keySet().stream().anyMatch(GroupKey::isShaped);
            if (grouping == null) {
                grouping = shaped ? Grouping.SHAPE : Grouping.TYPE;
            }
            checkState(grouping == Grouping.SHAPE || !shaped,
                    "a snapshot grouped by TYPE cannot hold shaped keys; regroup them first");
            built = true;
            return new Snapshot(this);
        }
    }
}
