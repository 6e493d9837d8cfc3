package org.gatehouse.core.internal.outbox;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Delivery policy of the outbox: when to fall back, how many messages one recipient may get per hour, and the quiet
 * hours during which messages below CRITICAL wait.
 *
 * @param fallbackAfterAttempts failed attempts on the first channel before the fallback channel is used (>= 1)
 * @param perRecipientPerHour   messages below CRITICAL to one recipient per rolling hour; 0 = no limit
 * @param quietStart            start of the quiet hours, null for none
 * @param quietEnd              end of the quiet hours
 * @param zone                  time zone of the quiet hours
 */
public record OutboxPolicy(int fallbackAfterAttempts, int perRecipientPerHour, LocalTime quietStart,
                           LocalTime quietEnd, ZoneId zone) {

    public static OutboxPolicy defaults() {
        return new OutboxPolicy(2, 0, null, null, ZoneId.of("Asia/Shanghai"));
    }

    /**
     * Parses {@code HH:MM-HH:MM} quiet hours (may cross midnight); blank means none.
     *
     * @throws IllegalArgumentException with a message naming the value
     */
    public static OutboxPolicy of(int fallbackAfterAttempts, int perRecipientPerHour, String quietHours, String zone) {
        ZoneId z;
        try {
            z = ZoneId.of(zone == null || zone.isBlank() ? "Asia/Shanghai" : zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("outbox.quiet.timezone '" + zone + "' is not a time zone");
        }
        if (quietHours == null || quietHours.isBlank()) {
            return new OutboxPolicy(Math.max(1, fallbackAfterAttempts), Math.max(0, perRecipientPerHour), null, null, z);
        }
        String[] parts = quietHours.trim().split("\\s*-\\s*");
        try {
            if (parts.length != 2) {
                throw new DateTimeParseException("two times expected", quietHours, 0);
            }
            LocalTime start = LocalTime.parse(parts[0]);
            LocalTime end = LocalTime.parse(parts[1]);
            if (start.equals(end)) {
                throw new DateTimeParseException("empty range", quietHours, 0);
            }
            return new OutboxPolicy(Math.max(1, fallbackAfterAttempts), Math.max(0, perRecipientPerHour), start, end, z);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("outbox.quiet.hours '" + quietHours + "' is not HH:MM-HH:MM");
        }
    }

    /** @return the end of the quiet hours if {@code now} falls in them, else null */
    public Instant quietUntil(Instant now) {
        if (quietStart == null) {
            return null;
        }
        ZonedDateTime t = now.atZone(zone);
        LocalTime time = t.toLocalTime();
        boolean crossesMidnight = quietStart.isAfter(quietEnd);
        boolean quiet = crossesMidnight ? !time.isBefore(quietStart) || time.isBefore(quietEnd)
                : !time.isBefore(quietStart) && time.isBefore(quietEnd);
        if (!quiet) {
            return null;
        }
        ZonedDateTime end = t.with(quietEnd);
        if (!end.isAfter(t)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
