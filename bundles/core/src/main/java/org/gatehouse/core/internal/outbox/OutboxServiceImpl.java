package org.gatehouse.core.internal.outbox;

import org.gatehouse.core.internal.Worker;
import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.JsonMap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable outbox: messages are stored, then a single delivery thread sends due messages through a matching channel
 * with exponential backoff. While no channel matches, a message waits (it is not an attempt); when a channel appears,
 * {@link #channelsChanged()} makes waiting messages due at once. Messages older than the maximum age fail as expired.
 * Delivery is at-least-once: a crash between send and the status update resends; the message id travels with it.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.OutboxService")
public final class OutboxServiceImpl implements OutboxService, OutboxBatch, OutboxTrace {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxServiceImpl.class);
    static final long WAIT_FOR_CHANNEL_MS = 30_000;

    private final Db db;
    private final ChannelDirectory channels;
    private final AtomicLong sent = new AtomicLong();
    private volatile long retryInitialMs;
    private volatile long retryMaxMs;
    private volatile long maxAgeMs;
    private volatile OutboxPolicy policy = OutboxPolicy.defaults();
    private final Worker worker = new Worker("gatehouse-outbox", 1000, 5000, true, this::deliverDue, e -> {
        LOG.warn("Outbox delivery round failed: {}", e.getMessage());
        sleepQuietly();
    });

    public OutboxServiceImpl(Db db, ChannelDirectory channels, long retryInitialMs, long retryMaxMs, long maxAgeMs) {
        this.db = db;
        this.channels = channels;
        configure(retryInitialMs, retryMaxMs, maxAgeMs);
    }

    public void configure(long initialMs, long maxMs, long ageMs) {
        this.retryInitialMs = Math.max(100, initialMs);
        this.retryMaxMs = Math.max(this.retryInitialMs, maxMs);
        this.maxAgeMs = ageMs;
    }

    public void configurePolicy(OutboxPolicy p) {
        this.policy = p;
    }

    public void start() {
        worker.start();
    }

    public void stop() {
        worker.stop();
    }

    public boolean workerAlive() {
        return worker.alive();
    }

    /** A channel service came or went: messages waiting for a channel become due now. */
    public void channelsChanged() {
        try {
            db.tx(c -> Db.update(c, "UPDATE OUTBOX SET NEXT_MS = ? WHERE STATUS = 'QUEUED' AND ATTEMPTS = 0"
                    + " AND LAST_ERROR LIKE 'waiting for%'", System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.warn("Could not wake waiting messages: {}", e.getMessage());
        }
        worker.poke();
    }


    /** A validated request with its id and time, ready to insert. */
    private record Prepared(String id, long now, Request r, Priority priority, String dataJson) {
    }

    private Prepared prepare(Request r, long now) {
        Limits.body(r, "a message");
        Limits.id("channel", r.channel());
        Limits.id("kind", r.kind());
        Limits.text("recipient", r.recipient(), 500, false);
        Limits.text("subject", r.subject(), 500, false);
        Limits.text("text", r.text(), 8000, false);
        Limits.text("dedupeKey", r.dedupeKey(), 200, false);
        Limits.text("fallbackRecipient", r.fallbackRecipient(), 500, false);
        if (r.fallbackChannel() != null) {
            Limits.id("fallbackChannel", r.fallbackChannel());
        }
        if (r.filter() != null && !r.filter().isBlank()) {
            try {
                channels.checkFilter(r.filter());
            } catch (IllegalArgumentException e) {
                throw GatehouseException.invalid("bad-filter", "channel filter is not valid LDAP: " + r.filter());
            }
        }
        String dataJson = JsonMap.encode(r.data());
        if (dataJson != null && dataJson.length() > 16000) {
            throw GatehouseException.invalid("bad-data", "message data is larger than 16000 characters");
        }
        Priority priority = r.priority() == null ? Priority.NORMAL : r.priority();
        return new Prepared(UUID.randomUUID().toString(), now, r, priority, dataJson);
    }

    private static void insert(java.sql.Connection c, Prepared p) throws SQLException {
        Request r = p.r();
        Db.update(c, "INSERT INTO OUTBOX (ID, CREATED_MS, CHANNEL, FILTER, KIND, RECIPIENT, LANGUAGE,"
                        + " SUBJECT, BODY, DATA, DEDUPE_KEY, STATUS, ATTEMPTS, NEXT_MS, PRIORITY, FALLBACK,"
                        + " FALLBACK_RECIPIENT) VALUES (?,?,?,?,?,?,?,?,?,?,?,'QUEUED',0,?,?,?,?)",
                p.id(), p.now(), r.channel(), blankToNull(r.filter()), r.kind(), r.recipient(), r.language(),
                r.subject(), r.text(), p.dataJson(), r.dedupeKey(), p.now(), p.priority().name(),
                blankToNull(r.fallbackChannel()), blankToNull(r.fallbackRecipient()));
    }

    /** The stored row, built from what was just inserted rather than read back. */
    private static OutboxMessage stored(Prepared p) {
        Request r = p.r();
        return new OutboxMessage(p.id(), r.channel(), blankToNull(r.filter()), r.kind(), r.recipient(), r.subject(),
                OutboxMessage.Status.QUEUED, 0, Instant.ofEpochMilli(p.now()), Instant.ofEpochMilli(p.now()), null,
                null, null, p.priority(), blankToNull(r.fallbackChannel()), null, null);
    }

    @Override
    public OutboxMessage enqueue(Request r) {
        Prepared p = prepare(r, System.currentTimeMillis());
        try {
            db.txChecked(c -> {
                insert(c, p);
                return null;
            });
        } catch (SQLException e) {
            if (Db.isDuplicate(e) && r.dedupeKey() != null) {
                return db.tx(c -> Db.one(c, "SELECT * FROM OUTBOX WHERE DEDUPE_KEY = ?", OutboxServiceImpl::map,
                        r.dedupeKey())).orElseThrow();
            }
            throw GatehouseException.unavailable("store-error", "message not queued: " + e.getMessage(), e);
        }
        worker.poke();
        return stored(p);
    }

    @Override
    public List<OutboxMessage> enqueueAll(java.sql.Connection c, List<Request> requests) throws SQLException {
        long now = System.currentTimeMillis();
        List<OutboxMessage> out = new java.util.ArrayList<>(requests.size());
        for (Request r : requests) {
            Prepared p = prepare(r, now);
            try {
                insert(c, p); // Derby undoes only the failed statement; the transaction goes on
                out.add(stored(p));
            } catch (SQLException e) {
                if (!Db.isDuplicate(e) || r.dedupeKey() == null) {
                    throw e;
                }
                out.add(Db.one(c, "SELECT * FROM OUTBOX WHERE DEDUPE_KEY = ?", OutboxServiceImpl::map,
                        r.dedupeKey()).orElseThrow());
            }
        }
        return out;
    }

    /** Ids per statement of {@link #countByStatus}. */
    private static final int IDS_PER_QUERY = 500;

    @Override
    public Map<OutboxMessage.Status, Long> countByStatus(java.sql.Connection c, List<String> ids) throws SQLException {
        Map<OutboxMessage.Status, Long> out = new java.util.EnumMap<>(OutboxMessage.Status.class);
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            for (Object[] r : Db.list(c, "SELECT STATUS, COUNT(*) FROM OUTBOX WHERE ID IN (" + marks + ")"
                    + " GROUP BY STATUS", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, chunk.toArray())) {
                out.merge(OutboxMessage.Status.valueOf((String) r[0]), (Long) r[1], Long::sum);
            }
        }
        return out;
    }

    @Override
    public void wakeUp() {
        worker.poke();
    }

    @Override
    public boolean receipt(String provider, String providerMessageId, boolean delivered, String detail) {
        if (provider == null || providerMessageId == null) {
            return false;
        }
        String err = delivered ? null : (detail == null ? "not delivered (receipt)" : truncate(detail));
        int n = db.tx(c -> {
            List<OutboxMessage> hit = Db.list(c, "SELECT * FROM OUTBOX WHERE PROVIDER = ? AND PROVIDER_MSG_ID = ?"
                    + " AND STATUS IN ('SENT', 'DELIVERED')", OutboxServiceImpl::map, provider, providerMessageId);
            int rows = Db.update(c, "UPDATE OUTBOX SET STATUS = ?, LAST_ERROR = COALESCE(?, LAST_ERROR)"
                    + " WHERE PROVIDER = ? AND PROVIDER_MSG_ID = ? AND STATUS IN ('SENT', 'DELIVERED')",
                    delivered ? "DELIVERED" : "FAILED", err, provider, providerMessageId);
            for (OutboxMessage m : hit) {
                attempt(c, m.id(), m.attempts(), System.currentTimeMillis(),
                        delivered ? Attempt.DELIVERED : Attempt.FAILED, m.channelUsed(), provider, m.recipient(),
                        truncate("receipt" + (detail == null ? "" : ": " + detail)));
            }
            return rows;
        });
        if (n == 0) {
            LOG.info("Delivery receipt from {} for unknown message {}", provider, providerMessageId);
        }
        return n > 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public Optional<OutboxMessage> get(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM OUTBOX WHERE ID = ?", OutboxServiceImpl::map, id));
    }

    @Override
    public Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("STATUS = ?", status == null ? null : status.name());
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM OUTBOX" + w.sql()
                        + " ORDER BY CREATED_MS DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", OutboxServiceImpl::map,
                w.params(off, lim)), Db.count(c, "SELECT COUNT(*) FROM OUTBOX" + w.sql(), w.params()), off, lim));
    }

    /** @return messages queued and not yet delivered */
    public long queued() {
        return db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM OUTBOX WHERE STATUS = 'QUEUED'"));
    }

    private void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers every due message once; returns how many were handled. Visible for tests. */
    int deliverDue() {
        long now = System.currentTimeMillis();
        List<Row> due = db.tx(c -> Db.list(c, "SELECT * FROM OUTBOX WHERE STATUS = 'QUEUED' AND NEXT_MS <= ?"
                + " ORDER BY NEXT_MS FETCH FIRST 100 ROWS ONLY", OutboxServiceImpl::row, now));
        for (Row r : due) {
            if (worker.stopping()) {
                break;
            }
            deliver(r, now);
        }
        if (due.size() == 100) {
            worker.poke();
        }
        return due.size();
    }

    private void deliver(Row r, long now) {
        OutboxMessage m = r.message();
        if (maxAgeMs > 0 && now - m.created().toEpochMilli() > maxAgeMs) {
            update(m, "FAILED", m.attempts(), now, null, "expired: not delivered within the maximum age", null,
                    Attempt.FAILED, m.recipient());
            LOG.warn("Outbox message {} ({} via {}) expired undelivered after {} attempts", m.id(), m.kind(),
                    m.channel(), m.attempts());
            return;
        }
        OutboxPolicy p = policy;
        boolean critical = m.priority() == Priority.CRITICAL;
        if (!critical) {
            java.time.Instant quietEnd = p.quietUntil(java.time.Instant.ofEpochMilli(now));
            if (quietEnd != null) {
                defer(m, quietEnd.toEpochMilli(), "quiet hours until " + quietEnd.atZone(p.zone()).toLocalTime());
                return;
            }
            if (p.perRecipientPerHour() > 0 && m.recipient() != null) {
                long since = now - 3_600_000L;
                List<Long> recent = db.tx(c -> Db.list(c, "SELECT SENT_MS FROM OUTBOX WHERE RECIPIENT = ? AND SENT_MS > ?"
                        + " AND PRIORITY <> 'CRITICAL' ORDER BY SENT_MS", rs -> rs.getLong(1), m.recipient(), since));
                if (recent.size() >= p.perRecipientPerHour()) {
                    long free = recent.get(recent.size() - p.perRecipientPerHour()) + 3_600_000L;
                    defer(m, free, "rate limit: " + p.perRecipientPerHour() + " messages per hour to this recipient");
                    return;
                }
            }
        }
        boolean onFallback = m.fallbackChannel() != null
                && (m.attempts() >= p.fallbackAfterAttempts() || m.fallbackChannel().equals(m.channelUsed()));
        String kind = onFallback ? m.fallbackChannel() : m.channel();
        List<ChannelDirectory.Found> found;
        try {
            found = channels.find(kind, onFallback ? null : m.filter());
        } catch (IllegalArgumentException e) {
            update(m, "FAILED", m.attempts(), now, null, "bad channel filter: " + m.filter(), null, Attempt.FAILED,
                    m.recipient());
            return;
        }
        if (found.isEmpty() && !onFallback && critical && m.fallbackChannel() != null) {
            // a critical message does not wait for an absent channel when it has a fallback
            onFallback = true;
            kind = m.fallbackChannel();
            found = channels.find(kind, null);
        }
        if (found.isEmpty()) {
            if (m.lastError() == null || !m.lastError().startsWith("waiting for")) {
                LOG.info("Outbox message {} waits: no '{}' channel{} is installed", m.id(), kind,
                        m.filter() == null || onFallback ? "" : " matching " + m.filter());
            }
            update(m, "QUEUED", m.attempts(), now + WAIT_FOR_CHANNEL_MS, null, "waiting for a '" + kind + "' channel",
                    null, null, null);
            return;
        }
        ChannelDirectory.Found target = found.stream().filter(f -> f.channel().health() != ChannelHealth.DOWN)
                .findFirst().orElse(found.get(0));
        String recipient = onFallback && r.fallbackRecipient() != null ? r.fallbackRecipient() : m.recipient();
        Notification n = new Notification(m.id(), m.kind(), recipient, r.language(), m.subject(), r.body(),
                JsonMap.decode(r.data()), m.created());
        int attempts = m.attempts() + 1;
        String used = kind;
        try {
            DeliveryReceipt receipt = target.channel().send(n);
            String outcome = receipt.delivered() ? Attempt.DELIVERED : Attempt.SENT;
            long sentMs = System.currentTimeMillis();
            db.tx(c -> {
                Db.update(c, "UPDATE OUTBOX SET STATUS = ?, ATTEMPTS = ?, NEXT_MS = ?, SENT_MS = ?, LAST_ERROR = NULL,"
                                + " PROVIDER = ?, CHANNEL_USED = ?, PROVIDER_MSG_ID = ? WHERE ID = ?",
                        outcome, attempts, now, sentMs, target.provider(), used, receipt.providerMessageId(), m.id());
                attempt(c, m.id(), attempts, sentMs, outcome, used, target.provider(), recipient, null);
                return null;
            });
            sent.incrementAndGet();
            if (onFallback) {
                LOG.info("Outbox message {} delivered through fallback channel {} ({})", m.id(), used, target.provider());
            }
        } catch (DeliveryException e) {
            boolean canFallBack = !onFallback && m.fallbackChannel() != null;
            if (e.retryable() || canFallBack) {
                long backoff = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempts - 1));
                int nextAttempts = !e.retryable() && canFallBack ? Math.max(attempts, p.fallbackAfterAttempts()) : attempts;
                long next = !e.retryable() && canFallBack ? now : now + backoff;
                update(m, "QUEUED", nextAttempts, next, used, e.getMessage(), target.provider(), Attempt.RETRY,
                        recipient);
                LOG.info("Outbox message {} via {} failed (attempt {}){}: {}", m.id(), target.provider(), attempts,
                        nextAttempts >= p.fallbackAfterAttempts() && canFallBack
                                ? ", next try on fallback channel " + m.fallbackChannel()
                                : ", retry in " + backoff / 1000 + " s", e.getMessage());
                if (next <= now) {
                    worker.poke();
                }
            } else {
                update(m, "FAILED", attempts, now, used, e.getMessage(), target.provider(), Attempt.FAILED,
                        recipient);
                LOG.warn("Outbox message {} via {} failed for good: {}", m.id(), target.provider(), e.getMessage());
            }
        } catch (RuntimeException e) {
            long backoff = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempts - 1));
            update(m, "QUEUED", attempts, now + backoff, used, "channel error: " + e, target.provider(), Attempt.RETRY,
                    recipient);
            LOG.error("Channel {} threw on message {}", target.provider(), m.id(), e);
        }
    }

    /** Postpones a message without counting an attempt. */
    private void defer(OutboxMessage m, long until, String reason) {
        if (m.lastError() == null || !m.lastError().equals(reason)) {
            LOG.info("Outbox message {} to {} waits: {}", m.id(), m.recipient(), reason);
        }
        db.tx(c -> Db.update(c, "UPDATE OUTBOX SET NEXT_MS = ?, LAST_ERROR = ? WHERE ID = ?", until, reason, m.id()));
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /**
     * Stores the message's new state and, with an outcome, the attempt (or the final failure) in the same transaction.
     *
     * @param outcome an {@link Attempt} outcome, null when nothing was tried (waiting for a channel)
     */
    private void update(OutboxMessage m, String status, int attempts, long next, String channelUsed, String error,
                        String provider, String outcome, String recipient) {
        String err = error == null ? null : truncate(error);
        db.tx(c -> {
            Db.update(c, "UPDATE OUTBOX SET STATUS = ?, ATTEMPTS = ?, NEXT_MS = ?, LAST_ERROR = ?,"
                    + " PROVIDER = COALESCE(?, PROVIDER), CHANNEL_USED = COALESCE(?, CHANNEL_USED) WHERE ID = ?",
                    status, attempts, next, err, provider, channelUsed, m.id());
            if (outcome != null) {
                attempt(c, m.id(), attempts, System.currentTimeMillis(), outcome,
                        channelUsed == null ? m.channel() : channelUsed, provider, recipient, err);
            }
            return null;
        });
    }

    private static void attempt(java.sql.Connection c, String messageId, int attempt, long at, String outcome,
                                String channel, String provider, String recipient, String error) throws SQLException {
        Db.update(c, "INSERT INTO OUTBOX_ATTEMPTS (MESSAGE_ID, ATTEMPT, TIME_MS, OUTCOME, CHANNEL, PROVIDER, RECIPIENT,"
                + " ERROR) VALUES (?,?,?,?,?,?,?,?)", messageId, attempt, at, outcome, channel, provider,
                recipient == null ? null : recipient.length() > 500 ? recipient.substring(0, 500) : recipient, error);
    }

    @Override
    public List<Traced> trace(String dedupePrefix, int max) {
        if (dedupePrefix == null || dedupePrefix.isBlank()) {
            return List.of();
        }
        String like = dedupePrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return db.tx(c -> {
            List<Traced> out = new java.util.ArrayList<>();
            for (Row r : Db.list(c, "SELECT * FROM OUTBOX WHERE DEDUPE_KEY LIKE ? ESCAPE '!' ORDER BY CREATED_MS, ID"
                    + " FETCH FIRST " + Math.max(1, max) + " ROWS ONLY", OutboxServiceImpl::row, like)) {
                OutboxMessage m = r.message();
                List<Attempt> attempts = Db.list(c, "SELECT * FROM OUTBOX_ATTEMPTS WHERE MESSAGE_ID = ? ORDER BY ID",
                        rs -> new Attempt(rs.getInt("ATTEMPT"), Instant.ofEpochMilli(rs.getLong("TIME_MS")),
                                rs.getString("OUTCOME"), rs.getString("CHANNEL"), rs.getString("PROVIDER"),
                                rs.getString("RECIPIENT"), rs.getString("ERROR")), m.id());
                out.add(new Traced(m, r.dedupeKey(), r.language(), attempts));
            }
            return out;
        });
    }

    private record Row(OutboxMessage message, String language, String body, String data, String fallbackRecipient,
                       String dedupeKey) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(map(rs), rs.getString("LANGUAGE"), rs.getString("BODY"), rs.getString("DATA"),
                rs.getString("FALLBACK_RECIPIENT"), rs.getString("DEDUPE_KEY"));
    }

    static OutboxMessage map(ResultSet rs) throws SQLException {
        Long sentMs = Db.nullableLong(rs, "SENT_MS");
        return new OutboxMessage(rs.getString("ID"), rs.getString("CHANNEL"), rs.getString("FILTER"),
                rs.getString("KIND"), rs.getString("RECIPIENT"), rs.getString("SUBJECT"),
                OutboxMessage.Status.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"),
                Instant.ofEpochMilli(rs.getLong("CREATED_MS")), Instant.ofEpochMilli(rs.getLong("NEXT_MS")),
                sentMs == null ? null : Instant.ofEpochMilli(sentMs), rs.getString("LAST_ERROR"),
                rs.getString("PROVIDER"), Priority.valueOf(rs.getString("PRIORITY")), rs.getString("FALLBACK"),
                rs.getString("CHANNEL_USED"), rs.getString("PROVIDER_MSG_ID"));
    }
}
