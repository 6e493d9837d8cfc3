package org.gatehouse.core.internal.store;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void freshStoreGetsEveryMigration() {
        Db db = new Db(TestDb.newDataSource());
        assertEquals(Migrations.ALL.size(), Migrations.migrate(db));
        assertEquals(Migrations.ALL.size(), Migrations.migrate(db), "a second run changes nothing");
        long n = db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM OUTBOX"));
        assertEquals(0L, n);
    }

    @Test
    void olderSchemaIsUpgradedAndKeepsItsData() {
        DataSource ds = TestDb.newDataSource();
        Db db = new Db(ds);
        assertEquals(1, Migrations.migrate(db, 1));
        db.tx(c -> Db.update(c, "INSERT INTO SITES (ID, NAME, TIMEZONE) VALUES ('old', 'Old school', 'UTC')"));
        long outboxTables = db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME = 'OUTBOX'"));
        assertEquals(0L, outboxTables, "V1 has no outbox yet");

        Platform p = TestDb.platform(ds, new TestDb.Channels());
        assertEquals(Migrations.ALL.size(), p.schemaVersion);
        assertEquals("Old school", p.sites.site("old").orElseThrow().name());
        assertEquals(0, p.outbox.queued());
    }

    @Test
    void splitsStatementsAndDropsComments() {
        List<String> s = Migrations.statements("-- c\nCREATE TABLE A (X INT);\n\nINSERT INTO A VALUES (1);\n");
        assertEquals(List.of("CREATE TABLE A (X INT)", "INSERT INTO A VALUES (1)"), s);
        assertTrue(Migrations.statements("  \n-- only a comment\n").isEmpty());
    }
}
