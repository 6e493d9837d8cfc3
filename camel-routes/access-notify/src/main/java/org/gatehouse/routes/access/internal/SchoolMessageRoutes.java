package org.gatehouse.routes.access.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The school's messages about gates, leave passes and absences, each rendered from its template kind (zh-CN, en) by
 * {@code gatehouse-notify} for each recipient:
 * <ul>
 * <li>{@value #FEVER}: a {@code gate.passage}, {@code gate.early-leave} or {@code gate.denied} with {@code fever=true}
 * to the school doctors ({@code doctor.ids}) and the student's guardians (kind {@code gate.fever}, once per
 * passage);</li>
 * <li>{@value #EARLY_LEAVE}: {@code gate.early-leave} to the guardians (kind {@code gate.early-leave}, with the time
 * and the pass's reason);</li>
 * <li>{@value #NO_PASS}: {@code gate.denied} with reason {@code no-leave-pass} to the homeroom teacher (kind
 * {@code gate.no-leave-pass});</li>
 * <li>{@value #LEAVE}: {@code leave.requested} to the homeroom teacher, {@code leave.approved|rejected} to the
 * guardians;</li>
 * <li>{@value #ABSENCE}: {@code attendance.absent} to the guardians, {@code attendance.absent-list} to the homeroom
 * teacher of the class (attribute {@code group}).</li>
 * </ul>
 * Dedupe keys derive from the event (or passage) id, so a redelivered event queues nothing new. Shares the PID
 * {@code org.gatehouse.routes.access} with the passage route.
 */
@Component(name = "org.gatehouse.routes.access.messages", configurationPid = "org.gatehouse.routes.access",
        service = RoutesBuilder.class, property = "gatehouse.routes=true")
public class SchoolMessageRoutes extends RouteBuilder {
    static final String FEVER = "gatehouse-fever-notify";
    static final String EARLY_LEAVE = "gatehouse-early-leave-notify";
    static final String NO_PASS = "gatehouse-no-leave-pass-notify";
    static final String LEAVE = "gatehouse-leave-notify";
    static final String ABSENCE = "gatehouse-absence-notify";
    static final String TARGET = "GatehouseNotifyTarget";
    static final String DEDUPE = "GatehouseNotifyDedupeKey";
    private static final String VALUES = "gatehouseValues";
    private static final Logger LOG = LoggerFactory.getLogger(SchoolMessageRoutes.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    /** Where the events come from: {@code gatehouse-event:<pattern>} in the platform, another scheme in tests. */
    private Function<String, String> source = pattern -> "gatehouse-event:" + pattern;
    private boolean enabled = true;
    private String baseUrl;
    private Duration linkTtl = Duration.ofHours(72);
    private String doctors;
    private String language = "zh-CN";
    private ZoneId zone = ZoneId.of("Asia/Shanghai");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SignedLinks links;

    /** The reason of the pass in the early-leave message (empty without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile LeavePassService leavePasses;

    /** For DS. */
    public SchoolMessageRoutes() {
    }

    /** For tests. */
    SchoolMessageRoutes(Function<String, String> source, String baseUrl, String doctorIds, String language,
                        String timezone) {
        this.source = source;
        this.baseUrl = AccessNotifyRoutes.blankToNull(baseUrl);
        this.doctors = doctorIds(doctorIds);
        this.language = language;
        this.zone = ZoneId.of(timezone);
    }

    @Activate
    void activate(AccessNotifyConfig config) {
        enabled = config.enabled();
        baseUrl = AccessNotifyRoutes.blankToNull(config.snapshot_base_url());
        linkTtl = Duration.ofHours(Math.max(1, config.snapshot_link_hours()));
        doctors = doctorIds(config.doctor_ids());
        language = "en".equalsIgnoreCase(config.language().trim()) ? "en" : "zh-CN";
        zone = ZoneId.of(config.timezone().trim());
        if (doctors == null) {
            LOG.info("doctor.ids is not set: fevers are told to the guardians only");
        }
    }

    /** @return the ids, trimmed and comma-joined, or null for none */
    static String doctorIds(String ids) {
        if (ids == null) {
            return null;
        }
        List<String> l = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return l.isEmpty() ? null : String.join(",", l);
    }

    private String notify(String path, String kind) {
        return "gatehouse-notify:" + path + "?kind=" + kind + "&language=" + language;
    }

    @Override
    public void configure() {
        if (!enabled) {
            from(source.apply("leave.*")).routeId(LEAVE).log(LoggingLevel.DEBUG, LOG, "School messages are disabled");
            return;
        }
        // a message that cannot be rendered or queued (a required template value missing, an unknown kind after a
        // template was removed) is dropped with one line; the event stays on the spine
        onException(GatehouseException.class).handled(true).process(exchange -> {
            GatehouseException ex = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatehouseException.class);
            LOG.warn("No message for event {} ({}): {} {}", exchange.getIn().getHeader("GatehouseEventType"),
                    exchange.getIn().getHeader(DEDUPE), ex.code(), ex.getMessage());
        });
        var fever = from(source.apply("gate.*")).routeId(FEVER).description("Fevers to the doctors and guardians")
                .filter(exchange -> {
                    SecurityEvent e = event(exchange);
                    return e != null && e.personId() != null && "true".equals(e.attributes().get("fever"))
                            && List.of("gate.passage", "gate.early-leave", "gate.denied").contains(e.type());
                })
                .process(exchange -> {
                    SecurityEvent e = event(exchange);
                    Map<String, String> v = student(e);
                    v.put("temperature", e.attributes().getOrDefault("temperature", ""));
                    v.put("time", time(e));
                    v.put("gate", gate(e));
                    v.put("link", link(e));
                    prepare(exchange, v, "gate.fever:" + e.attributes().getOrDefault("passageId", e.id()));
                });
        if (doctors != null) {
            fever = fever.setHeader(TARGET, constant(doctors)).to(notify("persons", "gate.fever"))
                    .setBody(exchangeProperty(VALUES));
        }
        fever.setHeader(TARGET, simple("${body[studentId]}")).to(notify("guardians", "gate.fever")).end();

        from(source.apply("gate.early-leave")).routeId(EARLY_LEAVE).description("Early leaves to the guardians")
                .filter(exchange -> event(exchange) != null && event(exchange).personId() != null)
                .process(exchange -> {
                    SecurityEvent e = event(exchange);
                    Map<String, String> v = student(e);
                    v.put("time", time(e));
                    v.put("gate", gate(e));
                    v.put("reason", passReason(e));
                    v.put("link", link(e));
                    prepare(exchange, v, "gate.early-leave:" + e.id());
                    exchange.getIn().setHeader(TARGET, e.personId());
                })
                .to(notify("guardians", "gate.early-leave"));

        from(source.apply("gate.denied")).routeId(NO_PASS).description("Stopped without a leave pass: the teacher")
                .filter(exchange -> {
                    SecurityEvent e = event(exchange);
                    return e != null && e.personId() != null
                            && "no-leave-pass".equals(e.attributes().get("reason"));
                })
                .process(exchange -> {
                    SecurityEvent e = event(exchange);
                    Map<String, String> v = student(e);
                    v.put("time", time(e));
                    v.put("gate", gate(e));
                    prepare(exchange, v, "gate.no-leave-pass:" + e.id());
                    exchange.getIn().setHeader(TARGET, e.attributes().getOrDefault("group", ""));
                })
                .to(notify("homeroom", "gate.no-leave-pass"));

        from(source.apply("leave.*")).routeId(LEAVE).description("Leave passes: teacher and guardians")
                .filter(exchange -> event(exchange) != null && event(exchange).personId() != null)
                .process(exchange -> {
                    SecurityEvent e = event(exchange);
                    Map<String, String> a = e.attributes();
                    Map<String, String> v = student(e);
                    v.put("from", when(a.get("from")));
                    v.put("to", when(a.get("to")));
                    v.put("reason", a.getOrDefault("reason", ""));
                    v.put("passId", a.getOrDefault("passId", ""));
                    v.put("actor", a.getOrDefault("actor", ""));
                    prepare(exchange, v, e.type() + ":" + a.getOrDefault("passId", e.id()));
                    boolean teacher = "leave.requested".equals(e.type());
                    exchange.getIn().setHeader(TARGET, teacher ? a.getOrDefault("group", "") : e.personId());
                    exchange.getIn().setHeader("GatehouseLeaveTo", teacher ? "homeroom" : "guardians");
                })
                .choice()
                    .when(simple("${header.GatehouseEventType} == 'leave.requested'"))
                        .to(notify("homeroom", "leave.requested"))
                    .when(simple("${header.GatehouseEventType} == 'leave.approved'"))
                        .to(notify("guardians", "leave.approved"))
                    .when(simple("${header.GatehouseEventType} == 'leave.rejected'"))
                        .to(notify("guardians", "leave.rejected"))
                .end();

        from(source.apply("attendance.*")).routeId(ABSENCE).description("Absences: guardians and teacher")
                .filter(exchange -> event(exchange) != null)
                .process(exchange -> {
                    SecurityEvent e = event(exchange);
                    Map<String, String> a = e.attributes();
                    Map<String, String> v = e.personId() == null ? new LinkedHashMap<>() : student(e);
                    v.put("date", a.getOrDefault("date", e.time() == null ? "" : e.time().atZone(zone).toLocalDate()
                            .toString()));
                    if (a.containsKey("group")) {
                        v.put("group", a.get("group"));
                    }
                    v.put("count", a.getOrDefault("count", ""));
                    v.put("names", a.getOrDefault("names", ""));
                    prepare(exchange, v, e.type() + ":" + e.id());
                    exchange.getIn().setHeader(TARGET, "attendance.absent".equals(e.type())
                            ? (e.personId() == null ? "" : e.personId()) : a.getOrDefault("group", ""));
                })
                .choice()
                    .when(simple("${header.GatehouseEventType} == 'attendance.absent' && ${header."
                            + TARGET + "} != ''"))
                        .to(notify("guardians", "attendance.absent"))
                    .when(simple("${header.GatehouseEventType} == 'attendance.absent-list' && ${header."
                            + TARGET + "} != ''"))
                        .to(notify("homeroom", "attendance.absent-list"))
                .end();
    }

    private static SecurityEvent event(Exchange exchange) {
        return exchange.getIn().getBody(SecurityEvent.class);
    }

    /** Sets the values as the body (kept in a property for a second send) and the dedupe key and event type. */
    private static void prepare(Exchange exchange, Map<String, String> values, String dedupe) {
        SecurityEvent e = event(exchange);
        exchange.getIn().setHeader("GatehouseEventType", e.type());
        exchange.getIn().setHeader(DEDUPE, dedupe);
        exchange.setProperty(VALUES, values);
        exchange.getIn().setBody(values);
    }

    private static Map<String, String> student(SecurityEvent e) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("studentId", e.personId());
        return v;
    }

    private String time(SecurityEvent e) {
        return HH_MM.format((e.time() == null ? Instant.now() : e.time()).atZone(zone));
    }

    /** An ISO instant as {@code MM-dd HH:mm} in the time zone; anything else as it is. */
    private String when(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return WHEN.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException ex) {
            return iso;
        }
    }

    private String gate(SecurityEvent e) {
        SiteService registry = sites;
        if (registry == null || e.deviceId() == null) {
            return e.deviceId() == null ? "" : e.deviceId();
        }
        return registry.device(e.deviceId()).map(org.gatehouse.api.Device::name).orElse(e.deviceId());
    }

    private String link(SecurityEvent e) {
        String url = AccessNotifyRoutes.snapshotUrl(baseUrl, links, linkTtl, e);
        return url == null ? "" : url;
    }

    /** The reason of the pass the student went out with: the newest used or approved pass holding the time. */
    private String passReason(SecurityEvent e) {
        LeavePassService passes = leavePasses;
        if (passes == null || e.time() == null) {
            return "";
        }
        String day = e.time().atZone(zone).toLocalDate().toString();
        Optional<LeavePass> p = passes.passes(e.personId(), null, null, day, 0, 50).items().stream()
                .filter(x -> LeavePass.USED.equals(x.state()) || LeavePass.APPROVED.equals(x.state()))
                .filter(x -> !e.time().isBefore(x.from()) && e.time().isBefore(x.to()))
                .findFirst();
        return p.map(LeavePass::reason).orElse("");
    }
}
