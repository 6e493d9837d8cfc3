package org.gatehouse.core.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/V<n>__<name>.sql} resources applied in order, each in its own transaction,
 * recorded in {@code SCHEMA_VERSION}. A store at an older version is upgraded at start.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, in order. Add new files at the end; never edit a released one. */
    public static final List<String> ALL = List.of("V1__init.sql", "V2__outbox.sql", "V3__outbox_policy.sql",
            "V4__persons.sql", "V5__notices.sql", "V6__faces.sql", "V7__passages.sql", "V8__account_links.sql",
            "V9__notice_recipient_person.sql", "V10__access_roster.sql", "V11__attendance_calendar.sql",
            "V12__leave_passes.sql", "V13__visitors.sql", "V14__watchlist.sql", "V15__stranger.sql",
            "V16__perimeter.sql", "V17__danger_zones.sql");

    private Migrations() {
    }

    /** Applies migrations up to {@code target}; returns the schema version afterwards. */
    public static int migrate(Db db, int target) {
        int current = db.tx(c -> {
            ensureVersionTable(c);
            return version(c);
        });
        for (int v = current + 1; v <= target; v++) {
            String file = ALL.get(v - 1);
            int version = v;
            db.tx(c -> {
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(read(file))) {
                        st.execute(sql);
                    }
                }
                Db.update(c, "INSERT INTO SCHEMA_VERSION (VERSION, NAME, APPLIED_MS) VALUES (?, ?, ?)", version,
                        file, System.currentTimeMillis());
                return null;
            });
            LOG.info("Store schema upgraded to version {} ({})", v, file);
        }
        return Math.max(current, target);
    }

    /** Applies every known migration. */
    public static int migrate(Db db) {
        return migrate(db, ALL.size());
    }

    static int version(Connection c) throws SQLException {
        return (int) Db.count(c, "SELECT COALESCE(MAX(VERSION), 0) FROM SCHEMA_VERSION");
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "SCHEMA_VERSION", null)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE SCHEMA_VERSION (VERSION INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(200) NOT NULL,"
                    + " APPLIED_MS BIGINT NOT NULL)");
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("db/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }

    /** Splits a script into statements: drops comment lines, splits on ';' at line ends. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
