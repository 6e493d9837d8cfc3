package org.gatehouse.api.watchlist;

import java.util.List;

/**
 * The figures to tune {@code face.threshold.watchlist} from the site's own data.
 *
 * @param threshold   the threshold now
 * @param hits        hits in the period
 * @param confirmed   hits marked confirmed
 * @param falseHits   hits marked false
 * @param unreviewed  hits without a verdict
 * @param bins        score histogram of the hits, 0.02 wide, from the lowest bin with a hit to 1.0
 * @param perEntry    per entry: hits, false hits, false-hit rate
 */
public record WatchlistStats(float threshold, int hits, int confirmed, int falseHits, int unreviewed,
                             List<Bin> bins, List<EntryRate> perEntry) {
    /** Hits with a score in {@code [from, from + 0.02)} by verdict. */
    public record Bin(float from, int confirmed, int falseHits, int unreviewed) {
    }

    /** One entry's hits and false-hit rate ({@code falseHits / (confirmed + falseHits)}, null without verdicts). */
    public record EntryRate(String entryId, String name, int hits, int falseHits, Double falseHitRate) {
    }
}
