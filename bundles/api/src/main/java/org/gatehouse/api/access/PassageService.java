package org.gatehouse.api.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.gatehouse.api.recognition.Frame;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Face gate passages. A capture is identified through the face gallery (use {@code gate}), recorded with its snapshot
 * on disk, and published on the event spine as {@link #EVENT_PASSAGE} (a person matched) or {@link #EVENT_STRANGER}
 * with attributes {@code personId}, {@code passageId}, {@code direction}, {@code score}, {@code temperature} (and,
 * for a decided passage, {@code open}, {@code reason}, {@code flags}). A temperature at or above
 * {@code gate.fever.celsius} makes the event severity WARNING (attribute {@code fever=true}).
 *
 * <p>Expected bad input throws {@link org.gatehouse.api.GatehouseException}: NOT_FOUND {@code unknown-device},
 * INVALID {@code not-a-facegate}, {@code no-direction}, {@code bad-temperature}, the
 * {@link org.gatehouse.api.recognition.FaceReasons} codes of the image ({@code no-face}: nothing is recorded),
 * NOT_FOUND {@code unknown-passage} and {@code no-snapshot}.
 */
@ProviderType
public interface PassageService {
    /** Event type of a passage of an identified person. */
    String EVENT_PASSAGE = "gate.passage";
    /** Event type of a passage of a face nobody in the gallery matched. */
    String EVENT_STRANGER = "gate.stranger";
    /**
     * Event type of a known person the gate refused (attributes {@code reason}, {@code open=false}).
     *
     * @since 1.2
     */
    String EVENT_DENIED = "gate.denied";
    /**
     * Event type of a student who went out during school hours with an approved leave pass (person = the student,
     * attributes {@code passageId}, {@code direction}), so the guardians can be told.
     *
     * @since 1.2
     */
    String EVENT_EARLY_LEAVE = "gate.early-leave";

    /**
     * Identifies and records one capture of a face gate.
     *
     * @param temperature body temperature in Celsius, or null
     * @param at          capture time, null for now
     */
    Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at);

    /**
     * Identifies a capture of a gate whose decision the platform makes (a generic gate or a camera), applies the gate
     * rules (roster, validity, hours, repeat window, early leave, fever) and records it: a passage and its event for
     * every decision but {@link GateDecision#REASON_REPEAT}. When the decision is to open and the gate has a
     * controller (the device property {@code controller}: the id of a device whose driver accepts {@code open}, or
     * the gate itself when its own driver accepts it), the {@code open} command is sent and its outcome flagged.
     * Denials publish {@code gate.denied} (attribute {@code reason}); strangers publish {@code gate.stranger}.
     *
     * @throws org.gatehouse.api.GatehouseException as {@link #capture}
     * @since 1.2
     */
    GateDecision decide(String deviceId, Frame snapshot, Float temperature, Instant at);

    /**
     * Records a passage a face terminal decided by itself, durably before returning (a driver answers the terminal
     * only after this returns), idempotent by {@code (deviceId, eventKey)}; applies the same rules as
     * {@link #decide} for what they flag (fever, early leave without a pass, repeat) but cannot undo the terminal's
     * verdict: a passage the terminal let through is recorded open ({@link GateDecision#REASON_ALLOWED} or
     * {@link GateDecision#REASON_REPEAT}) and a rule that would have denied it adds its reason as a flag
     * ({@code not-allowed}, {@code expired}, {@code outside-hours}, {@code no-leave-pass}, {@code fever}). A refusal
     * by the terminal of a known person is {@link GateDecision#REASON_TERMINAL_DENIED} ({@code gate.denied}); a
     * person id the store does not know is recorded as a stranger with the event attribute {@code terminalPerson}.
     * A picture that is not an image (JPEG/PNG by its magic bytes) is dropped with a warning and the passage kept
     * without snapshot. A temperature outside 30..45 Celsius is not refused (the terminal's event is real): the
     * passage is recorded without temperature, flagged {@code temperature-invalid} (event attribute
     * {@code temperature-invalid=true}, severity WARNING).
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-device}, INVALID {@code not-a-facegate},
     *                                              {@code no-direction}, {@code missing-event},
     *                                              {@code missing-event-key}, {@code bad-event-key} (over 200
     *                                              characters)
     * @since 1.2
     */
    GateDecision record(TerminalEvent event);

    Page<Passage> passages(PassageQuery query);

    Optional<Passage> passage(long id);

    /**
     * The snapshot image of a passage; the read is audited as a personal-data read by {@code reader}.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-passage} or {@code no-snapshot} (purged)
     */
    byte[] snapshot(long passageId, String reader);

    /**
     * First in and last out per student of a group (all students if group is null) on a day in the gate time zone (null: today).
     */
    List<Attendance> attendance(LocalDate date, String group);
}
