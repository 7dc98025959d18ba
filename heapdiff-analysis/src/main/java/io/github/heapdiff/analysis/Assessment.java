package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;

/**
 * A verdict with its confidence and the score it came from: how the evidence of a finding adds up.
 *
 * <p>The rule ({@link #of(List)}): the score is the sum of the evidence weights. Decisive evidence
 * with a negative weight (a group that filled once and then stayed flat, or went up and down)
 * makes the verdict {@link Verdict#NOT_A_LEAK}. Otherwise a score of at least
 * {@value #LEAK_THRESHOLD} is a {@link Verdict#LIKELY_LEAK}, at most {@value #NOT_A_LEAK_THRESHOLD}
 * is {@link Verdict#NOT_A_LEAK}, and anything between is {@link Verdict#UNKNOWN}. Confidence grows
 * with the distance from the threshold: for a likely leak, {@link Confidence#HIGH} from
 * {@value #HIGH_LEAK}, {@link Confidence#MEDIUM} from {@value #MEDIUM_LEAK}; an unknown verdict is
 * always {@link Confidence#LOW}. Immutable.
 *
 * @param verdict what the evidence concludes
 * @param confidence how sure the verdict is
 * @param score the sum of the evidence weights; positive speaks for a leak
 */
public record Assessment(Verdict verdict, Confidence confidence, double score) {

    /** The score from which growth is a likely leak. */
    public static final double LEAK_THRESHOLD = 3.0;
    /** The score at or below which growth is judged not a leak. */
    public static final double NOT_A_LEAK_THRESHOLD = -2.0;
    /** The score from which a likely leak has medium confidence. */
    public static final double MEDIUM_LEAK = 4.0;
    /** The score from which a likely leak has high confidence. */
    public static final double HIGH_LEAK = 5.5;

    /** Validates. */
    public Assessment {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(confidence, "confidence");
        checkArgument(Double.isFinite(score), "score must be finite: %s", score);
    }

    /** Adds up {@code evidence} by the rule in the class comment. */
    public static Assessment of(List<Evidence> evidence) {
        double score = 0;
        double veto = 0;
        for (Evidence e : evidence) {
            score += e.weight();
            if (e.stance() == Evidence.Stance.NOT_A_LEAK) {
                veto = Math.min(veto, e.weight());
            }
        }
        score = Math.round(score * 100) / 100.0;
        if (veto < 0) {
            Confidence c = veto <= -4 ? Confidence.HIGH : veto <= -3 ? Confidence.MEDIUM : Confidence.LOW;
            return new Assessment(Verdict.NOT_A_LEAK, c, score);
        }
        if (score >= LEAK_THRESHOLD) {
            Confidence c = score >= HIGH_LEAK ? Confidence.HIGH : score >= MEDIUM_LEAK ? Confidence.MEDIUM : Confidence.LOW;
            return new Assessment(Verdict.LIKELY_LEAK, c, score);
        }
        if (score <= NOT_A_LEAK_THRESHOLD) {
            return new Assessment(Verdict.NOT_A_LEAK, score <= NOT_A_LEAK_THRESHOLD - 1.5 ? Confidence.MEDIUM
                    : Confidence.LOW, score);
        }
        return new Assessment(Verdict.UNKNOWN, Confidence.LOW, score);
    }
}
