package org.gatehouse.api.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who belongs on each face terminal, and how far each terminal's copy has got. Implemented by the core; terminal
 * drivers read {@link #roster} and {@link #facePhoto}, push the difference to their terminal and {@link #report} each
 * outcome. The roster of a facegate device: every person with an enrolled face photo whose role is in the device
 * property {@code roster.roles} (default {@code student,staff}) and, when the property {@code roster.groups} is set,
 * whose class is in it; students only while their guardian consent is granted; nobody whose access validity has
 * ended or not begun.
 */
@ProviderType
public interface RosterService {
    /** @return the persons that belong on this terminal now, sorted by person id */
    List<RosterEntry> roster(String deviceId);

    /**
     * A number that grows whenever any roster may have changed (a person, face photo, consent, validity or gate
     * property changed, or an operator asked for a retry). Drivers poll it to sync promptly without re-reading the
     * roster in a loop.
     */
    long version();

    /** @return the face photo to push for a person (the newest enrolled photo, JPEG), empty if none */
    Optional<byte[]> facePhoto(String personId);

    /** Records the outcome of pushing (SYNCED, FAILED with the terminal's reason) or removing (REMOVED) one person. */
    void report(String deviceId, String personId, SyncState state, String faceHash, String error);

    /** Records the end of one sync pass of a terminal; {@code error} is null when the pass reached the terminal. */
    void reportRun(String deviceId, String error);

    /** @return the last outcome per person on this terminal (REMOVED ones included) */
    List<SyncStatus> status(String deviceId);

    /** @return the progress of this terminal's sync */
    SyncSummary summary(String deviceId);

    /** Makes the FAILED persons of a terminal (all terminals when null) due again; bumps {@link #version}. Audited. */
    void retry(String deviceId, String actor);

    /**
     * Sets a person's access validity (either end null for open); outside it the person is removed from every
     * terminal and denied at every gate. Audited.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-person}, INVALID {@code bad-validity}
     *                                              when from is not before to
     */
    void setValidity(String personId, Instant from, Instant to, String actor);

    /** @return a person's validity as {@code [from, to]} (either may be null), empty when none was set */
    Optional<Instant[]> validity(String personId);
}
