package org.gatehouse.api.watchlist;

import java.time.Instant;

/**
 * What a new or changed entry says ({@code POST /watchlist {"name","reason","risk","source","expires"}}).
 *
 * @param name    1..100 characters
 * @param reason  1..500 characters
 * @param risk    {@code low}, {@code medium} or {@code high} (null: {@code high})
 * @param source  up to 100 characters, may be null
 * @param expires null for never; not in the past
 */
public record WatchlistRequest(String name, String reason, String risk, String source, Instant expires) {
}
