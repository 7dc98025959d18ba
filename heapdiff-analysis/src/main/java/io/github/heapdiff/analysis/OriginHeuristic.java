package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells where a suspect's type comes from: the origin the dump records (npm package or script for
 * V8, package and class loader for the JVM), else the Java package of its class name; and, as
 * supporting evidence only, which well-known agent or framework its type and property names
 * resemble, from a {@link WellKnownTypes} table.
 *
 * <p>All its evidence has weight zero: where a type comes from tells who to ask, not whether it leaks.
 */
final class OriginHeuristic implements LeakHeuristic {

    static final String NAME = "origin";

    private final WellKnownTypes wellKnown;

    OriginHeuristic(WellKnownTypes wellKnown) {
        this.wellKnown = Objects.requireNonNull(wellKnown, "wellKnown");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Evidence> examine(Suspect suspect, AnalysisContext context) {
        List<Evidence> out = new ArrayList<>();
        origin(suspect.group(), context).ifPresent(o -> out.add(Evidence.of(NAME, Evidence.KIND_ORIGIN, 0,
                "comes from " + o.render())));
        Map<String, Set<String>> matched = new LinkedHashMap<>();
        for (GroupDelta member : suspect.members()) {
            for (WellKnownTypes.Entry e : wellKnown.matches(member.key())) {
                matched.computeIfAbsent(e.library(), k -> new LinkedHashSet<>()).add(e.describeMatch());
            }
        }
        matched.forEach((library, what) -> out.add(Evidence.of(NAME, Evidence.KIND_WELL_KNOWN, 0,
                String.join(", ", what) + (what.size() == 1 && !what.iterator().next().contains(" ") ? " resembles " : " resemble ")
                        + library
                        + " (a table of well-known names: supporting evidence, not proof)")));
        return out;
    }

    /** The recorded origin of {@code d}'s type in the latest snapshot that has one, else its Java package. */
    static Optional<Origin> origin(GroupDelta d, AnalysisContext context) {
        for (int i = context.snapshotCount() - 1; i >= 0; i--) {
            Optional<Origin> o = context.group(d.key(), i).flatMap(ObjectGroup::origin);
            if (o.isPresent()) {
                return o;
            }
        }
        GroupKey key = d.key();
        if (TypeNames.isGeneric(key.type()) || TypeNames.isJavaArray(TypeNames.plain(key.type()))) {
            return Optional.empty();
        }
        return TypeNames.javaPackage(key.type()).map(p -> new Origin(p, Optional.empty(), "Java package"));
    }
}
