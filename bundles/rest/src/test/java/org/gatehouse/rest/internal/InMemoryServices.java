package org.gatehouse.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.AuditEntry;
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
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.SiteService;

/** Small in-memory implementations of the api services for the REST tests. */
public final class InMemoryServices {
    public final Audit audit = new Audit();
    public final Sites sites = new Sites(audit);
    public final Events events = new Events(sites);
    public final Alarms alarms = new Alarms();
    public final Outbox outbox = new Outbox();
    public final HealthImpl health = new HealthImpl();
    public final Control control = new Control(sites);
    public final People people = new People();
    public final Faces faces = new Faces();

    public Services services() {
        return new Services(sites, events, alarms, audit, outbox, health, control, people, faces);
    }

    /**
     * A face gallery for the REST mapping tests (the real one is core's FaceServiceImpl, tested there): images are
     * really decoded (ImageIO); a black top-left pixel means "no face"; every enrolled person is a candidate, the
     * latest enrolled one scoring 0.9.
     */
    public static final class Faces implements org.gatehouse.api.face.FaceService {
        final List<org.gatehouse.api.face.FaceTemplate> templates = new CopyOnWriteArrayList<>();
        public final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, org.gatehouse.api.face.Consent> consents = new ConcurrentHashMap<>();
        public volatile boolean engine = true;
        private final AtomicLong ids = new AtomicLong();

        private java.awt.image.BufferedImage decode(org.gatehouse.api.recognition.Frame f) {
            if (!engine) {
                throw GatehouseException.unavailable("no-engine", "no engine", null);
            }
            if (f.data().length == 0) {
                throw GatehouseException.invalid("image-empty", "empty");
            }
            java.awt.image.BufferedImage img;
            try {
                img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(f.data()));
            } catch (java.io.IOException e) {
                img = null;
            }
            if (img == null) {
                throw GatehouseException.invalid("image-undecodable", "not an image");
            }
            if ((img.getRGB(0, 0) & 0xffffff) == 0) {
                throw GatehouseException.invalid("no-face", "no face");
            }
            return img;
        }

        @Override
        public org.gatehouse.api.face.FaceTemplate enroll(String personId, org.gatehouse.api.recognition.Frame photo,
                                                          String actor) {
            java.awt.image.BufferedImage img = decode(photo);
            calls.add("enroll:" + actor + ":" + personId + ":" + photo.format() + ":" + img.getWidth());
            org.gatehouse.api.face.FaceTemplate t = new org.gatehouse.api.face.FaceTemplate(ids.incrementAndGet(),
                    personId, "test-model", ids.get(), new org.gatehouse.api.recognition.FaceQuality(img.getWidth(),
                    100, 0), Instant.now(), actor);
            templates.add(t);
            return t;
        }

        @Override
        public List<org.gatehouse.api.face.FaceTemplate> templates(String personId) {
            return templates.stream().filter(t -> t.personId().equals(personId)).collect(Collectors.toList());
        }

        @Override
        public void delete(long templateId, String actor) {
            if (!templates.removeIf(t -> t.id() == templateId)) {
                throw GatehouseException.notFound("unknown-template", "no template " + templateId);
            }
            calls.add("delete:" + actor + ":" + templateId);
        }

        @Override
        public int deletePerson(String personId, String actor) {
            int before = templates.size();
            templates.removeIf(t -> t.personId().equals(personId));
            return before - templates.size();
        }

        @Override
        public org.gatehouse.api.face.Identification identify(org.gatehouse.api.recognition.Frame probe, String use,
                                                              int topK) {
            return identify(probe(probe), use, topK);
        }

        @Override
        public org.gatehouse.api.face.Probe probe(org.gatehouse.api.recognition.Frame image) {
            java.awt.image.BufferedImage img = decode(image);
            return new org.gatehouse.api.face.Probe(new org.gatehouse.api.recognition.AnalyzedFace(
                    new org.gatehouse.api.recognition.Detection(0, 0, img.getWidth(), img.getHeight(), 1f, new float[0]),
                    new org.gatehouse.api.recognition.FaceQuality(img.getWidth(), 100, 0),
                    new org.gatehouse.api.recognition.Embedding("test-model", new float[] {1f})), 1);
        }

