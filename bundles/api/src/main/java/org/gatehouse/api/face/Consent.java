package org.gatehouse.api.face;

import java.time.Instant;

/**
 * A guardian's decision on the face enrollment of a student (the latest one counts).
 *
 * @param studentId  the student
 * @param guardianId the guardian who decided (bound to the student)
 * @param granted    consent given ({@code false}: refused or withdrawn; the student's face data is then deleted)
 * @param time       when it was recorded
 * @param recordedBy the user who recorded it
 */
public record Consent(String studentId, String guardianId, boolean granted, Instant time, String recordedBy) {
}
