package org.gatehouse.camel.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.core.internal.message.MessageServiceImpl;
import org.gatehouse.core.testing.TestDb;

/**
 * Small in-memory fakes of the event, alarm and outbox services the components use, and the core's real message
 * service behind {@code gatehouse-notify}: over the fake outbox, the persons and duty roster a test gives, and the
 * core's real templates on a Derby database (the core's test fixture).
 */
final class Fakes {
    private static TemplateService templates;

    private Fakes() {
    }

    /** @return a service whose every method throws UnsupportedOperationException */
    static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                }));
    }

    /** @return the core's template service with its shipped defaults, on a Derby database of the core's fixture */
    static synchronized TemplateService templates() {
        if (templates == null) {
            templates = TestDb.platform().templates;
        }
        return templates;
    }

    /** @return the core's message service over these services (none of them may be null) */
    static MessageService messages(OutboxService outbox, PersonService persons, DutyService duty,
                                   TemplateService templates) {
        return new MessageServiceImpl(persons, duty, templates, outbox, unsupported(SiteService.class));
    }

    /** @return the core's message service over the outbox and the shipped templates; no persons, no duty roster */
    static MessageService messages(OutboxService outbox) {
        return messages(outbox, unsupported(PersonService.class), unsupported(DutyService.class), templates());
    }

    static SecurityEvent event(String type, Severity severity) {
        return new SecurityEvent("e-" + type, Instant.parse("2026-01-01T00:00:00Z"), "campus", "fence-1",
                "north-fence", type, severity, Map.of(), null, null);
    }

    static Alarm alarm(long id, Severity severity, int count, int level) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Alarm(id, "fence-1/fence.intrusion", "fence.intrusion", severity, "campus", "north-fence",
                "fence-1", null, AlarmState.RAISED, count, t, t.plusSeconds(60), "e-9", level, null, null, null,
                null, null);
    }

    static final class Events implements EventService {
        final List<SecurityEvent> ingested = new ArrayList<>();
        final List<Sub> subs = new CopyOnWriteArrayList<>();

        record Sub(String pattern, EventListener listener) {
        }

        /** Publishes to every subscriber whose pattern matches, as the spine would. */
        void publish(SecurityEvent e) throws Exception {
            for (Sub s : subs) {
                String p = s.pattern();
                boolean match = p.equals("*") || p.equals(e.type())
                        || p.endsWith("*") && e.type().startsWith(p.substring(0, p.length() - 1));
                if (match) {
                    s.listener().onEvent(e);
                }
            }
        }

        @Override
        public java.util.List<IngestResult> ingestAll(java.util.List<SecurityEvent> batch) {
            java.util.List<IngestResult> out = new java.util.ArrayList<>();
            for (SecurityEvent e : batch) {
                out.add(ingest(e));
            }
            return out;
        }

        @Override
        public IngestResult ingest(SecurityEvent event) {
            ingested.add(event);
            return new IngestResult(event, false);
        }

        @Override
        public Optional<SecurityEvent> get(String id) {
            return Optional.empty();
        }

        @Override
        public Page<SecurityEvent> query(EventQuery query) {
            return new Page<>(List.of(), 0, 0, 0);
        }

        @Override
        public AutoCloseable subscribe(String typePattern, EventListener listener) {
            Sub s = new Sub(typePattern, listener);
            subs.add(s);
            return () -> subs.remove(s);
        }

        @Override
        public SpineStats stats() {
            return new SpineStats(ingested.size(), 0, 0, 0);
        }
    }

    static final class Alarms implements AlarmService {
        final List<String> calls = new ArrayList<>();
        final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
        long nextId = 1;

        void publish(Transition t, Alarm a) throws Exception {
            for (AlarmListener l : listeners) {
                l.onTransition(t, a);
            }
        }

        @Override
        public Alarm raise(SecurityEvent event, String message) {
            calls.add("raise " + event.type() + " " + message);
            Alarm a = alarm(nextId++, event.severity(), 1, 0);
            return new Alarm(a.id(), a.sourceKey(), event.type(), a.severity(), a.siteId(), a.zoneId(), a.deviceId(),
                    message, a.state(), 1, a.firstAt(), a.lastAt(), event.id(), 0, null, null, null, null, null);
        }

        @Override
        public Optional<Alarm> clear(SecurityEvent restoreEvent) {
            calls.add("clear " + restoreEvent.type());
            return Optional.of(alarm(7, Severity.MAJOR, 1, 0));
        }

        @Override
        public Alarm acknowledge(long id, String user, String note) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Alarm resolve(long id, String user, String note) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Alarm> get(long id) {
            return Optional.empty();
        }

        @Override
        public Page<Alarm> query(AlarmQuery query) {
            return new Page<>(List.of(), 0, 0, 0);
        }

        @Override
        public AutoCloseable subscribe(AlarmListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    static final class Outbox implements OutboxService {
        record Queued(String channel, String filter, String kind, String recipient, String language, String subject,
                      String text, Map<String, String> data, String dedupeKey) {
        }

        final List<Queued> queued = new ArrayList<>();
        BiConsumer<String, String> onEnqueue = (c, k) -> { };

        @Override
        public OutboxMessage enqueue(Request r) {
            queued.add(new Queued(r.channel(), r.filter(), r.kind(), r.recipient(), r.language(), r.subject(), r.text(),
                    Map.copyOf(r.data()), r.dedupeKey()));
            requests.add(r);
            onEnqueue.accept(r.channel(), r.dedupeKey());
            return new OutboxMessage("m" + queued.size(), r.channel(), r.filter(), r.kind(), r.recipient(), r.subject(),
                    OutboxMessage.Status.QUEUED, 0, Instant.now(), Instant.now(), null, null, null, r.priority(),
                    r.fallbackChannel(), null, null);
        }

        final List<Request> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean receipt(String provider, String providerMessageId, boolean delivered, String detail) {
            return false;
        }

        @Override
        public Optional<OutboxMessage> get(String id) {
            return Optional.empty();
        }

        @Override
        public Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit) {
            return new Page<>(List.of(), 0, 0, 0);
        }
    }
}
