package org.gatehouse.routes.danger.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Zone;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@value #ROUTE_ID}: a RAISED alarm of type {@code danger.warning} (not the bare warning event, so the message
 * names the alarm that staff acknowledge and that escalates, and warnings folded into it send nothing more) goes to
 * the zone's responsible staff ({@link Zone#responsibleStaff()}) and the people on duty on {@code duty.post} (the
 * duty leader), kind {@code danger.warning}: zone name, time, sensing device, kind, people counted, the signed link
 * to the snapshot, the signed, expiring live-view link of the warning's camera
 * ({@code <base>/gatehouse/api/live/<token>}, subject {@code live:<camera>}) and the console page of the alarm.
 * Priority by severity: CRITICAL and MAJOR are CRITICAL (quiet hours do not hold them back), WARNING NORMAL, INFO LOW.
 * Dedupe key {@code danger.warning:<alarmId>}.
 */
@Component(name = Settings.PID, service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = DangerRoutesConfig.class)
public class DangerZoneRoutes extends RouteBuilder {
    static final String ROUTE_ID = "gatehouse-danger-notify";
    static final String SOURCE = "gatehouse-alarm:raised?transitions=RAISED";
    static final String TARGET = "GatehouseNotifyTarget";
    static final String DEDUPE = "GatehouseNotifyDedupeKey";
    static final String PRIORITY = "GatehouseDangerPriority";
    /** Where the live view is served (REST {@code GET /live/{token}}). */
    static final String LIVE_PATH = "/gatehouse/api/live/";
    private static final Pattern PASSAGE_SNAPSHOT = Pattern.compile("passages/([0-9]{1,18})/snapshot");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final Logger LOG = LoggerFactory.getLogger(DangerZoneRoutes.class);

    private String source = SOURCE;
    /** Null after a bad configuration: the route does not start. */
    private Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SignedLinks links;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DutyService duty;

    /** The warning event behind the alarm (its attributes name the camera, kind and sensor; its snapshot). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventService events;

    /** For DS. */
    public DangerZoneRoutes() {
    }

