package org.gatehouse.api.access;

import java.time.Instant;

import org.gatehouse.api.PersonRole;

/**
 * One person who belongs on a face terminal's roster.
 *
 * @param personId  the person id, used as the terminal's employee number / PIN
 * @param name      display name
 * @param role      the person's role
 * @param group     class (students) or homeroom class (staff), may be null
 * @param validFrom start of the person's access validity, null for none
 * @param validTo   end of the person's access validity, null for none (terminals get a far end date)
 * @param faceHash  SHA-256 hex of the face photo the terminal should hold ({@link RosterService#facePhoto}); a change
 *                  means the photo must be pushed again
 */
public record RosterEntry(String personId, String name, PersonRole role, String group, Instant validFrom,
                          Instant validTo, String faceHash) {
}
