package org.gatehouse.core.internal.access;

import java.time.Instant;

import org.gatehouse.core.internal.store.Db;

/**
 * The identified passages of a period as other domains read them in bulk (attendance judges a range of days for the
 * whole school from one read): person, direction and time, in time order.
 */
@FunctionalInterface
public interface PassageTimes {
    /** Receives one passage. */
    @FunctionalInterface
    interface Visitor {
        void passage(String personId, String direction, long timeMs);
    }

    /** Visits the passages of identified persons in {@code [from, to)}, in any order, in one query. */
    void scan(Instant from, Instant to, Visitor visitor);

    /** @return the reader of table PASSAGES of this store */
    static PassageTimes of(Db db) {
        return (from, to, visitor) -> db.tx(c -> Db.list(c, "SELECT PERSON_ID, DIRECTION, TIME_MS FROM PASSAGES"
                + " WHERE TIME_MS >= ? AND TIME_MS < ? AND PERSON_ID IS NOT NULL", rs -> {
                    visitor.passage(rs.getString(1), rs.getString(2), rs.getLong(3));
                    return null;
                }, from.toEpochMilli(), to.toEpochMilli()));
    }
}
