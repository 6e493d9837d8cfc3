package org.gatehouse.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.gatehouse.api.Device;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.EventService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event spine: validate, store (durable before {@link #ingest} returns, idempotent by id), then dispatch in order
 * on one thread to EventAdmin and subscribers. The last dispatched sequence number is checkpointed, so events stored
 * but not yet dispatched when the process died are dispatched again at the next start (at-least-once).
 */
public final class EventServiceImpl implements EventService {
    private static final Logger LOG = LoggerFactory.getLogger(EventServiceImpl.class);
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:@/+=-]{1,128}");
    private static final Duration MAX_FUTURE = Duration.ofHours(1);
    static final int MAX_ATTRIBUTES = 64;

    private record Stored(long seq, SecurityEvent event) {
    }

    private record Subscription(String pattern, EventListener listener) {
        boolean matches(String type) {
            return matchesPattern(pattern, type);
        }
    }

    private final Db db;
    private final SiteServiceImpl sites;
    private final Publisher publisher;
    private final BlockingQueue<Stored> queue;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long waitForSubscribersMs;
    private volatile boolean running;
    private Thread dispatcher;
    private long checkpointed;

    public EventServiceImpl(Db db, SiteServiceImpl sites, Publisher publisher, int queueCapacity,
                            long waitForSubscribersMs) {
        this.db = db;
        this.sites = sites;
        this.publisher = publisher;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.waitForSubscribersMs = waitForSubscribersMs;
    }

    /** Starts the dispatcher: replays what was stored but not dispatched, then follows new events. */
    public synchronized void start() {
        running = true;
        dispatcher = new Thread(this::dispatchLoop, "gatehouse-spine");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Stops the dispatcher after checkpointing what it delivered. */
    public synchronized void stop() {
        running = false;
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher = null;
        }
    }

    public boolean dispatcherAlive() {
        Thread t = dispatcher;
        return running && t != null && t.isAlive();
    }

    @Override
    public IngestResult ingest(SecurityEvent event) {
        return ingestAll(java.util.Collections.singletonList(event), false).get(0);
    }

    @Override
    public List<IngestResult> ingestAll(List<SecurityEvent> batch) {
        if (batch == null || batch.isEmpty()) {
            throw GatehouseException.invalid("empty-batch", "the batch holds no events");
        }
        if (batch.size() > 1000) {
            throw GatehouseException.invalid("batch-too-large", "at most 1000 events in one batch");
        }
        return ingestAll(batch, true);
    }

    private List<IngestResult> ingestAll(List<SecurityEvent> batch, boolean numbered) {
        List<SecurityEvent> valid = new java.util.ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                valid.add(validate(batch.get(i)));
            } catch (GatehouseException ex) {
                rejected.incrementAndGet();
                throw numbered ? new GatehouseException(ex.kind(), ex.code(), "event [" + i + "]: " + ex.getMessage())
                        : ex;
            }
        }
        long[] seqs = new long[valid.size()];
        try {
            db.txChecked(c -> {
                try (var ps = c.prepareStatement("INSERT INTO EVENTS (ID, TIME_MS, RECEIVED_MS, SITE_ID,"
                        + " DEVICE_ID, ZONE_ID, TYPE, SEVERITY, ATTRS, SNAPSHOT, PERSON_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < valid.size(); i++) {
                        SecurityEvent e = valid.get(i);
                        Db.bind(ps, e.id(), e.time().toEpochMilli(), now, e.siteId(), e.deviceId(), e.zoneId(),
                                e.type(), e.severity().name(), JsonMap.encode(e.attributes()), e.snapshotRef(),
                                e.personId());
                        try {
                            ps.executeUpdate();
                        } catch (SQLException ex) {
                            if (!Db.isDuplicate(ex)) {
                                throw ex;
                            }
                            seqs[i] = -1; // a unique violation rolls back this statement only
                            continue;
                        }
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            seqs[i] = keys.getLong(1);
                        }
                    }
                }
                return null;
            });
        } catch (SQLException ex) {
            throw GatehouseException.unavailable("store-error", "events not stored: " + ex.getMessage(), ex);
        }
        List<IngestResult> results = new java.util.ArrayList<>(valid.size());
        for (int i = 0; i < valid.size(); i++) {
            SecurityEvent e = valid.get(i);
            if (seqs[i] < 0) {
                duplicates.incrementAndGet();
                results.add(new IngestResult(get(e.id()).orElse(e), true));
                continue;
            }
            stored.incrementAndGet();
            try {
                queue.put(new Stored(seqs[i], e));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                // stored already: it is dispatched by the replay at the next start
            }
            results.add(new IngestResult(e, false));
        }
        return results;
    }

    /** Checks an event and fills in id, time, site, zone and severity. */
    SecurityEvent validate(SecurityEvent event) {
        if (event == null) {
            throw GatehouseException.invalid("missing-body", "an event is required");
        }
        if (event.deviceId() == null || event.deviceId().isBlank()) {
            throw GatehouseException.invalid("missing-deviceId", "deviceId is required");
        }
        if (event.type() == null || event.type().isBlank()) {
            throw GatehouseException.invalid("missing-type", "type is required");
        }
        if (event.type().length() > 100 || !TYPE.matcher(event.type()).matches()) {
            throw GatehouseException.invalid("bad-type",
                    "type must be lower-case dotted words like 'fence.intrusion', at most 100 characters");
        }
        if (event.id() != null && !EVENT_ID.matcher(event.id()).matches()) {
            throw GatehouseException.invalid("bad-id", "id must be 1-128 characters of letters, digits and -_.:@/+=");
        }
        Device device = sites.device(event.deviceId()).orElseThrow(() -> GatehouseException.notFound(
                "unknown-device", "device '" + event.deviceId() + "' is not registered"));
        if (event.siteId() != null && !event.siteId().equals(device.siteId())) {
            throw GatehouseException.invalid("site-mismatch", "device '" + device.id() + "' is at site '"
                    + device.siteId() + "', not '" + event.siteId() + "'");
        }
        if (event.attributes().size() > MAX_ATTRIBUTES) {
            throw GatehouseException.invalid("too-many-attributes", "at most " + MAX_ATTRIBUTES + " attributes");
        }
        for (Map.Entry<String, String> a : event.attributes().entrySet()) {
            if (a.getKey().isEmpty() || a.getKey().length() > 64) {
                throw GatehouseException.invalid("bad-attribute", "attribute names must be 1-64 characters");
            }
            if (a.getValue() != null && a.getValue().length() > 1024) {
                throw GatehouseException.invalid("bad-attribute",
                        "attribute '" + a.getKey() + "' is longer than 1024 characters");
            }
        }
        Limits.text("snapshotRef", event.snapshotRef(), 500, false);
        if (event.personId() != null) {
            Limits.id("personId", event.personId());
        }
        if (event.zoneId() != null) {
            Limits.id("zoneId", event.zoneId());
        }
        Instant now = Instant.now();
        Instant time = event.time() == null ? now : event.time();
        if (time.isAfter(now.plus(MAX_FUTURE))) {
            throw GatehouseException.invalid("time-in-future", "event time " + time + " is more than an hour ahead");
        }
        String id = event.id() == null ? UUID.randomUUID().toString() : event.id();
        String zone = event.zoneId() == null ? device.zoneId() : event.zoneId();
        Severity sev = event.severity() == null ? Severity.INFO : event.severity();
        return event.complete(id, time, device.siteId(), zone, sev);
    }

    @Override
    public Optional<SecurityEvent> get(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM EVENTS WHERE ID = ?", EventServiceImpl::map, id));
    }

    @Override
    public Page<SecurityEvent> query(EventQuery q) {
        int lim = Limits.pageSize(q.limit());
        int off = Limits.offset(q.offset());
        Db.Where w = new Db.Where()
                .and("TIME_MS >= ?", q.from() == null ? null : q.from().toEpochMilli())
                .and("TIME_MS < ?", q.to() == null ? null : q.to().toEpochMilli())
                .and("SITE_ID = ?", q.siteId()).and("ZONE_ID = ?", q.zoneId()).and("DEVICE_ID = ?", q.deviceId());
        if (q.type() != null && !q.type().isBlank() && !"*".equals(q.type())) {
            if (q.type().endsWith("*")) {
                w.and("TYPE LIKE ?", q.type().substring(0, q.type().length() - 1).replace("%", "") + "%");
            } else {
                w.and("TYPE = ?", q.type());
            }
        }
        return db.tx(c -> new Page<>(
                Db.list(c, "SELECT * FROM EVENTS" + w.sql() + " ORDER BY TIME_MS DESC, SEQ DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                        EventServiceImpl::map, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM EVENTS" + w.sql(), w.params()), off, lim));
    }

    @Override
    public AutoCloseable subscribe(String typePattern, EventListener listener) {
        Subscription s = new Subscription(typePattern == null || typePattern.isBlank() ? "*" : typePattern, listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    @Override
    public SpineStats stats() {
        return new SpineStats(stored.get(), duplicates.get(), rejected.get(), queue.size());
    }

    static boolean matchesPattern(String pattern, String type) {
        if ("*".equals(pattern)) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    private void dispatchLoop() {
        try {
            long deadline = System.currentTimeMillis() + waitForSubscribersMs;
            while (running && subscriptions.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            checkpointed = db.tx(c -> Db.count(c, "SELECT VAL FROM SPINE_STATE WHERE NAME = 'dispatched.seq'"));
            replay();
            long lastCheckpoint = System.currentTimeMillis();
            long lastSeq = checkpointed;
            while (running) {
                Stored s = queue.poll(1, TimeUnit.SECONDS);
                if (s != null) {
                    if (s.seq() > checkpointed) {
                        dispatch(s.event());
                    }
                    lastSeq = Math.max(lastSeq, s.seq());
                }
                if (lastSeq > checkpointed && (queue.isEmpty() || System.currentTimeMillis() - lastCheckpoint > 1000)) {
                    checkpoint(lastSeq);
                    lastCheckpoint = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Event dispatcher stopped", e);
        } finally {
            drainOnStop();
        }
    }

    private void drainOnStop() {
        long last = checkpointed;
        Stored s;
        while ((s = queue.poll()) != null) {
            dispatch(s.event());
            last = Math.max(last, s.seq());
        }
        if (last > checkpointed) {
            try {
                checkpoint(last);
            } catch (RuntimeException e) {
                LOG.warn("Could not checkpoint the spine on stop: {}", e.getMessage());
            }
        }
    }

    private void replay() {
        long from = checkpointed;
        int replayed = 0;
        while (true) {
            long after = from;
            List<Object[]> batch = db.tx(c -> Db.list(c,
                    "SELECT * FROM EVENTS WHERE SEQ > ? ORDER BY SEQ FETCH FIRST 500 ROWS ONLY",
                    rs -> new Object[] {rs.getLong("SEQ"), map(rs)}, after));
            if (batch.isEmpty()) {
                break;
            }
            for (Object[] row : batch) {
                dispatch((SecurityEvent) row[1]);
                from = (Long) row[0];
                replayed++;
            }
            checkpoint(from);
        }
        if (replayed > 0) {
            LOG.info("Spine replayed {} events stored but not dispatched before the last stop", replayed);
        }
    }

    private void checkpoint(long seq) {
        db.tx(c -> Db.update(c, "UPDATE SPINE_STATE SET VAL = ? WHERE NAME = 'dispatched.seq' AND VAL < ?", seq, seq));
        checkpointed = seq;
    }

    private void dispatch(SecurityEvent e) {
        Map<String, Object> props = new HashMap<>();
        props.put("id", e.id());
        props.put("type", e.type());
        props.put("deviceId", e.deviceId());
        props.put("siteId", e.siteId());
        if (e.zoneId() != null) {
            props.put("zoneId", e.zoneId());
        }
        props.put("severity", e.severity().name());
        props.put("time", e.time().toEpochMilli());
        publisher.post("gatehouse/event/" + e.type().replace('.', '/'), props);
        for (Subscription s : subscriptions) {
            if (s.matches(e.type())) {
                try {
                    s.listener().onEvent(e);
                } catch (GatehouseException ex) {
                    LOG.warn("Subscriber {} refused event {}: {}: {}", s.pattern(), e.id(), ex.code(), ex.getMessage());
                } catch (Exception ex) {
                    LOG.error("Subscriber {} failed on event {}", s.pattern(), e.id(), ex);
                }
            }
        }
    }

    static SecurityEvent map(ResultSet rs) throws SQLException {
        return new SecurityEvent(rs.getString("ID"), Instant.ofEpochMilli(rs.getLong("TIME_MS")),
                rs.getString("SITE_ID"), rs.getString("DEVICE_ID"), rs.getString("ZONE_ID"), rs.getString("TYPE"),
                Severity.valueOf(rs.getString("SEVERITY")), JsonMap.decode(rs.getString("ATTRS")),
                rs.getString("SNAPSHOT"), rs.getString("PERSON_ID"));
    }
}
