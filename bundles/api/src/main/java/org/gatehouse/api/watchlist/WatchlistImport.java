package org.gatehouse.api.watchlist;

import java.time.Instant;
import java.util.List;

/**
 * A bulk import (a CSV {@code name,reason,risk,source,expires,photo} with the photos it names, from a folder or a
 * zip), run in the background.
 *
 * @param id       job id
 * @param state    {@code running}, {@code done} or {@code failed}
 * @param total    rows to import
 * @param done     rows handled so far
 * @param created  entries created
 * @param errors   one line per refused row: {@code <row>: <code> <message>}
 * @param started  when
 * @param finished when, null while running
 */
public record WatchlistImport(String id, String state, int total, int done, int created, List<String> errors,
                              Instant started, Instant finished) {
}