    /** For tests: another source endpoint and checked settings (null: a bad configuration). */
    DangerZoneRoutes(String source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    @Activate
    void activate(DangerRoutesConfig config) {
        try {
            settings = Settings.of(config);
            if (!settings.enabled()) {
                LOG.info("Danger-zone warnings are disabled (enabled = false in {})", Settings.PID);
            } else if (settings.baseUrl() == null) {
                LOG.info("public.base.url is not set: danger-zone warnings carry no snapshot, live-view or console"
                        + " links");
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Danger-zone warnings not started: bad configuration {}: {}", Settings.PID, e.getMessage());
            settings = null;
        }
    }

    @Override
    public void configure() {
        if (settings == null || !settings.enabled()) {
            return;
        }
        // a message that cannot be rendered or queued is dropped with one line; the alarm stays
        onException(GatehouseException.class).handled(true).process(exchange -> {
            GatehouseException ex = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatehouseException.class);
            LOG.warn("No danger-zone message {}: {} {}", exchange.getIn().getHeader(DEDUPE), ex.code(),
                    ex.getMessage());
        });
        from(source).routeId(ROUTE_ID).description("Danger-zone warnings to the zone's staff and the duty leader")
                .filter(exchange -> {
                    Alarm a = exchange.getIn().getBody(Alarm.class);
                    return a != null && PresenceEvents.WARNING.equals(a.type()) && prepare(exchange, a);
                })
                .toD("gatehouse-notify:persons?kind=danger.warning&priority=${header." + PRIORITY + "}&language="
                        + settings.language());
    }

    /** @return false (with one line) when nobody is to be told */
    private boolean prepare(Exchange exchange, Alarm a) {
        SecurityEvent e = warningEvent(a);
        Map<String, String> attrs = e == null ? Map.of() : e.attributes();
        String zoneId = first(e == null ? null : e.zoneId(), a.zoneId());
        Zone zone = zone(zoneId);
        Set<String> to = new LinkedHashSet<>();
        if (zone != null) {
            zone.responsibleStaff().stream().filter(id -> id != null && !id.isBlank()).forEach(to::add);
        }
        DutyService roster = duty;
        if (settings.dutyPost() != null && roster != null) {
            roster.onDuty(Instant.now()).stream().filter(d -> settings.dutyPost().equals(d.shift().post()))
                    .forEach(d -> to.add(d.person().id()));
        }
        if (to.isEmpty()) {
            LOG.warn("Danger-zone alarm #{} in {}: nobody to tell (the zone has no responsible staff and {})", a.id(),
                    zoneId, settings.dutyPost() == null ? "duty.post is not set"
                            : "nobody is on duty on " + settings.dutyPost());
            return false;
        }
        String camera = attrs.get(PresenceEvents.ATTR_CAMERA);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alarmId", Long.toString(a.id()));
        m.put("zone", zone == null ? first(zoneId, "?") : first(zone.name(), zone.id()));
        m.put("time", HH_MM.format((e != null && e.time() != null ? e.time() : a.firstAt()).atZone(settings.zone())));
        m.put("device", device(first(e == null ? null : e.deviceId(), a.deviceId())));
        m.put("kind", first(attrs.get(PresenceEvents.ATTR_KIND), ""));
        m.put("persons", first(attrs.get(PresenceEvents.ATTR_PERSONS), ""));
        m.put("snapshot", e == null ? "" : snapshot(e.snapshotRef(), e.id()));
        m.put("live", live(camera));
        m.put("link", settings.baseUrl() == null ? "" : settings.baseUrl() + "/gatehouse/#/alarms/" + a.id());
        exchange.getIn().setHeader(TARGET, String.join(",", to));
        exchange.getIn().setHeader(DEDUPE, "danger.warning:" + a.id());
        exchange.getIn().setHeader(PRIORITY, priority(a.severity()));
        exchange.getIn().setBody(m);
        LOG.debug("Danger-zone alarm #{} in {}: telling {}", a.id(), zoneId, to);
        return true;
    }

    /** CRITICAL and MAJOR: CRITICAL; WARNING: NORMAL; INFO (or none): LOW. */
    static String priority(Severity s) {
        if (s == null) {
            return "LOW";
        }
        return switch (s) {
            case CRITICAL, MAJOR -> "CRITICAL";
            case WARNING -> "NORMAL";
            default -> "LOW";
        };
    }

    /** @return the warning event that raised the alarm, null (with one line) when it cannot be read */
    private SecurityEvent warningEvent(Alarm a) {
        EventService spine = events;
        SecurityEvent e = spine == null || a.lastEventId() == null ? null : spine.get(a.lastEventId()).orElse(null);
        if (e == null) {
            LOG.warn("Danger-zone alarm #{}: its event {} cannot be read; the message has no snapshot or live view",
                    a.id(), a.lastEventId());
        }
        return e;
    }

    private Zone zone(String zoneId) {
        SiteService registry = sites;
        return registry == null || zoneId == null || zoneId.isBlank() ? null : registry.zone(zoneId).orElse(null);
    }

    /** @return the device's name, its id when the registry does not know it */
    private String device(String deviceId) {
        SiteService registry = sites;
        if (deviceId == null || deviceId.isBlank()) {
            return "?";
        }
        return registry == null ? deviceId : registry.device(deviceId).map(Device::name).orElse(deviceId);
    }

    /**
     * @return the signed link to the warning's snapshot: a passage snapshot ({@code passages/<id>/snapshot}) by its
     *         passage, any other (a camera's presence snapshot) by the warning event ({@code event:<id>}, which
     *         {@code /s/<token>} answers with the event's snapshot); empty without a base URL, the signing service or
     *         a snapshot
     */
    String snapshot(String snapshotRef, String eventId) {
        String ref = snapshotRef == null ? "" : snapshotRef.strip();
        if (ref.isEmpty()) {
            return "";
        }
        Matcher m = PASSAGE_SNAPSHOT.matcher(ref);
        if (m.matches()) {
            return sign("passage:" + m.group(1), settings.linkTtl(), "/gatehouse/api/s/");
        }
        return eventId == null ? "" : sign("event:" + eventId, settings.linkTtl(), "/gatehouse/api/s/");
    }

    /** @return the live-view link of a camera, empty without a camera, a base URL or the signing service */
    String live(String camera) {
        if (camera == null || camera.isBlank()) {
            return "";
        }
        return sign("live:" + camera.strip(), settings.liveTtl(), LIVE_PATH);
    }

    private String sign(String subject, java.time.Duration ttl, String path) {
        SignedLinks signer = links;
        if (settings.baseUrl() == null || signer == null) {
            return "";
        }
        try {
            return settings.baseUrl() + path + signer.sign(subject, ttl);
        } catch (GatehouseException ex) {
            LOG.warn("No link for {}: {} {}", subject, ex.code(), ex.getMessage());
            return "";
        }
    }

    /** @return the first value that is not blank, else empty */
    static String first(String... values) {
        for (String s : values) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return "";
    }
}
