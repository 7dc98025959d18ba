package io.github.heapdiff;

import java.util.Objects;

/**
 * Whether a {@link HeapDiff} could follow individual objects across its snapshots, and why not.
 *
 * <p>Object identities (V8 node ids) only mean the same object within one process. A diff
 * therefore tracks identities only when every snapshot carries them and each later snapshot
 * looks like the same process as the one before it:
 * <ul>
 *   <li>both declare the same identity scheme ({@value #SCHEME_KEY} in the source metadata), when
 *       they declare one;</li>
 *   <li>the identity high-water mark does not go down ({@value #HIGH_WATER_KEY}: the highest
 *       identity the runtime had handed out when the snapshot was taken; without it, the highest
 *       identity in the snapshot);</li>
 *   <li>of the later snapshot's objects whose identities are not above the earlier snapshot's
 *       high-water mark (so that the earlier process had already handed them out), at least
 *       {@value #SAME_PROCESS_SHARE} (as a fraction) are in the earlier snapshot with the same
 *       type. V8 hands out identities in increasing order and keeps an object's identity for its
 *       life, so in one process this share is 1 (measured: 1.0000 on every pair of the corpus);
 *       between two processes identities collide by chance (measured: 0.20 to 0.27).</li>
 * </ul>
 * Limits: the test is statistical. Two processes of one deterministic program that both take
 * their first snapshot at the same point of start-up can hand out the same identities to
 * equivalent objects and pass it; a process whose earlier objects all died leaves nothing to
 * compare and fails it.
 *
 * @param status whether identities are tracked
 * @param reason a one-line explanation, naming the snapshots and figures when identities are not tracked
 */
public record IdentityCheck(Status status, String reason) {

    /** Metadata key of the identity high-water mark recorded by readers (a decimal number). */
    public static final String HIGH_WATER_KEY = "identity.high-water";

    /** Metadata key of the identity scheme recorded by readers, such as {@code v8-heap-object-id}. */
    public static final String SCHEME_KEY = "identity.scheme";

    /** The least share of already-handed-out identities found again for two snapshots to count as one process. */
    public static final double SAME_PROCESS_SHARE = 0.9;

    /** Whether a diff follows individual objects. */
    public enum Status {
        /** Every snapshot carries identities and consecutive snapshots look like one process. */
        TRACKED,
        /** Some snapshot carries no identities (a listing, a histogram, an HPROF dump). */
        NOT_AVAILABLE,
        /** The snapshots carry identities, but some consecutive pair looks like two processes: counts only. */
        DIFFERENT_PROCESSES
    }

    /** Validates. */
    public IdentityCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** Returns true when the diff follows individual objects. */
    public boolean isTracked() {
        return status == Status.TRACKED;
    }
}
