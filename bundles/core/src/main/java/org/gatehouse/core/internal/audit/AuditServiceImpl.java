package org.gatehouse.core.internal.audit;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.store.Db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AuditService;

/** The audit trail in table AUDIT. */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.AuditService")
public final class AuditServiceImpl implements AuditTrail {
    private final Db db;

    public AuditServiceImpl(Db db) {
        this.db = db;
    }

    @Override
    public AuditEntry record(String actor, String action, String subjectType, String subjectId, String detail) {
        return db.tx(c -> record(c, actor, action, subjectType, subjectId, detail));
    }

    @Override
    public AuditEntry record(Connection c, String actor, String action, String subjectType, String subjectId,
                             String detail) throws SQLException {
        long now = System.currentTimeMillis();
        String a = actor == null || actor.isBlank() ? "system" : actor;
        String d = detail == null ? null : (detail.length() > 4000 ? detail.substring(0, 4000) : detail);
        try (PreparedStatement ps = Db.bind(c.prepareStatement(
                "INSERT INTO AUDIT (TIME_MS, ACTOR, ACTION, SUBJECT_TYPE, SUBJECT_ID, DETAIL) VALUES (?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS), now, a, action, subjectType, subjectId, d)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new AuditEntry(keys.getLong(1), Instant.ofEpochMilli(now), a, action, subjectType, subjectId,
                        d);
            }
        }
    }

    @Override
    public Page<AuditEntry> query(String subjectType, String subjectId, Instant from, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("SUBJECT_TYPE = ?", subjectType).and("SUBJECT_ID = ?", subjectId)
                .and("TIME_MS >= ?", from == null ? null : from.toEpochMilli());
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM AUDIT" + w.sql()
                        + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", AuditServiceImpl::map,
                w.params(off, lim)), Db.count(c, "SELECT COUNT(*) FROM AUDIT" + w.sql(), w.params()), off, lim));
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("ID"), Instant.ofEpochMilli(rs.getLong("TIME_MS")), rs.getString("ACTOR"),
                rs.getString("ACTION"), rs.getString("SUBJECT_TYPE"), rs.getString("SUBJECT_ID"),
                rs.getString("DETAIL"));
    }
}
