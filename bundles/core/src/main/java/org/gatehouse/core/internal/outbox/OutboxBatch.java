package org.gatehouse.core.internal.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Request;

/**
 * The outbox as a fan-out of many messages sees it (a notice): queueing and counting inside the caller's transaction,
 * so the messages and the caller's own rows commit together (the one way another domain touches table OUTBOX).
 */
public interface OutboxBatch {
    /**
     * Queues several messages in the caller's transaction. A message whose dedupe key is queued already is folded: the
     * stored one is returned in its place. Call {@link #wakeUp()} after the commit.
     */
    List<OutboxMessage> enqueueAll(Connection c, List<Request> requests) throws SQLException;

    /** Makes the delivery thread look for due messages now (after {@link #enqueueAll}). */
    void wakeUp();

    /** How many of some messages are in each status, in the caller's transaction; ids of no message are not counted. */
    Map<OutboxMessage.Status, Long> countByStatus(Connection c, List<String> ids) throws SQLException;
}
