package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.GroupDelta;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A suspect group, the companions whose growth it explains, the evidence about it, and the
 * verdict that evidence adds up to.
 *
 * <p>Example: "TraceSegment +189,979 (x10.54), explains Timer and Object: nr_exclusive_duration_millis;
 * likely leak (medium confidence)". Every piece of evidence is kept, with the heuristic that
 * found it, so tools can filter and people can check. Immutable and thread-safe.
 *
 * @param rank the finding's position in its report, from 1: findings are ordered by the ranking
 *     score of their best-ranked member
 * @param suspect the suspect group and its companions
 * @param evidence what the heuristics found about the suspect, in heuristic order
 * @param assessment the verdict, confidence and score the evidence adds up to
 * @param rankScore the ranking's score of the finding's best-ranked member, when the ranking
 *     scored any of them
 */
public record Finding(int rank, Suspect suspect, List<Evidence> evidence, Assessment assessment,
        OptionalDouble rankScore) {

    /** Validates and copies. */
    public Finding {
        checkArgument(rank >= 1, "rank counts from 1: %s", rank);
        Objects.requireNonNull(suspect, "suspect");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(rankScore, "rankScore");
    }

    /** The suspect group; shorthand for {@code suspect().group()}. */
    public GroupDelta group() {
        return suspect.group();
    }

    /** The companions folded into this finding. */
    public List<Companion> companions() {
        return suspect.companions();
    }

    /** The verdict; shorthand for {@code assessment().verdict()}. */
    public Verdict verdict() {
        return assessment.verdict();
    }

    /** The confidence; shorthand for {@code assessment().confidence()}. */
    public Confidence confidence() {
        return assessment.confidence();
    }

    /** The first evidence of {@code kind}, if any. */
    public Optional<Evidence> evidence(String kind) {
        return evidence.stream().filter(e -> e.kind().equals(kind)).findFirst();
    }

    /** The holder: the accumulation point and its retainer path, where the object graph told. */
    public Optional<Evidence> holder() {
        return evidence(Evidence.KIND_HOLDER);
    }

    /** One line: group, growth, companions, verdict. */
    public String summary() {
        StringBuilder sb = new StringBuilder(group().key().render()).append(' ')
                .append(Numbers.signed(group().countDelta()));
        if (group().isNew()) {
            sb.append(" (new)");
        } else if (group().countRatio().isPresent()) {
            sb.append(" (").append(Numbers.ratio(group().countRatio())).append(')');
        }
        if (!companions().isEmpty()) {
            sb.append(", explains ");
            int shown = Math.min(3, companions().size());
            for (int i = 0; i < shown; i++) {
                sb.append(i == 0 ? "" : ", ").append(companions().get(i).key().render());
            }
            if (companions().size() > shown) {
                sb.append(" and ").append(companions().size() - shown).append(" more");
            }
        }
        sb.append("; ").append(verdict().label()).append(" (").append(confidence().id()).append(" confidence)");
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Finding " + rank + ": " + summary();
    }
}
