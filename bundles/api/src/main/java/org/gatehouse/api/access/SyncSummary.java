package org.gatehouse.api.access;

import java.time.Instant;

/**
 * Progress of the roster sync of one terminal.
 *
 * @param deviceId  the terminal
 * @param desired   persons that belong on it now
 * @param synced    of those, how many it holds with the current photo
 * @param failed    of those, how many it refused (see {@link RosterService#status})
 * @param pending   of those, how many are still to be pushed; plus removals still to be done
 * @param lastRun   when the driver last finished a sync pass, null if never
 * @param lastError the last error of the terminal as a whole (unreachable, authentication), null if the last pass
 *                  reached it
 */
public record SyncSummary(String deviceId, int desired, int synced, int failed, int pending, Instant lastRun,
                          String lastError) {
}
