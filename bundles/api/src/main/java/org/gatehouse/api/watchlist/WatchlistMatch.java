package org.gatehouse.api.watchlist;

/**
 * A capture's face matched an active entry (score at or above {@code face.threshold.watchlist}); nothing is recorded
 * yet.
 *
 * @param entryId    the entry
 * @param name       its name
 * @param risk       its risk
 * @param templateId the watchlist photo that matched best
 * @param score      cosine similarity
 * @param threshold  the watchlist threshold it was compared with
 */
public record WatchlistMatch(String entryId, String name, String risk, long templateId, float score,
                             float threshold) {
}