        /** The watchlist use finds nobody: this gallery has no watchlist. */
        @Override
        public org.gatehouse.api.face.Identification identify(org.gatehouse.api.face.Probe probe, String use,
                                                              int topK) {
            org.gatehouse.api.recognition.FaceQuality q = probe.face().quality();
            List<org.gatehouse.api.face.Candidate> out = new ArrayList<>();
            for (int i = templates.size() - 1; i >= 0 && out.size() < topK && !USE_WATCHLIST.equals(use); i--) {
                float score = i == templates.size() - 1 ? 0.9f : 0.1f;
                out.add(new org.gatehouse.api.face.Candidate(templates.get(i).personId(), null, templates.get(i).id(),
                        score, score >= 0.5f));
            }
            return new org.gatehouse.api.face.Identification(use, 0.5f, "test-model", probe.face().detection(), q, 1,
                    out);
        }

        @Override
        public org.gatehouse.api.face.FaceStatus status() {
            return new org.gatehouse.api.face.FaceStatus("onnx", engine, engine ? "test-model" : null,
                    engine ? List.of("onnx") : List.of(), Map.of("test-model", (long) templates.size()),
                    templates.size(), templates.size(), org.gatehouse.api.face.FaceStatus.Reenrollment.NONE, "vector");
        }

        /** What {@link #models()} answers; null: the interface's default (no catalogue). */
        public volatile org.gatehouse.api.face.FaceModels models = new org.gatehouse.api.face.FaceModels("legacy",
                "fr-detect.onnx MIT, fr-feature.onnx unknown",
                List.of(new org.gatehouse.api.face.FaceModels.ModelSet("legacy", "old set", "MIT; unknown", true),
                        new org.gatehouse.api.face.FaceModels.ModelSet("clean", "new set", "CC0-1.0", false)),
                List.of(new org.gatehouse.api.face.FaceModels.ModelFile("fr-detect.onnx", "detector", "both",
                        "pkg@0.0.1:package/model/fr_detect.onnx", "6c02", "MIT", "verified", true, true, true),
                        new org.gatehouse.api.face.FaceModels.ModelFile("fr-feature.onnx", "embedding", "legacy",
                        "pkg@0.0.1:package/model/fr_feature.onnx", "87aa", "unknown", "no established origin", true,
                        true, true)));

        @Override
        public org.gatehouse.api.face.FaceModels models() {
            return models == null ? org.gatehouse.api.face.FaceService.super.models() : models;
        }

        @Override
        public float threshold(String use) {
            return 0.5f;
        }

        @Override
        public org.gatehouse.api.face.Consent recordConsent(String studentId, String guardianId, boolean granted,
                                                            String actor) {
            if (!guardianId.startsWith("g-")) {
                throw GatehouseException.invalid("not-guardian", guardianId + " is not a guardian of " + studentId);
            }
            org.gatehouse.api.face.Consent c = new org.gatehouse.api.face.Consent(studentId, guardianId, granted,
                    Instant.now(), actor);
            consents.put(studentId, c);
            return c;
        }

        @Override
        public Optional<org.gatehouse.api.face.Consent> consent(String studentId) {
            return Optional.ofNullable(consents.get(studentId));
        }

