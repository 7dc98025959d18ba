package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A group suspected of leaking and the companions folded into it: what a {@link LeakHeuristic}
 * examines to produce evidence.
 *
 * @param group the suspect group followed across the snapshots
 * @param companions the groups whose growth it explains, in rank order
 */
public record Suspect(GroupDelta group, List<Companion> companions) {

    /** Validates and copies. */
    public Suspect {
        Objects.requireNonNull(group, "group");
        companions = List.copyOf(companions);
    }

    /** A suspect without companions. */
    public static Suspect of(GroupDelta group) {
        return new Suspect(group, List.of());
    }

    /** The suspect's delta followed by its companions'. */
    public List<GroupDelta> members() {
        List<GroupDelta> out = new ArrayList<>(companions.size() + 1);
        out.add(group);
        companions.forEach(c -> out.add(c.delta()));
        return out;
    }

    /** Objects added by the suspect and its companions together, last snapshot minus first, counting only known growth. */
    public OptionalLong clusterCountDelta() {
        OptionalLong own = group.countDelta();
        if (own.isEmpty()) {
            return own;
        }
        long sum = own.getAsLong();
        for (Companion c : companions) {
            sum += Math.max(0, c.delta().countDelta().orElse(0));
        }
        return OptionalLong.of(sum);
    }
}
