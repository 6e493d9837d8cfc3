package org.gatehouse.core.internal;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable outbox: messages are stored, then a single delivery thread sends due messages through a matching channel
 * with exponential backoff. While no channel matches, a message waits (it is not an attempt); when a channel appears,
 * {@link #channelsChanged()} makes waiting messages due at once. Messages older than the maximum age fail as expired.
 * Delivery is at-least-once: a crash between send and the status update resends; the message id travels with it.
 */
public final class OutboxServiceImpl implements OutboxService {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxServiceImpl.class);
    static final long WAIT_FOR_CHANNEL_MS = 30_000;

    private final Db db;
    private final ChannelDirectory channels;
    private final Object wake = new Object();
    private final AtomicLong sent = new AtomicLong();
    private volatile long retryInitialMs;
    private volatile long retryMaxMs;
    private volatile long maxAgeMs;
    private volatile boolean running;
    private volatile boolean dirty = true;
    private Thread worker;

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

    public synchronized void start() {
        running = true;
        worker = new Thread(this::loop, "gatehouse-outbox");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        running = false; // no interrupt: Derby closes a connection whose thread is interrupted
        poke();
        if (worker != null) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    public boolean workerAlive() {
        Thread w = worker;
        return running && w != null && w.isAlive();
    }

    /** A channel service came or went: messages waiting for a channel become due now. */
    public void channelsChanged() {
        try {
            db.tx(c -> Db.update(c, "UPDATE OUTBOX SET NEXT_MS = ? WHERE STATUS = 'QUEUED' AND ATTEMPTS = 0"
                    + " AND LAST_ERROR LIKE 'waiting for%'", System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.warn("Could not wake waiting messages: {}", e.getMessage());
        }
        poke();
    }

    private void poke() {
        synchronized (wake) {
            dirty = true;
            wake.notifyAll();
        }
    }

    @Override
    public OutboxMessage enqueue(String channel, String filter, String kind, String recipient, String language,
                                 String subject, String text, Map<String, String> data, String dedupeKey) {
        Limits.id("channel", channel);
        Limits.id("kind", kind);
        Limits.text("recipient", recipient, 500, false);
        Limits.text("subject", subject, 500, false);
        Limits.text("text", text, 8000, false);
        Limits.text("dedupeKey", dedupeKey, 200, false);
        if (filter != null && !filter.isBlank()) {
            try {
                channels.checkFilter(filter);
            } catch (IllegalArgumentException e) {
                throw GatehouseException.invalid("bad-filter", "channel filter is not valid LDAP: " + filter);
            }
        }
        String dataJson = JsonMap.encode(data);
        if (dataJson != null && dataJson.length() > 16000) {
            throw GatehouseException.invalid("bad-data", "message data is larger than 16000 characters");
        }
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        try {
            db.txChecked(c -> Db.update(c, "INSERT INTO OUTBOX (ID, CREATED_MS, CHANNEL, FILTER, KIND, RECIPIENT, LANGUAGE,"
                            + " SUBJECT, BODY, DATA, DEDUPE_KEY, STATUS, ATTEMPTS, NEXT_MS) VALUES (?,?,?,?,?,?,?,?,?,?,?,'QUEUED',0,?)",
                    id, now, channel, blankToNull(filter), kind, recipient, language, subject, text, dataJson, dedupeKey, now));
        } catch (SQLException e) {
            if (Db.isDuplicate(e) && dedupeKey != null) {
                return db.tx(c -> Db.one(c, "SELECT * FROM OUTBOX WHERE DEDUPE_KEY = ?", OutboxServiceImpl::map,
                        dedupeKey)).orElseThrow();
            }
            throw GatehouseException.unavailable("store-error", "message not queued: " + e.getMessage(), e);
        }
        poke();
        return get(id).orElseThrow();
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

    private void loop() {
        while (running) {
            try {
                synchronized (wake) {
                    if (!dirty) {
                        wake.wait(1000);
                    }
                    dirty = false;
                }
                deliverDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Outbox delivery round failed: {}", e.getMessage());
                sleepQuietly();
            }
        }
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
            if (!running && worker != null) {
                break;
            }
            deliver(r, now);
        }
        if (due.size() == 100) {
            poke();
        }
        return due.size();
    }

    private void deliver(Row r, long now) {
        OutboxMessage m = r.message();
        if (maxAgeMs > 0 && now - m.created().toEpochMilli() > maxAgeMs) {
            update(m.id(), "FAILED", m.attempts(), now, null, "expired: not delivered within the maximum age", null);
            LOG.warn("Outbox message {} ({} via {}) expired undelivered after {} attempts", m.id(), m.kind(),
                    m.channel(), m.attempts());
            return;
        }
        List<ChannelDirectory.Found> found;
        try {
            found = channels.find(m.channel(), m.filter());
        } catch (IllegalArgumentException e) {
            update(m.id(), "FAILED", m.attempts(), now, null, "bad channel filter: " + m.filter(), null);
            return;
        }
        if (found.isEmpty()) {
            if (m.lastError() == null || !m.lastError().startsWith("waiting for")) {
                LOG.info("Outbox message {} waits: no '{}' channel{} is installed", m.id(), m.channel(),
                        m.filter() == null ? "" : " matching " + m.filter());
            }
            update(m.id(), "QUEUED", m.attempts(), now + WAIT_FOR_CHANNEL_MS, null,
                    "waiting for a '" + m.channel() + "' channel", null);
            return;
        }
        ChannelDirectory.Found target = found.stream().filter(f -> f.channel().health() != ChannelHealth.DOWN)
                .findFirst().orElse(found.get(0));
        Notification n = new Notification(m.id(), m.kind(), m.recipient(), r.language(), m.subject(), r.body(),
                JsonMap.decode(r.data()), m.created());
        int attempts = m.attempts() + 1;
        try {
            DeliveryReceipt receipt = target.channel().send(n);
            update(m.id(), receipt.delivered() ? "DELIVERED" : "SENT", attempts, now, System.currentTimeMillis(),
                    null, target.provider());
            sent.incrementAndGet();
            LOG.debug("Outbox message {} sent via {}", m.id(), target.provider());
        } catch (DeliveryException e) {
            if (e.retryable()) {
                long backoff = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempts - 1));
                update(m.id(), "QUEUED", attempts, now + backoff, null, e.getMessage(), target.provider());
                LOG.info("Outbox message {} via {} failed (attempt {}), retry in {} s: {}", m.id(), target.provider(),
                        attempts, backoff / 1000, e.getMessage());
            } else {
                update(m.id(), "FAILED", attempts, now, null, e.getMessage(), target.provider());
                LOG.warn("Outbox message {} via {} failed for good: {}", m.id(), target.provider(), e.getMessage());
            }
        } catch (RuntimeException e) {
            long backoff = Math.min(retryMaxMs, retryInitialMs << Math.min(20, attempts - 1));
            update(m.id(), "QUEUED", attempts, now + backoff, null, "channel error: " + e, target.provider());
            LOG.error("Channel {} threw on message {}", target.provider(), m.id(), e);
        }
    }

    private void update(String id, String status, int attempts, long next, Long sentMs, String error, String provider) {
        String err = error == null ? null : (error.length() > 1000 ? error.substring(0, 1000) : error);
        db.tx(c -> Db.update(c, "UPDATE OUTBOX SET STATUS = ?, ATTEMPTS = ?, NEXT_MS = ?, SENT_MS = ?, LAST_ERROR = ?,"
                + " PROVIDER = COALESCE(?, PROVIDER) WHERE ID = ?", status, attempts, next, sentMs, err, provider, id));
    }

    private record Row(OutboxMessage message, String language, String body, String data) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(map(rs), rs.getString("LANGUAGE"), rs.getString("BODY"), rs.getString("DATA"));
    }

    static OutboxMessage map(ResultSet rs) throws SQLException {
        Long sentMs = Db.nullableLong(rs, "SENT_MS");
        return new OutboxMessage(rs.getString("ID"), rs.getString("CHANNEL"), rs.getString("FILTER"),
                rs.getString("KIND"), rs.getString("RECIPIENT"), rs.getString("SUBJECT"),
                OutboxMessage.Status.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"),
                Instant.ofEpochMilli(rs.getLong("CREATED_MS")), Instant.ofEpochMilli(rs.getLong("NEXT_MS")),
                sentMs == null ? null : Instant.ofEpochMilli(sentMs), rs.getString("LAST_ERROR"),
                rs.getString("PROVIDER"));
    }
}
