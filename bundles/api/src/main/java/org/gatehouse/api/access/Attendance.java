package org.gatehouse.api.access;

import java.time.Instant;

/**
 * The attendance of one student on one day, derived from the passages.
 *
 * @param personId the student
 * @param name     display name
 * @param group    class
 * @param firstIn  first passage in that day, null if none
 * @param lastOut  last passage out that day, null if none
 */
public record Attendance(String personId, String name, String group, Instant firstIn, Instant lastOut) {
    /** @return true if the student passed no gate that day */
    public boolean absent() {
        return firstIn == null && lastOut == null;
    }
}
