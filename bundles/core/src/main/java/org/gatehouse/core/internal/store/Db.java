package org.gatehouse.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.gatehouse.api.GatehouseException;

/** Thin JDBC helper: one connection per unit of work, auto-commit off, commit on success. */
public final class Db {
    /** SQLState of a unique-constraint violation in Derby (and the SQL standard). */
    public static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs work in one transaction; SQL errors become UNAVAILABLE exceptions unless the work maps them. */
    public <T> T tx(Work<T> work) {
        try {
            return txChecked(work);
        } catch (SQLException e) {
            throw GatehouseException.unavailable("store-error", "database error: " + e.getMessage(), e);
        }
    }

    /** SQLStates of Derby's transient failures: a lock wait timeout (also a contended identity range) and a deadlock. */
    private static final java.util.Set<String> TRANSIENT = java.util.Set.of("40XL1", "40001");

    /**
     * As {@link #txChecked}, but runs the work again (up to 3 attempts, 5-20 ms apart) when Derby rolled it back for a
     * transient reason: a lock timeout, a deadlock, or too much contention on an identity column's range (many
     * concurrent inserts into one table, as terminals pushing passages at once). The work must be safe to run again
     * after a rollback: it may only write the database and files it names afresh.
     */
    public <T> T txRetrying(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return txChecked(work);
            } catch (SQLException e) {
                if (attempt >= 3 || !TRANSIENT.contains(e.getSQLState())) {
                    throw e;
                }
                try {
                    Thread.sleep(5L * (1L << attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** As {@link #txRetrying}, with SQL errors as {@link #tx} reports them. */
    public <T> T txRetried(Work<T> work) {
        try {
            return txRetrying(work);
        } catch (SQLException e) {
            throw GatehouseException.unavailable("store-error", "database error: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction and lets SQL errors through. */
    public <T> T txChecked(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original failure matters more
                }
                throw e;
            }
        }
    }

    /** Binds parameters in order. */
    public static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setShort(i + 1, (short) (b ? 1 : 0));
            } else {
                ps.setString(i + 1, p.toString());
            }
        }
        return ps;
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> l = list(c, sql, mapper, params);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), params)) {
            return ps.executeUpdate();
        }
    }

    /**
     * Runs a DELETE of one row (its SQL binds the id as the only parameter).
     *
     * @param code the NOT_FOUND code, e.g. {@code unknown-shift}
     * @param what the kind of thing in the message, e.g. {@code shift}
     * @throws GatehouseException NOT_FOUND when no row was deleted
     */
    public static void deleteOne(Connection c, String sql, String id, String code, String what) throws SQLException {
        if (update(c, sql, id) == 0) {
            throw GatehouseException.notFound(code, what + " '" + id + "' does not exist");
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** @return the boxed long of a nullable BIGINT column */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static boolean isDuplicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (DUPLICATE_KEY.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A WHERE clause under construction. */
    public static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        public Where and(String condition, Object param) {
            if (param != null) {
                sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
                params.add(param);
            }
            return this;
        }

        public Where andRaw(String condition, List<?> values) {
            if (!values.isEmpty()) {
                sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
                params.addAll(values);
            }
            return this;
        }

        public String sql() {
            return sql.toString();
        }

        public Object[] params() {
            return params.toArray();
        }

        public Object[] params(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all.toArray();
        }
    }
}
