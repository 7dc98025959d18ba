package io.github.heapdiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A chain of references from a GC root to an object, each step naming the reference taken.
 *
 * <p>The first step is the root (its {@linkplain Step#edge() edge} names the root kind, such as
 * {@code (GC roots)} or {@code static field}); each later step is the object reached by
 * following the named edge from the step before. Paths skip weak references. Immutable.
 *
 * @param steps the steps, root first, never empty
 */
public record RetainerPath(List<Step> steps) {

    /**
     * One object on a retainer path.
     *
     * @param edge how this object was reached from the previous step: a property or field name,
     *     {@code [3]} for an element, or for the first step the root kind
     * @param type the type name of the object reached (never a string's contents)
     * @param objectId the object's id in its snapshot
     */
    public record Step(String edge, String type, long objectId) {
        /** Validates the step. */
        public Step {
            Objects.requireNonNull(edge, "edge");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Validates and copies the steps. */
    public RetainerPath {
        steps = List.copyOf(steps);
        checkArgument(!steps.isEmpty(), "a retainer path has at least its root");
    }

    /** Renders the path on one line: {@code (GC roots) -> Map --table--> Transaction --trace--> TraceSegment}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i == 0) {
                sb.append('[').append(s.edge()).append("] ").append(s.type());
            } else {
                sb.append(" --").append(s.edge()).append("--> ").append(s.type());
            }
        }
        return sb.toString();
    }

    /** Renders the path one step a line, as a retainers view shows it, indented by {@code indent}. */
    public String renderLines(String indent) {
        return steps.stream()
                .map(s -> indent + s.edge() + " -> " + s.type() + " @" + s.objectId())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return render();
    }
}
