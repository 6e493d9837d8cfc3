package org.gatehouse.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;

/** Small in-memory fakes of the api services, with just what the commands use. */
final class Fakes {

    private Fakes() {
    }

    static SecurityEvent event(String id, String type, Instant time) {
        return new SecurityEvent(id, time, "north", "fence-1", "z1", type, Severity.MAJOR, Map.of("seq", "1"), null,
                null);
    }

    static Alarm alarm(long id, AlarmState state) {
        Instant t = Instant.parse("2025-03-01T08:30:00Z");
        return new Alarm(id, "fence-1/fence.intrusion", "fence.intrusion", Severity.MAJOR, "north", "z1", "fence-1",
                "Fence intrusion", state, 2, t, t.plusSeconds(5), "e2", 0, null, null, null, null, null);
    }

    static final class Sites implements SiteService {
        final Map<String, Device> devices = new LinkedHashMap<>();
        final List<String> actors = new ArrayList<>();

        @Override
        public List<Site> sites() {
            return List.of(new Site("north", "North campus", "Asia/Shanghai", null));
        }

        @Override
        public Optional<Site> site(String id) {
            return sites().stream().filter(s -> s.id().equals(id)).findFirst();
        }

        @Override
        public Site saveSite(Site site, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteSite(String id, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Zone> zones(String siteId) {
            return List.of();
        }

        @Override
        public Optional<Zone> zone(String id) {
            return Optional.empty();
        }

        @Override
        public Zone saveZone(Zone zone, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteZone(String id, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Device> devices(String siteId) {
            return devices.values().stream().filter(d -> siteId == null || d.siteId().equals(siteId)).toList();
        }

        @Override
        public Optional<Device> device(String id) {
            return Optional.ofNullable(devices.get(id));
        }

        @Override
        public Device saveDevice(Device device, String actor) {
            if (site(device.siteId()).isEmpty()) {
                throw GatehouseException.notFound("unknown-site", "site '" + device.siteId() + "' does not exist");
            }
            actors.add(actor);
            devices.put(device.id(), device);
            return device;
        }

        @Override
        public void deleteDevice(String id, String actor) {
            if (devices.remove(id) == null) {
                throw GatehouseException.notFound("unknown-device", "device '" + id + "' is not registered");
            }
            actors.add(actor);
        }

        @Override
        public void updateDeviceStatus(String id, DeviceStatus status, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Events implements EventService {
        final List<SecurityEvent> stored = new ArrayList<>(); // newest first
        final List<EventQuery> queries = new CopyOnWriteArrayList<>();
        volatile EventListener listener;
        volatile String pattern;
        volatile boolean closed;

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
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SecurityEvent> get(String id) {
            return Optional.empty();
        }

        @Override
        public Page<SecurityEvent> query(EventQuery query) {
            queries.add(query);
            List<SecurityEvent> items = stored.stream().limit(query.limit()).toList();
            return new Page<>(items, stored.size(), 0, query.limit());
        }

        @Override
        public AutoCloseable subscribe(String typePattern, EventListener l) {
            pattern = typePattern;
            listener = l;
            return () -> closed = true;
        }

        @Override
        public SpineStats stats() {
            return new SpineStats(0, 0, 0, 0);
        }
    }

    static final class Alarms implements AlarmService {
        final List<Alarm> alarms = new ArrayList<>();
        final List<AlarmQuery> queries = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Alarm raise(SecurityEvent event, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Alarm> clear(SecurityEvent restoreEvent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Alarm acknowledge(long id, String user, String note) {
            calls.add("ack " + id + " " + user + " " + note);
            Alarm a = get(id).orElseThrow(() -> GatehouseException.notFound("unknown-alarm", "alarm " + id
                    + " does not exist"));
            if (a.state() != AlarmState.RAISED) {
                throw GatehouseException.conflict("alarm-not-raised", "alarm " + id + " is " + a.state());
            }
            return new Alarm(a.id(), a.sourceKey(), a.type(), a.severity(), a.siteId(), a.zoneId(), a.deviceId(),
                    a.message(), AlarmState.ACKNOWLEDGED, a.count(), a.firstAt(), a.lastAt(), a.lastEventId(),
                    a.escalationLevel(), user, a.lastAt().plusSeconds(60), null, null, note);
        }

        @Override
        public Alarm resolve(long id, String user, String note) {
            calls.add("resolve " + id + " " + user + " " + note);
            throw GatehouseException.notFound("unknown-alarm", "alarm " + id + " does not exist");
        }

        @Override
        public Optional<Alarm> get(long id) {
            return alarms.stream().filter(a -> a.id() == id).findFirst();
        }

        @Override
        public Page<Alarm> query(AlarmQuery query) {
            queries.add(query);
            List<Alarm> items = alarms.stream()
                    .filter(a -> query.states().isEmpty() || query.states().contains(a.state()))
                    .limit(query.limit()).toList();
            return new Page<>(items, items.size(), 0, query.limit());
        }

        @Override
        public AutoCloseable subscribe(AlarmListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
