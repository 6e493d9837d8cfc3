package org.gatehouse.api.watchlist;

import java.time.Instant;

/**
 * One person on the watchlist. The entry is a person of role WATCHLIST (same id) whose photos live in the face
 * gallery's watchlist index.
 *
 * @param id        entry id ({@code wl-...}, also the WATCHLIST person's id)
 * @param name      the name on the notice
 * @param reason    why, up to 500 characters
 * @param risk      {@code low}, {@code medium} or {@code high}
 * @param source    where it comes from (e.g. the police notice's number), may be null
 * @param expires   when the entry stops matching, null for never
 * @param faces     how many photos are enrolled
 * @param createdBy who added it
 * @param createdAt when
 * @param hits      hits so far
 * @param falseHits hits the staff marked false
 */
public record WatchlistEntry(String id, String name, String reason, String risk, String source, Instant expires,
                             int faces, String createdBy, Instant createdAt, int hits, int falseHits) {
    public static final String RISK_LOW = "low";
    public static final String RISK_MEDIUM = "medium";
    public static final String RISK_HIGH = "high";

    /** @return whether the entry matches at that time */
    public boolean activeAt(Instant at) {
        return expires == null || at.isBefore(expires);
    }
}
