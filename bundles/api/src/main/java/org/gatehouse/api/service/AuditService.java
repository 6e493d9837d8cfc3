package org.gatehouse.api.service;

import java.time.Instant;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/** The append-only audit trail. */
@ProviderType
public interface AuditService {
    /** Appends an entry. */
    AuditEntry record(String actor, String action, String subjectType, String subjectId, String detail);

    /**
     * Entries newest first.
     *
     * @param subjectType null for all
     * @param subjectId   null for all
     * @param from        null for no lower bound
     */
    Page<AuditEntry> query(String subjectType, String subjectId, Instant from, int offset, int limit);
}
