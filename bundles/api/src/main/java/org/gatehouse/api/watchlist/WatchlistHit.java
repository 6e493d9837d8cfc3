package org.gatehouse.api.watchlist;

import java.time.Instant;

/**
 * One recorded hit: a capture that matched an entry, with the staff's verdict once given.
 *
 * @param id         hit id
 * @param entryId    the entry
 * @param name       the entry's name
 * @param templateId the watchlist photo that matched
 * @param score      cosine similarity
 * @param deviceId   the gate or camera
 * @param zoneId     its zone, may be null
 * @param passageId  the passage with the live snapshot, may be null
 * @param at         when
 * @param alarmId    the alarm raised for it, once known, else null
 * @param verdict    {@code confirmed}, {@code false}, or null while nobody gave one
 * @param note       the note given with the verdict, may be null
 * @param verdictBy  who gave it
 * @param verdictAt  when
 */
public record WatchlistHit(long id, String entryId, String name, long templateId, float score, String deviceId,
                           String zoneId, Long passageId, Instant at, Long alarmId, String verdict, String note,
                           String verdictBy, Instant verdictAt) {
    public static final String CONFIRMED = "confirmed";
    public static final String FALSE = "false";
}