        @Override
        public org.gatehouse.api.recognition.RecognitionEngine activeEngine() {
            throw GatehouseException.unavailable("no-engine", "not in the REST tests", null);
        }
    }

    /** Persons in a map; reads by a user are recorded like the core's audit. */
    public static final class People implements org.gatehouse.api.service.PersonService {
        final Map<String, org.gatehouse.api.Person> persons = new java.util.TreeMap<>();
        final List<org.gatehouse.api.GuardianBinding> bindings = new CopyOnWriteArrayList<>();
        final List<String> reads = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Page<org.gatehouse.api.Person> persons(org.gatehouse.api.PersonRole role, String group,
                                                                   int offset, int limit) {
            List<org.gatehouse.api.Person> all = persons.values().stream()
                    .filter(p -> role == null || p.role() == role)
                    .filter(p -> group == null || group.equals(p.group())).collect(Collectors.toList());
            return page(all, offset, limit);
        }

        @Override
        public synchronized Optional<org.gatehouse.api.Person> person(String id, String reader) {
            if (reader != null && persons.containsKey(id)) {
                reads.add(reader + ":" + id);
            }
            return Optional.ofNullable(persons.get(id));
        }

        @Override
        public synchronized org.gatehouse.api.Person savePerson(org.gatehouse.api.Person p, String actor) {
            if (p.role() == null) {
                throw GatehouseException.invalid("missing-role", "role is required");
            }
            persons.put(p.id(), p);
            return p;
        }

        @Override
        public synchronized void deletePerson(String id, String actor) {
            if (persons.remove(id) == null) {
                throw GatehouseException.notFound("unknown-person", "person '" + id + "' does not exist");
            }
        }

        @Override
        public List<org.gatehouse.api.GuardianBinding> guardians(String studentId) {
            return bindings.stream().filter(b -> b.studentId().equals(studentId)).collect(Collectors.toList());
        }

        @Override
        public List<org.gatehouse.api.GuardianBinding> children(String guardianId) {
            return bindings.stream().filter(b -> b.guardianId().equals(guardianId)).collect(Collectors.toList());
        }

        @Override
        public List<org.gatehouse.api.GuardianBinding> bindings() {
            return List.copyOf(bindings);
        }

        @Override
        public synchronized org.gatehouse.api.GuardianBinding bind(org.gatehouse.api.GuardianBinding b, String actor) {
            if (!persons.containsKey(b.guardianId()) || !persons.containsKey(b.studentId())) {
                throw GatehouseException.notFound("unknown-person", "guardian or student does not exist");
            }
            bindings.removeIf(x -> x.guardianId().equals(b.guardianId()) && x.studentId().equals(b.studentId()));
            bindings.add(b);
            return b;
        }

        @Override
        public void unbind(String guardianId, String studentId, String actor) {
            if (!bindings.removeIf(x -> x.guardianId().equals(guardianId) && x.studentId().equals(studentId))) {
                throw GatehouseException.notFound("unknown-binding", "not bound");
            }
        }

        @Override
        public List<Contact> guardianContacts(String studentId) {
            return List.of();
        }

        @Override
        public List<Contact> zoneContacts(String zoneId) {
            return List.of();
        }
    }

    /** Devices whose id starts with "drv-" have a driver that supports "open" only. */
    public static final class Control implements org.gatehouse.api.service.DeviceControl {
        private final Sites sites;
        final List<String> executed = new java.util.concurrent.CopyOnWriteArrayList<>();

        Control(Sites sites) {
            this.sites = sites;
        }

        @Override
        public java.util.concurrent.CompletionStage<org.gatehouse.api.device.CommandResult> execute(String deviceId,
                org.gatehouse.api.device.DeviceCommand command, String actor) {
            if (sites.device(deviceId).isEmpty()) {
                throw GatehouseException.notFound("unknown-device", "device '" + deviceId + "' is not registered");
            }
            if (!deviceId.startsWith("drv-")) {
                throw GatehouseException.unavailable("no-driver", "no driver is attached to device '" + deviceId + "'",
                        null);
            }
            executed.add(actor + ":" + deviceId + ":" + command.name());
            return java.util.concurrent.CompletableFuture.completedFuture("open".equals(command.name())
                    ? org.gatehouse.api.device.CommandResult.success()
                    : org.gatehouse.api.device.CommandResult.failed("unsupported command: " + command.name()));
        }

        /** Devices "drv-map-*" map messages: the payload "alarm" gives one fence.intrusion, anything else none. */
        @Override
        public org.gatehouse.api.device.MappingResult testPayload(String deviceId, String payload) {
            mapper(deviceId);
            if (payload == null || payload.isEmpty()) {
                throw GatehouseException.invalid("missing-payload", "give a sample payload to map");
            }
            return payload.equals("alarm") ? new org.gatehouse.api.device.MappingResult(true, "map.1: $.a",
                    List.of(new SecurityEvent(null, null, null, deviceId, null, "fence.intrusion", null, null, null,
                            null)), null) : org.gatehouse.api.device.MappingResult.unmatched("no rule matched");
        }

        @Override
        public org.gatehouse.api.device.MappingStats mappingStats(String deviceId) {
            mapper(deviceId);
            return new org.gatehouse.api.device.MappingStats(2, 1, 1, 0, java.time.Instant.EPOCH, "'x': no rule matched");
        }

        private void mapper(String deviceId) {
            if (sites.device(deviceId).isEmpty()) {
                throw GatehouseException.notFound("unknown-device", "device '" + deviceId + "' is not registered");
            }
            if (!deviceId.startsWith("drv-")) {
                throw GatehouseException.unavailable("no-driver", "no driver is attached to device '" + deviceId + "'",
                        null);
            }
            if (!deviceId.startsWith("drv-map-")) {
                throw GatehouseException.invalid("no-mapping", "the driver of device '" + deviceId
                        + "' does not map messages");
            }
        }
    }

    static <T> Page<T> page(List<T> all, int offset, int limit) {
        List<T> items = offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
        return new Page<>(items, all.size(), offset, limit);
    }

    public static final class Audit implements AuditService {
        final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong();

        @Override
        public AuditEntry record(String actor, String action, String subjectType, String subjectId, String detail) {
            AuditEntry e = new AuditEntry(ids.incrementAndGet(), Instant.now(), actor, action, subjectType, subjectId,
                    detail);
            entries.add(e);
            return e;
        }

        @Override
        public Page<AuditEntry> query(String subjectType, String subjectId, Instant from, int offset, int limit) {
            List<AuditEntry> all = entries.stream()
                    .filter(e -> subjectType == null || subjectType.equals(e.subjectType()))
                    .filter(e -> subjectId == null || subjectId.equals(e.subjectId()))
                    .filter(e -> from == null || !e.time().isBefore(from))
                    .sorted(Comparator.comparingLong(AuditEntry::id).reversed()).toList();
            return page(all, offset, limit);
        }
    }

    public static final class Sites implements SiteService {
        final Map<String, Site> sites = new ConcurrentHashMap<>();
        final Map<String, Zone> zones = new ConcurrentHashMap<>();
        final Map<String, Device> devices = new ConcurrentHashMap<>();
        final Audit audit;

        Sites(Audit audit) {
            this.audit = audit;
        }

        @Override
        public List<Site> sites() {
            return List.copyOf(sites.values());
        }

        @Override
        public Optional<Site> site(String id) {
            return Optional.ofNullable(sites.get(id));
        }

        @Override
        public Site saveSite(Site site, String actor) {
            if (site.name() == null) {
                throw GatehouseException.invalid("missing-name", "name is required");
            }
            sites.put(site.id(), site);
            audit.record(actor, "site-save", "site", site.id(), null);
            return site;
        }

        @Override
        public void deleteSite(String id, String actor) {
            if (zones.values().stream().anyMatch(z -> z.siteId().equals(id))) {
                throw GatehouseException.conflict("site-in-use", "site '" + id + "' has zones");
            }
            sites.remove(id);
            audit.record(actor, "site-delete", "site", id, null);
        }

        @Override
        public List<Zone> zones(String siteId) {
            return zones.values().stream().filter(z -> siteId == null || siteId.equals(z.siteId())).toList();
        }

        @Override
        public Optional<Zone> zone(String id) {
            return Optional.ofNullable(zones.get(id));
        }

        @Override
        public Zone saveZone(Zone zone, String actor) {
            if (!sites.containsKey(zone.siteId())) {
                throw GatehouseException.notFound("unknown-site", "site '" + zone.siteId() + "' does not exist");
            }
            zones.put(zone.id(), zone);
            audit.record(actor, "zone-save", "zone", zone.id(), null);
            return zone;
        }

        @Override
        public void deleteZone(String id, String actor) {
            zones.remove(id);
            audit.record(actor, "zone-delete", "zone", id, null);
        }

        @Override
        public List<Device> devices(String siteId) {
            return devices.values().stream().filter(d -> siteId == null || siteId.equals(d.siteId())).toList();
        }

        @Override
        public Optional<Device> device(String id) {
            return Optional.ofNullable(devices.get(id));
        }

        @Override
        public Device saveDevice(Device device, String actor) {
            if (!sites.containsKey(device.siteId())) {
                throw GatehouseException.notFound("unknown-site", "site '" + device.siteId() + "' does not exist");
            }
            Device old = devices.get(device.id());
            Device saved = old == null ? device : device.withStatus(old.status());
            devices.put(device.id(), saved);
            audit.record(actor, old == null ? "device-add" : "device-update", "device", device.id(), null);
            return saved;
        }

        @Override
        public void deleteDevice(String id, String actor) {
            devices.remove(id);
            audit.record(actor, "device-delete", "device", id, null);
        }

        @Override
        public void updateDeviceStatus(String id, DeviceStatus status, String reason) {
            devices.computeIfPresent(id, (k, d) -> d.withStatus(status));
        }
    }

    public static final class Events implements EventService {
        final Map<String, SecurityEvent> stored = new ConcurrentHashMap<>();
        final List<SecurityEvent> order = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong();
        final Sites sites;

        Events(Sites sites) {
            this.sites = sites;
        }

        /** The core's checks that the REST tests rely on, with its reason codes. */
        private Device check(SecurityEvent e) {
            if (e.deviceId() == null || e.deviceId().isBlank()) {
                throw GatehouseException.invalid("missing-deviceId", "deviceId is required");
            }
            if (e.type() == null || e.type().isBlank()) {
                throw GatehouseException.invalid("missing-type", "type is required");
            }
            if (!e.type().matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
                throw GatehouseException.invalid("bad-type", "type must be lower-case dotted words");
            }
            Device d = sites.devices.get(e.deviceId());
            if (d == null) {
                throw GatehouseException.notFound("unknown-device", "device '" + e.deviceId() + "' is not registered");
            }
            return d;
        }

        private IngestResult store(SecurityEvent e, Device d) {
            if (e.id() != null && stored.containsKey(e.id())) {
                return new IngestResult(stored.get(e.id()), true);
            }
            SecurityEvent full = e.complete(e.id() == null ? "ev-" + ids.incrementAndGet() : e.id(),
                    e.time() == null ? Instant.now() : e.time(), e.siteId() == null ? d.siteId() : e.siteId(),
                    e.zoneId() == null ? d.zoneId() : e.zoneId(), e.severity() == null ? Severity.INFO : e.severity());
            stored.put(full.id(), full);
            order.add(full);
            return new IngestResult(full, false);
        }

        @Override
        public synchronized IngestResult ingest(SecurityEvent e) {
            return store(e, check(e));
        }

        @Override
        public synchronized List<IngestResult> ingestAll(List<SecurityEvent> batch) {
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    devices.add(check(batch.get(i)));
                } catch (GatehouseException ex) {
                    throw new GatehouseException(ex.kind(), ex.code(), "event [" + i + "]: " + ex.getMessage());
                }
            }
            List<IngestResult> out = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                out.add(store(batch.get(i), devices.get(i)));
            }
            return out;
        }

        @Override
        public Optional<SecurityEvent> get(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        volatile EventQuery lastQuery;

        @Override
        public Page<SecurityEvent> query(EventQuery q) {
            lastQuery = q;
            List<SecurityEvent> all = new ArrayList<>(order);
            java.util.Collections.reverse(all);
            all = all.stream().filter(e -> q.type() == null || q.type().equals(e.type()))
                    .filter(e -> q.deviceId() == null || q.deviceId().equals(e.deviceId()))
                    .collect(Collectors.toList());
            return page(all, q.offset(), q.limit());
        }

        @Override
        public AutoCloseable subscribe(String typePattern, EventListener listener) {
            return () -> { };
        }

        @Override
        public SpineStats stats() {
            return new SpineStats(order.size(), 0, 0, 0);
        }
    }

    public static final class Alarms implements AlarmService {
        final Map<Long, Alarm> alarms = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();

        @Override
        public Alarm raise(SecurityEvent event, String message) {
            long id = ids.incrementAndGet();
            Alarm a = new Alarm(id, AlarmService.sourceKey(event), event.type(), Severity.MAJOR, event.siteId(),
                    event.zoneId(), event.deviceId(), message, AlarmState.RAISED, 1, Instant.now(), Instant.now(),
                    event.id(), 0, null, null, null, null, null);
            alarms.put(id, a);
            return a;
        }

        @Override
        public Optional<Alarm> clear(SecurityEvent restoreEvent) {
            return Optional.empty();
        }

        @Override
        public Alarm acknowledge(long id, String user, String note) {
            Alarm a = alarms.get(id);
            if (a == null) {
                throw GatehouseException.notFound("unknown-alarm", "alarm " + id + " does not exist");
            }
            if (a.state() != AlarmState.RAISED) {
                throw GatehouseException.conflict("alarm-state", "alarm " + id + " is " + a.state());
            }
            Alarm b = new Alarm(a.id(), a.sourceKey(), a.type(), a.severity(), a.siteId(), a.zoneId(), a.deviceId(),
                    a.message(), AlarmState.ACKNOWLEDGED, a.count(), a.firstAt(), a.lastAt(), a.lastEventId(),
                    a.escalationLevel(), user, Instant.now(), null, null, note);
            alarms.put(id, b);
            return b;
        }

        @Override
        public Alarm resolve(long id, String user, String note) {
            Alarm a = alarms.get(id);
            if (a == null) {
                throw GatehouseException.notFound("unknown-alarm", "alarm " + id + " does not exist");
            }
            if (!a.state().active()) {
                throw GatehouseException.conflict("alarm-state", "alarm " + id + " is " + a.state());
            }
            Alarm b = new Alarm(a.id(), a.sourceKey(), a.type(), a.severity(), a.siteId(), a.zoneId(), a.deviceId(),
                    a.message(), AlarmState.RESOLVED, a.count(), a.firstAt(), a.lastAt(), a.lastEventId(),
                    a.escalationLevel(), a.ackBy(), a.ackAt(), user, Instant.now(), note);
            alarms.put(id, b);
            return b;
        }

        @Override
        public Optional<Alarm> get(long id) {
            return Optional.ofNullable(alarms.get(id));
        }

        volatile AlarmQuery lastQuery;

        @Override
        public Page<Alarm> query(AlarmQuery q) {
            lastQuery = q;
            List<Alarm> all = alarms.values().stream()
                    .filter(a -> q.states().isEmpty() || q.states().contains(a.state()))
                    .sorted(Comparator.comparingLong(Alarm::id).reversed()).toList();
            return page(all, q.offset(), q.limit());
        }

        @Override
        public AutoCloseable subscribe(AlarmListener listener) {
            return () -> { };
        }
    }

    public static final class Outbox implements OutboxService {
        final Map<String, OutboxMessage> messages = new ConcurrentHashMap<>();

        @Override
        public OutboxMessage enqueue(OutboxService.Request r) {
            OutboxMessage m = new OutboxMessage("m" + (messages.size() + 1), r.channel(), r.filter(), r.kind(),
                    r.recipient(), r.subject(), OutboxMessage.Status.QUEUED, 0, Instant.now(), Instant.now(), null,
                    null, null, OutboxService.Priority.NORMAL, null, null, null);
            messages.put(m.id(), m);
            return m;
        }

        @Override
        public boolean receipt(String provider, String providerMessageId, boolean delivered, String detail) {
            return false;
        }

        @Override
        public Optional<OutboxMessage> get(String id) {
            return Optional.ofNullable(messages.get(id));
        }

        @Override
        public Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit) {
            return page(messages.values().stream().filter(m -> status == null || m.status() == status).toList(),
                    offset, limit);
        }
    }

    public static final class HealthImpl implements HealthService {
        volatile Status status = Status.UP;
        volatile boolean broken;

        @Override
        public Health health() {
            if (broken) {
                throw new IllegalStateException("simulated failure");
            }
            return new Health(status, Map.of("store", status), Map.of("store", "ok"), plugins());
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of(new PluginInfo("driver", "gate-1", "facegate", "org.gatehouse.device.simulator", "ONLINE"));
        }
    }
}
