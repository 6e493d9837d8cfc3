package org.gatehouse.core.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.service.AuditService;

/**
 * The audit trail as the other domains of the core see it: the api service plus an append inside the caller's
 * transaction, so a change and its audit line commit together (the one way another domain writes table AUDIT).
 */
public interface AuditTrail extends AuditService {
    /** Appends an entry inside the caller's transaction. */
    AuditEntry record(Connection c, String actor, String action, String subjectType, String subjectId, String detail)
            throws SQLException;

    /** Appends the removal of a thing inside the caller's transaction: action {@code <subjectType>-remove}. */
    default void removed(Connection c, String actor, String subjectType, String subjectId) throws SQLException {
        record(c, actor, subjectType + "-remove", subjectType, subjectId, null);
    }
}
