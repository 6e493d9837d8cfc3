package org.gatehouse.api.access;

import java.time.Instant;

/**
 * The sync state of one person on one terminal.
 *
 * @param deviceId the terminal
 * @param personId the person
 * @param state    the last outcome
 * @param faceHash the face photo hash the outcome was for
 * @param error    the terminal's reason when FAILED (e.g. {@code faceQualityTooLow}), null otherwise
 * @param updated  when it was reported
 */
public record SyncStatus(String deviceId, String personId, SyncState state, String faceHash, String error,
                         Instant updated) {
}
