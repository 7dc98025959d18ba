package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import java.util.List;

/**
 * One way of explaining growth: a small, pluggable judge that returns {@link Evidence}.
 *
 * <p>A heuristic may answer three questions, each optional:
 * <ol>
 *   <li>{@link #explains}: which other candidates' growth does this candidate's growth explain?
 *       Each answer is evidence of kind {@link Evidence#KIND_COMPANION} naming the explained group
 *       in {@link Evidence#groups()}; the attribution folds those groups into the candidate's
 *       finding as companions.</li>
 *   <li>{@link #examine}: what speaks for or against the suspect (with its companions) leaking?</li>
 *   <li>{@link #examineDiff}: what does the diff as a whole say, such as controls and warnings?</li>
 * </ol>
 *
 * <p>The built-ins are in {@link Heuristics}; each can be used alone, for example
 * {@code Heuristics.growth().examine(Suspect.of(delta), AnalysisContext.of(ranked))}.
 * Heuristics must never key on application names (except through a documented table used as
 * supporting evidence), must be deterministic, immutable and thread-safe.
 */
public interface LeakHeuristic {

    /** A short stable name, such as {@code growth}, shown with every piece of evidence it returns. */
    String name();

    /** The companions {@code candidate} explains: evidence of kind {@link Evidence#KIND_COMPANION}, one per group. */
    default List<Evidence> explains(GroupDelta candidate, AnalysisContext context) {
        return List.of();
    }

    /** Evidence for or against {@code suspect} (with its companions) being a leak. */
    default List<Evidence> examine(Suspect suspect, AnalysisContext context) {
        return List.of();
    }

    /** Evidence about the diff as a whole: controls ({@link Evidence#KIND_CONTROL}) and warnings ({@link Evidence#KIND_WARNING}). */
    default List<Evidence> examineDiff(AnalysisContext context) {
        return List.of();
    }
}
