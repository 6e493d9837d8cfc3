package org.gatehouse.api;

import java.time.Instant;

/**
 * One line of the audit trail: who did what to which thing.
 *
 * @param id          increasing id
 * @param time        when
 * @param actor       user name, or {@code system}
 * @param action      what, lower-kebab case ({@code alarm-acknowledge}, {@code device-add})
 * @param subjectType kind of thing ({@code alarm}, {@code device}, {@code site})
 * @param subjectId   its id
 * @param detail      free text (a note, the changed fields)
 */
public record AuditEntry(long id, Instant time, String actor, String action, String subjectType, String subjectId,
                         String detail) {
}
