package org.gatehouse.core.internal.spine;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.JsonMap;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
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
 * The event spine: validate, store (durable before {@link #ingest} returns, idempotent by id), then dispatch to
 * EventAdmin and subscribers. Dispatch runs on N threads partitioned by device, so the events of one device are
 * delivered in order while a slow subscriber on one device does not hold up the others.
 *
 * <p>Every stored sequence number is "in flight" from its insert (before commit) until it is dispatched. The
 * checkpoint is the highest sequence below every in-flight one, so it never passes an event that was stored but not
 * dispatched; at the next start everything after the checkpoint is dispatched again (at-least-once).
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.EventService")
public final class EventServiceImpl implements StoredEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EventServiceImpl.class);
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:@/+=-]{1,128}");
    private static final Duration MAX_FUTURE = Duration.ofHours(1);
    static final int MAX_ATTRIBUTES = 64;

    private record Stored(long seq, SecurityEvent event) {
    }

    private record Subscription(String pattern, EventListener listener, boolean route) {
        boolean matches(String type) {
            return matchesPattern(pattern, type);
        }
    }

    private final Db db;
    private final SiteService sites;
    private final Publisher publisher;
    private final BlockingQueue<Stored>[] queues;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /**
     * At start, dispatch begins once subscribers have stopped arriving for this long (route bundles start one after
     * another; replaying after the first one would give the others nothing of what was stored before the stop).
     */
    static final long SUBSCRIBERS_SETTLE_MS = 2_000;
    private volatile long lastSubscribedMs;
    /** Subscribers from outside the core (routes, the shell, the console's stream): what the start waits for. */
    private final java.util.concurrent.atomic.AtomicInteger routeSubscriptions = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether the container has installed and started its boot features (Karaf's BootFinished); true outside Karaf. */
    private volatile java.util.function.BooleanSupplier bootFinished = () -> true;
    private final ConcurrentSkipListSet<Long> inflight = new ConcurrentSkipListSet<>();
    private final AtomicLong highestSeq = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<PendingWrite> writes =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long waitForSubscribersMs;
    private volatile boolean running;
    private Thread[] dispatchers = new Thread[0];
    private Thread starter;
    /** Events up to this sequence were replayed at start; the partitions skip them. */
    private volatile long replayedUpTo = Long.MAX_VALUE;
    private volatile long checkpointed;

    @SuppressWarnings("unchecked")
    public EventServiceImpl(Db db, SiteService sites, Publisher publisher, int queueCapacity,
                            long waitForSubscribersMs, int dispatchThreads) {
        this.db = db;
        this.sites = sites;
        this.publisher = publisher;
        int n = Math.max(1, dispatchThreads);
        this.queues = new BlockingQueue[n];
        for (int i = 0; i < n; i++) {
            queues[i] = new ArrayBlockingQueue<>(Math.max(1, queueCapacity / n));
        }
        this.waitForSubscribersMs = waitForSubscribersMs;
    }

    /**
     * Starts dispatching: waits (up to the configured time) for the routes to subscribe, until the container's boot
     * features are installed and no route has arrived for {@link #SUBSCRIBERS_SETTLE_MS}, replays what was stored but not
     * dispatched before the last stop, then follows new events on the partition threads.
     */
    public synchronized void start() {
        running = true;
        starter = new Thread(this::startDispatching, "gatehouse-spine-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Stops dispatching after delivering what is queued and checkpointing. */
    public synchronized void stop() {
        // no interrupts: Derby closes a connection whose thread is interrupted. The threads poll the flag.
        running = false;
        if (starter != null) {
            join(starter);
            starter = null;
        }
        for (Thread t : dispatchers) {
            join(t);
        }
        dispatchers = new Thread[0];
        // what is still queued (the dispatchers never started: a stop right after the replay) is delivered here, so
        // that the checkpoint passes it and the next start does not replay it again
        for (BlockingQueue<Stored> q : queues) {
            Stored s;
            while ((s = q.poll()) != null) {
                deliver(s);
            }
        }
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint the spine on stop: {}", e.getMessage());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public java.util.Set<String> stored(java.util.Collection<String> ids) {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
            out.addAll(db.tx(c -> Db.list(c, "SELECT ID FROM EVENTS WHERE ID IN (" + marks + ")", rs -> rs.getString(1),
                    batch.toArray())));
        }
        return out;
    }

    /** @return how many events the store holds */
    public long storedCount() {
        return db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM EVENTS"));
    }

    public boolean dispatcherAlive() {
        if (!running) {
            return false;
        }
        Thread st = starter;
        if (st != null && st.isAlive()) {
            return true;
        }
        Thread[] ds = dispatchers;
        if (ds.length == 0) {
            return false;
        }
        for (Thread t : ds) {
            if (!t.isAlive()) {
                return false;
            }
        }
        return true;
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
        long[] seqs = commit(valid);
        List<IngestResult> results = new java.util.ArrayList<>(valid.size());
        for (int i = 0; i < valid.size(); i++) {
            SecurityEvent e = valid.get(i);
            if (seqs[i] < 0) {
                duplicates.incrementAndGet();
                results.add(new IngestResult(get(e.id()).orElse(e), true));
                continue;
            }
            stored.incrementAndGet();
            highestSeq.accumulateAndGet(seqs[i], Math::max);
            markSeen(e.deviceId());
            try {
                queues[Math.floorMod(e.deviceId().hashCode(), queues.length)].put(new Stored(seqs[i], e));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                // stored and still in flight: the checkpoint stays below it, the next start dispatches it
            }
            results.add(new IngestResult(e, false));
        }
        return results;
    }

    /** Events of one caller waiting for the group commit, and where their sequence numbers go. */
    private static final AtomicLong FLUSHES = new AtomicLong();

    private record PendingWrite(List<SecurityEvent> events, CompletableFuture<long[]> done) {
    }

    /**
     * Group commit: the caller's events join a queue; whoever holds the write lock stores everything queued in one
     * transaction. A caller returns only after the transaction holding its events committed, so durability is the
     * same as one commit per event, but concurrent drivers share the cost of the log flush.
     *
     * @return one sequence number per event, -1 for a duplicate id
     */
    private long[] commit(List<SecurityEvent> events) {
        PendingWrite mine = new PendingWrite(events, new CompletableFuture<>());
        writes.add(mine);
        while (!mine.done().isDone()) {
            if (writeLock.tryLock()) {
                try {
                    // the leader stores everything queued, and keeps going while others queue behind it
                    for (int round = 0; round < 16 && !writes.isEmpty(); round++) {
                        flushWrites();
                    }
                } finally {
                    writeLock.unlock();
                }
            } else {
                try {
                    mine.done().get(2, TimeUnit.MILLISECONDS); // woken when a leader commits it
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // not committed yet (or failed: join below reports it); try to lead
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    mine.done().join();
                }
            }
        }
        try {
            return mine.done().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void flushWrites() {
        List<PendingWrite> group = new java.util.ArrayList<>();
        PendingWrite w;
        int count = 0;
        while (count < 1000 && (w = writes.poll()) != null) {
            group.add(w);
            count += w.events().size();
        }
        if (LOG.isTraceEnabled()) {
            LOG.trace("Group commit {}: {} events of {} callers", FLUSHES.incrementAndGet(), count, group.size());
        }
        List<long[]> seqs = new java.util.ArrayList<>(group.size());
        for (PendingWrite pw : group) {
            seqs.add(new long[pw.events().size()]);
        }
        try {
            db.txChecked(c -> {
                try (var ps = c.prepareStatement("INSERT INTO EVENTS (ID, TIME_MS, RECEIVED_MS, SITE_ID,"
                        + " DEVICE_ID, ZONE_ID, TYPE, SEVERITY, ATTRS, SNAPSHOT, PERSON_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    long now = System.currentTimeMillis();
                    for (int g = 0; g < group.size(); g++) {
                        List<SecurityEvent> evs = group.get(g).events();
                        long[] out = seqs.get(g);
                        for (int i = 0; i < evs.size(); i++) {
                            SecurityEvent e = evs.get(i);
                            Db.bind(ps, e.id(), e.time().toEpochMilli(), now, e.siteId(), e.deviceId(), e.zoneId(),
                                    e.type(), e.severity().name(), JsonMap.encode(e.attributes()), e.snapshotRef(),
                                    e.personId());
                            try {
                                ps.executeUpdate();
                            } catch (SQLException ex) {
                                if (!Db.isDuplicate(ex)) {
                                    throw ex;
                                }
                                out[i] = -1; // a unique violation rolls back this statement only
                                continue;
                            }
                            try (ResultSet keys = ps.getGeneratedKeys()) {
                                keys.next();
                                out[i] = keys.getLong(1);
                            }
                            inflight.add(out[i]); // before commit: the checkpoint cannot pass it
                        }
                    }
                }
                return null;
            });
        } catch (SQLException | RuntimeException ex) {
            for (long[] out : seqs) {
                for (long seq : out) {
                    if (seq > 0) {
                        inflight.remove(seq);
                    }
                }
            }
            RuntimeException failure = ex instanceof RuntimeException re ? re
                    : GatehouseException.unavailable("store-error", "events not stored: " + ex.getMessage(), ex);
            for (PendingWrite pw : group) {
                pw.done().completeExceptionally(failure);
            }
            return;
        }
        for (int g = 0; g < group.size(); g++) {
            group.get(g).done().complete(seqs.get(g));
        }
    }

    /**
     * A device that never reported a status (an HTTP-push device has no driver to do so) is ONLINE once its events
     * arrive. A status reported by a driver is left alone.
     */
    private void markSeen(String deviceId) {
        sites.device(deviceId).filter(d -> d.status() == org.gatehouse.api.DeviceStatus.UNKNOWN)
                .ifPresent(d -> sites.updateDeviceStatus(deviceId, org.gatehouse.api.DeviceStatus.ONLINE,
                        "events received"));
    }

    /** Checks an event and fills in id, time, site, zone and severity. */
    SecurityEvent validate(SecurityEvent event) {
        Limits.body(event, "an event");
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
        return add(typePattern, listener, true);
    }

    /**
     * Subscribes one of the core's own services (e.g. the visits following the gates). It is there before dispatch
     * starts and is not what the start waits for: only the routes' arrival is.
     */
    public AutoCloseable subscribeInternal(String typePattern, EventListener listener) {
        return add(typePattern, listener, false);
    }

    /** What tells the start that the container's boot features are all installed (see {@link #start()}). */
    public void bootFinished(java.util.function.BooleanSupplier finished) {
        this.bootFinished = finished == null ? () -> true : finished;
    }

    private AutoCloseable add(String typePattern, EventListener listener, boolean route) {
        Subscription s = new Subscription(typePattern == null || typePattern.isBlank() ? "*" : typePattern, listener,
                route);
        subscriptions.add(s);
        if (route) {
            routeSubscriptions.incrementAndGet();
            lastSubscribedMs = System.currentTimeMillis();
        }
        return () -> {
            if (subscriptions.remove(s) && route) {
                routeSubscriptions.decrementAndGet();
            }
        };
    }

    @Override
    public SpineStats stats() {
        int pending = 0;
        for (BlockingQueue<Stored> q : queues) {
            pending += q.size();
        }
        return new SpineStats(stored.get(), duplicates.get(), rejected.get(), pending);
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

    private void startDispatching() {
        try {
            long deadline = System.currentTimeMillis() + waitForSubscribersMs;
            while (running && System.currentTimeMillis() < deadline && routesArriving()) {
                Thread.sleep(100);
            }
            if (running && waitForSubscribersMs > 0 && routesArriving()) {
                LOG.warn("Spine starts dispatching after waiting {} s for the routes ({} subscribed, boot {}): "
                        + "a route that subscribes later gets only new events", waitForSubscribersMs / 1000,
                        routeSubscriptions.get(), bootFinished.getAsBoolean() ? "finished" : "not finished");
            }
            checkpointed = db.tx(c -> Db.count(c, "SELECT VAL FROM SPINE_STATE WHERE NAME = 'dispatched.seq'"));
            replayedUpTo = replay();
            Thread[] ds = new Thread[queues.length];
            for (int i = 0; i < ds.length; i++) {
                BlockingQueue<Stored> q = queues[i];
                ds[i] = new Thread(() -> dispatchLoop(q, ds.length == 1 || q == queues[0]), "gatehouse-spine-" + i);
                ds[i].setDaemon(true);
            }
            synchronized (this) {
                if (!running) {
                    return;
                }
                dispatchers = ds;
                for (Thread t : ds) {
                    t.start();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Event spine could not start dispatching", e);
        }
    }

    private boolean routesArriving() {
        return routeSubscriptions.get() == 0 || !bootFinished.getAsBoolean()
                || System.currentTimeMillis() - lastSubscribedMs < SUBSCRIBERS_SETTLE_MS;
    }

    private void dispatchLoop(BlockingQueue<Stored> queue, boolean checkpoints) {
        long lastCheckpoint = System.currentTimeMillis();
        try {
            while (running) {
                Stored s = queue.poll(200, TimeUnit.MILLISECONDS);
                if (s != null) {
                    deliver(s);
                }
                if (checkpoints && System.currentTimeMillis() - lastCheckpoint > 1000) {
                    checkpoint();
                    lastCheckpoint = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Event dispatcher stopped", e);
        }
        Stored s;
        while ((s = queue.poll()) != null) {
            deliver(s);
        }
    }

    private void deliver(Stored s) {
        try {
            if (s.seq() > replayedUpTo) {
                dispatch(s.event());
            }
        } finally {
            inflight.remove(s.seq());
        }
    }

    /** Dispatches, in sequence order, every stored event after the checkpoint; returns the last one replayed. */
    private long replay() {
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
            highestSeq.accumulateAndGet(from, Math::max);
            saveCheckpoint(Math.min(from, inflight.isEmpty() ? from : inflight.first() - 1));
        }
        if (replayed > 0) {
            LOG.info("Spine replayed {} events stored but not dispatched before the last stop", replayed);
        }
        return from;
    }

    /** Moves the checkpoint to just below the oldest event in flight, or to the newest stored if none is. */
    void checkpoint() {
        long safe;
        Long oldest = inflight.isEmpty() ? null : inflight.first();
        safe = oldest == null ? highestSeq.get() : oldest - 1;
        if (safe > checkpointed) {
            saveCheckpoint(safe);
        }
    }

    private void saveCheckpoint(long seq) {
        db.tx(c -> Db.update(c, "UPDATE SPINE_STATE SET VAL = ? WHERE NAME = 'dispatched.seq' AND VAL < ?", seq, seq));
        checkpointed = Math.max(checkpointed, seq);
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
