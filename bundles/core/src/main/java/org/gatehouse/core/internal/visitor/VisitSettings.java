package org.gatehouse.core.internal.visitor;

/**
 * Settings of the visitors (PID org.gatehouse.core).
 *
 * @param retentionDays   faces and ID numbers are deleted this many days after a visit's window ended
 *                        ({@code visitor.retention.days})
 * @param maxWindowHours  the longest window of a visit ({@code visitor.max.window.hours})
 * @param invitationHours an invitation link works at most this many hours ({@code visitor.invitation.hours})
 */
public record VisitSettings(int retentionDays, int maxWindowHours, int invitationHours) {
    public VisitSettings {
        if (retentionDays < 1 || maxWindowHours < 1 || invitationHours < 1) {
            throw new IllegalArgumentException("visitor.retention.days, visitor.max.window.hours and"
                    + " visitor.invitation.hours must be at least 1");
        }
    }

    public static VisitSettings defaults() {
        return new VisitSettings(30, 24, 72);
    }
}
