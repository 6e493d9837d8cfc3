package org.gatehouse.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.Test;

/** Derby's transient rollbacks (lock timeout, contended identity range, deadlock) are run again; others are not. */
class DbRetryTest {
    private final Db db = new Db(TestDb.newDataSource());

    @Test
    void aContendedIdentityRangeIsRunAgain() throws SQLException {
        AtomicInteger runs = new AtomicInteger();
        String result = db.txRetrying(c -> {
            if (runs.incrementAndGet() == 1) {
                throw new SQLException("A lock could not be obtained within the time requested", "40XL1");
            }
            return "stored";
        });
        assertEquals("stored", result);
        assertEquals(2, runs.get());
    }

    @Test
    void anotherErrorIsNotRunAgainAndATransientOneGivesUpAfterThreeRuns() {
        AtomicInteger runs = new AtomicInteger();
        SQLException e = assertThrows(SQLException.class, () -> db.txRetrying(c -> {
            runs.incrementAndGet();
            throw new SQLException("duplicate", Db.DUPLICATE_KEY);
        }));
        assertEquals(Db.DUPLICATE_KEY, e.getSQLState());
        assertEquals(1, runs.get());

        AtomicInteger deadlocks = new AtomicInteger();
        assertThrows(SQLException.class, () -> db.txRetrying(c -> {
            deadlocks.incrementAndGet();
            throw new SQLException("deadlock", "40001");
        }));
        assertEquals(3, deadlocks.get());
    }
}
