package org.gatehouse.api.access;

/**
 * What the platform decided about one face at one gate.
 *
 * @param open     whether the gate opens (for a terminal that decided by itself: whether it let the person through)
 * @param reason   one of the {@code REASON_*} codes
 * @param personId the person recognised (null for a stranger)
 * @param passage  the passage recorded for this face; for {@link #REASON_REPEAT} the earlier passage it repeats; null
 *                 only when nothing was recorded
 * @param flags    further findings that did not change {@code open}: {@code fever}, {@code early-leave} (left during
 *                 school hours with an approved pass), {@code commanded} (the open command was sent to the gate's
 *                 controller), {@code command-failed} (the controller refused, failed or did not answer within
 *                 about 2 s); for a terminal's passage also {@code temperature-invalid} and the reasons of rules
 *                 that would have denied it ({@code not-allowed}, {@code expired}, {@code outside-hours},
 *                 {@code no-leave-pass}), see {@link PassageService#record}
 */
public record GateDecision(boolean open, String reason, String personId, Passage passage,
                           java.util.Set<String> flags) {
    /** Enrolled, allowed at this gate now: open. */
    public static final String REASON_ALLOWED = "allowed";
    /** The same person at the same gate within {@code gate.repeat.seconds}: open, counted once, no new passage. */
    public static final String REASON_REPEAT = "repeat";
    /** Nobody in the gallery (or on the terminal) matched: deny. */
    public static final String REASON_STRANGER = "stranger";
    /** Enrolled but not on this gate's roster (role or class not admitted): deny. */
    public static final String REASON_NOT_ALLOWED = "not-allowed";
    /** Outside the gate's {@code hours}: deny. */
    public static final String REASON_OUTSIDE_HOURS = "outside-hours";
    /** The person's access validity has not begun or has ended: deny. */
    public static final String REASON_EXPIRED = "expired";
    /** A student going out during school hours without an approved early-leave pass: deny. */
    public static final String REASON_NO_LEAVE_PASS = "no-leave-pass";
    /** A temperature at or above {@code gate.fever.celsius} when {@code gate.fever.deny=true}: deny. */
    public static final String REASON_FEVER = "fever";
    /**
     * The face matched an active watchlist entry ({@code face.threshold.watchlist}): deny, whoever the gallery says
     * it is; a CRITICAL {@code watchlist.hit} alarm is raised.
     *
     * @since 1.4
     */
    public static final String REASON_WATCHLIST = "watchlist";
    /** A terminal that decides by itself refused the person (its own reason in the passage event). */
    public static final String REASON_TERMINAL_DENIED = "terminal-denied";

    public GateDecision {
        flags = flags == null ? java.util.Set.of() : java.util.Set.copyOf(flags);
    }
}
