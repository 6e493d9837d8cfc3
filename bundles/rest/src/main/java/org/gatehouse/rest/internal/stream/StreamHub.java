package org.gatehouse.rest.internal.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.servlet.AsyncContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of the live stream and its open clients. A stored event is announced on EventAdmin topic
 * {@code gatehouse/event/...} with its id ({@link #published}), and read with {@link EventService#get}: a subscription
 * of the spine itself would count as a route at start, and the spine starts dispatching (and replaying what was stored
 * before a stop) once its subscribers have settled, so an early stream would make the routes miss the replay. Alarm
 * transitions come from the subscription of {@link AlarmService} (taken again when the service comes back). A passage
 * is announced by its spine event ({@link PassageService#EVENT_PASSAGE} or {@link PassageService#EVENT_STRANGER} with
 * attribute {@code passageId}). The outbox and the devices have no listener API, so one shared task polls them every
 * {@link StreamConfig#pollMillis()} while a client that may see them is connected, and sends what changed. Each
 * message is serialised once (the JSON the REST API returns for the record) and queued to every client whose
 * {@link Audience} allows it.
 */
public final class StreamHub implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger("org.gatehouse.rest.stream");
    private static final int OUTBOX_WINDOW = 200;
    /** The EventAdmin topics of stored events, without the wildcard. */
    public static final String EVENT_TOPICS = "gatehouse/event/";
    /** The types of the visit events: sent again as kind {@code visit} (the big screen, the visitor pages), and to the host teacher. */
    static final String VISIT_EVENTS = "visit.";

    private final Services services;
    private final StreamConfig config;
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<Long, StreamClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final Object subscriptions = new Object();
    private Object alarmSource;
    private AutoCloseable alarmSubscription;
    private Map<String, String> outboxSeen;
    private Map<String, String> devicesSeen;
    private volatile boolean closed;

    public StreamHub(Services services, StreamConfig config) {
        this.services = services;
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-stream");
            t.setDaemon(true);
            return t;
        });
        subscribe();
        timer.scheduleWithFixedDelay(this::ping, config.pingMillis(), config.pingMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::poll, config.pollMillis(), config.pollMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::refresh, config.refreshMillis(), config.refreshMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** @return the settings */
    public StreamConfig config() {
        return config;
    }

    /** @return how many clients are connected */
    public int size() {
        return clients.size();
    }

    /**
     * Opens a client if there is room: the request is put in async mode only then.
     *
     * @param start puts the request in async mode
     * @return the client, or null when {@link StreamConfig#maxClients()} are connected (or the hub is closed)
     */
    synchronized StreamClient open(Identity identity, Audience audience, Supplier<AsyncContext> start) {
        if (closed || clients.size() >= config.maxClients()) {
            return null;
        }
        StreamClient client = new StreamClient(numbers.incrementAndGet(), identity, audience,
                config.queueCapacity(), start.get(), this::remove);
        clients.put(client.number, client);
        LOG.debug("Stream #{} opened by '{}' ({} open)", client.number, identity.user(), clients.size());
        return client;
    }

    private void remove(StreamClient client) {
        if (clients.remove(client.number, client)) {
            LOG.debug("Stream #{} of '{}' closed ({} open)", client.number, client.identity.user(), clients.size());
        }
    }

    /** @return the JSON of a record as the REST API writes it */
    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Queues a message to every client whose audience allows it; the data is written as JSON once. */
    void deliver(String event, Object data, Predicate<Audience> allowed) {
        String json = null;
        for (StreamClient c : clients.values()) {
            if (allowed.test(c.audience())) {
                if (json == null) {
                    json = json(data);
                }
                c.send(event, json);
            }
        }
    }

    /**
     * An event announced on EventAdmin (topic {@code gatehouse/event/<type>}, property {@code id}): sent when a
     * client is connected.
     */
    public void published(String topic, Map<String, Object> properties) {
        Object id = properties.get("id");
        if (clients.isEmpty() || id == null || !topic.startsWith(EVENT_TOPICS)
                || !services.available(EventService.class)) {
            return;
        }
        try {
            services.get(EventService.class).get(id.toString()).ifPresent(this::onEvent);
        } catch (RuntimeException e) {
            LOG.debug("Stream: event {} not sent: {}", id, e.toString());
        }
    }

    void onEvent(SecurityEvent e) {
        if (clients.isEmpty()) {
            return;
        }
        deliver("event", e, a -> a.everything() && a.seesType(e.type()));
        if (e.type().startsWith(VISIT_EVENTS)) {
            deliver("visit", e, Audience::everything);
            String host = e.attributes().get("hostId");
            deliver("event", e, a -> !a.everything() && a.seesVisit(host));
            deliver("visit", e, a -> !a.everything() && a.seesVisit(host));
        }
        if (PassageService.EVENT_PASSAGE.equals(e.type()) || PassageService.EVENT_STRANGER.equals(e.type())) {
            passage(e.attributes().get("passageId"));
        }
    }

    private void passage(String id) {
        if (id == null || !services.available(PassageService.class)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return;
        }
        services.get(PassageService.class).passage(pid)
                .ifPresent(p -> deliver("passage", p, a -> a.seesPassage(p.personId())));
    }

    void onAlarm(AlarmService.Transition transition, Alarm alarm) {
        deliver("alarm", alarm, a -> (a.everything() || a.alarms()) && a.seesType(alarm.type()));
    }

    /** Takes the alarm subscription again when its service changed (or came back). */
    private void subscribe() {
        synchronized (subscriptions) {
            if (closed) {
                return;
            }
            Object as = services.available(AlarmService.class) ? services.get(AlarmService.class) : null;
            if (as != alarmSource) {
                quietly(alarmSubscription);
                alarmSubscription = as == null ? null : ((AlarmService) as).subscribe(this::onAlarm);
                alarmSource = as;
            }
        }
    }

    /** One tick of the shared poller: the alarm subscription, outbox and devices. */
    void poll() {
        try {
            subscribe();
            boolean watched = clients.values().stream().anyMatch(c -> c.audience().everything());
            pollOutbox(watched);
            pollDevices(watched);
        } catch (RuntimeException e) {
            LOG.debug("Stream poll failed: {}", e.toString());
        }
    }

    private void pollOutbox(boolean watched) {
        if (!watched || !services.available(OutboxService.class)) {
            outboxSeen = null;
            return;
        }
        List<OutboxMessage> recent = services.get(OutboxService.class).query(null, 0, OUTBOX_WINDOW).items();
        Map<String, String> now = new HashMap<>();
        for (OutboxMessage m : recent) {
            String state = m.status() + "/" + m.attempts() + "/" + m.channelUsed();
            now.put(m.id(), state);
            if (outboxSeen != null && !Objects.equals(outboxSeen.get(m.id()), state)) {
                deliver("outbox", m, Audience::everything);
            }
        }
        outboxSeen = now;
    }

    private void pollDevices(boolean watched) {
        if (!watched || !services.available(SiteService.class)) {
            devicesSeen = null;
            return;
        }
        Map<String, String> now = new HashMap<>();
        for (Device d : services.get(SiteService.class).devices(null)) {
            String state = String.valueOf(d.status());
            now.put(d.id(), state);
            if (devicesSeen != null && !Objects.equals(devicesSeen.get(d.id()), state)) {
                deliver("device", d, Audience::everything);
            }
        }
        devicesSeen = now;
    }

    private void ping() {
        clients.values().forEach(c -> c.comment("ping"));
    }

    /** Reads the audience of each teacher and guardian again (its class or children may have changed). */
    private void refresh() {
        for (StreamClient c : clients.values()) {
            if (!c.audience().everything()) {
                try {
                    c.audience(Audience.of(c.identity, services));
                } catch (RuntimeException e) {
                    LOG.debug("Stream #{}: audience of '{}' not refreshed: {}", c.number, c.identity.user(),
                            e.toString());
                }
            }
        }
    }

    /** Ends the subscriptions and the poller and closes every client. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
        synchronized (subscriptions) {
            quietly(alarmSubscription);
            alarmSubscription = null;
            alarmSource = null;
        }
        List.copyOf(clients.values()).forEach(StreamClient::close);
    }

    private static void quietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Stream subscription not closed: {}", e.toString());
            }
        }
    }

}
