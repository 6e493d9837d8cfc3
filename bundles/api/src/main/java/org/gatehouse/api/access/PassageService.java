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
 * with attributes {@code personId}, {@code passageId}, {@code direction}, {@code score}, {@code temperature}. A
 * temperature above {@code gate.fever.celsius} makes the event severity WARNING.
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
     * Identifies and records one capture of a face gate.
     *
     * @param temperature body temperature in Celsius, or null
     * @param at          capture time, null for now
     */
    Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at);

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
