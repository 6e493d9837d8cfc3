package org.gatehouse.routes.visitors.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visit messages, each rendered per recipient from its template kind (zh-CN, en) by
 * {@code gatehouse-notify:persons} ({@code MessageService#send}, {@code Recipients.PERSONS}):
 * <ul>
 * <li>{@value #REQUEST}: {@code visit.pending} to the host (kind {@code visit.request}: visitor, purpose, window and
 * the console page to approve or reject it);</li>
 * <li>{@value #DECISION}: {@code visit.approved|rejected|cancelled} to the visitor's own VISITOR person (the phone
 * given with the visit), kinds of the same names;</li>
 * <li>{@value #ARRIVED}: {@code visit.arrived} to the host (time, gate, signed snapshot link);</li>
 * <li>{@value #OVERSTAY}: {@code visit.overstay} to the host, the guard room ({@code guardroom.ids}) and the people on
 * duty on {@code duty.post} (the duty leader).</li>
 * </ul>
 * The events carry {@code visitId}, {@code hostId}, {@code personId} (the visitor's person), {@code visitorName},
 * {@code from}, {@code to}, {@code state}; purpose, host name, note and last place come from the event when it has
 * them, else from the {@link VisitService}, else stay empty. Dedupe keys are {@code <kind>:<visitId>} (the message
 * service adds the recipient), so a repeated event queues nothing twice. A bad configuration is logged in one line
 * and no route starts.
 */
@Component(name = Settings.PID, service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = VisitorRoutesConfig.class)
public class VisitRoutes extends RouteBuilder {
    static final String REQUEST = "gatehouse-visit-request";
    static final String DECISION = "gatehouse-visit-decision";
    static final String ARRIVED = "gatehouse-visit-arrived";
    static final String OVERSTAY = "gatehouse-visit-overstay";
    static final String TARGET = "GatehouseNotifyTarget";
    static final String DEDUPE = "GatehouseNotifyDedupeKey";
    static final String KIND = "GatehouseVisitKind";
    private static final Set<String> DECISIONS = Set.of(VisitService.EVENT_APPROVED, VisitService.EVENT_REJECTED,
            VisitService.EVENT_CANCELLED);
    private static final Logger LOG = LoggerFactory.getLogger(VisitRoutes.class);

    /** Where the events come from: {@code gatehouse-event:<type>} in the platform. */
    private Function<String, String> source = type -> "gatehouse-event:" + type;
    /** Null after a bad configuration: no route starts. */
    private Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SignedLinks links;

    /** The host's name when the event has none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PersonService persons;

    /** The people on duty on {@code duty.post} (none without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DutyService duty;

    /** Purpose, host name, note and last place of a visit (empty without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile VisitService visits;

    /** For DS. */
    public VisitRoutes() {
    }

    /** For tests: another source scheme and checked settings (null: a bad configuration). */
    VisitRoutes(Function<String, String> source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    @Activate
    void activate(VisitorRoutesConfig config) {
        settings = configure(config, "Visit messages");
        if (settings != null && settings.guardRoom().isEmpty()) {
            LOG.info("guardroom.ids is not set: overstays go to the host and the duty post only");
        }
    }

    /** @return the checked settings, null (with one error line) for a bad configuration */
    static Settings configure(VisitorRoutesConfig config, String what) {
        try {
            Settings s = Settings.of(config);
            if (!s.enabled()) {
                LOG.info("{} are disabled (enabled = false in {})", what, Settings.PID);
            } else if (s.baseUrl() == null) {
                LOG.info("public.base.url is not set: {} carry no links", what.toLowerCase(java.util.Locale.ROOT));
            }
            return s;
        } catch (IllegalArgumentException e) {
            LOG.error("{} not started: bad configuration {}: {}", what, Settings.PID, e.getMessage());
            return null;
        }
    }

    private String notify(String kind) {
        return "gatehouse-notify:persons?kind=" + kind + "&language=" + settings.language();
    }

    @Override
    public void configure() {
        if (settings == null || !settings.enabled()) {
            return;
        }
        MessageValues.dropFailures(this);

        from(source.apply(VisitService.EVENT_PENDING)).routeId(REQUEST).description("Visit requests to the host")
                .filter(exchange -> prepare(exchange, "visit.request", (e, v) -> {
                    Map<String, String> m = common(e, v);
                    m.put("purpose", purpose(e, v));
                    m.put("link", MessageValues.console(settings, "visits/" + visitId(e)));
                    return m;
                }, (e, v) -> attr(e, "hostId")))
                .to(notify("visit.request"));

        from(source.apply("visit.*")).routeId(DECISION).description("Approved, rejected, cancelled: the visitor")
                .filter(exchange -> {
                    SecurityEvent e = event(exchange);
                    return e != null && DECISIONS.contains(e.type()) && prepare(exchange, e.type(), (x, v) -> {
                        Map<String, String> m = common(x, v);
                        m.put("purpose", purpose(x, v));
                        m.put("note", first(attr(x, "note"), v == null ? null : v.note()));
                        return m;
                    }, (x, v) -> first(attr(x, "personId"), x.personId(), v == null ? null : v.personId()));
                })
                .toD("gatehouse-notify:persons?kind=${header." + KIND + "}&language=" + settings.language());

        from(source.apply(VisitService.EVENT_ARRIVED)).routeId(ARRIVED).description("Arrivals to the host")
                .filter(exchange -> prepare(exchange, "visit.arrived", (e, v) -> {
                    Map<String, String> m = common(e, v);
                    m.put("time", MessageValues.time(e.time(), settings.zone()));
                    m.put("gate", MessageValues.gate(sites, first(attr(e, "deviceId"), e.deviceId())));
                    m.put("link", MessageValues.snapshot(settings, links, attr(e, "passageId")));
                    return m;
                }, (e, v) -> attr(e, "hostId")))
                .to(notify("visit.arrived"));

        from(source.apply(VisitService.EVENT_OVERSTAY)).routeId(OVERSTAY)
                .description("Overstays to the host, the guard room and the duty post")
                .filter(exchange -> event(exchange) != null && !event(exchange).isRestore()
                        && prepare(exchange, "visit.overstay", (e, v) -> {
                            Map<String, String> m = common(e, v);
                            m.put("place", MessageValues.gate(sites, first(attr(e, "lastSeenDevice"),
                                    v == null ? null : v.lastSeenDevice())));
                            m.put("link", MessageValues.console(settings, "visits/" + visitId(e)));
                            return m;
                        }, (e, v) -> {
                            List<String> ids = new ArrayList<>();
                            ids.add(attr(e, "hostId"));
                            ids.addAll(settings.guardRoom());
                            return MessageValues.withDuty(settings, duty, ids);
                        }))
                .to(notify("visit.overstay"));
    }

    /** What a route sends: the template values and the recipients of an event (and its visit, null if unknown). */
    @FunctionalInterface
    interface Part {
        String of(SecurityEvent e, Visit v);
    }

    @FunctionalInterface
    interface Values {
        Map<String, String> of(SecurityEvent e, Visit v);
    }

    /**
     * Sets the values as the body and the target, dedupe key and kind headers.
     *
     * @return false (with one line) when the event names no visit or nobody to tell
     */
    private boolean prepare(Exchange exchange, String kind, Values values, Part target) {
        SecurityEvent e = event(exchange);
        if (e == null) {
            return false;
        }
        String visitId = visitId(e);
        if (visitId == null) {
            LOG.warn("Event {} ({}) names no visitId: no {} message", e.id(), e.type(), kind);
            return false;
        }
        Visit v = visit(visitId);
        String to = target.of(e, v);
        if (to == null || to.isBlank()) {
            LOG.warn("Visit {}: event {} has nobody to tell (no {}): no {} message", visitId, e.type(),
                    DECISIONS.contains(e.type()) ? "visitor person" : "host", kind);
            return false;
        }
        exchange.getIn().setHeader(KIND, kind);
        exchange.getIn().setHeader(TARGET, to);
        exchange.getIn().setHeader(DEDUPE, kind + ":" + visitId);
        exchange.getIn().setBody(values.of(e, v));
        return true;
    }

    private Map<String, String> common(SecurityEvent e, Visit v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("visitId", visitId(e));
        m.put("visitor", first(attr(e, "visitorName"), v == null ? null : v.visitorName()));
        m.put("host", hostName(e, v));
        m.put("window", MessageValues.window(first(attr(e, "from"), v == null || v.from() == null ? null
                : v.from().toString()), first(attr(e, "to"), v == null || v.to() == null ? null
                : v.to().toString()), settings.zone()));
        return m;
    }

    private static String purpose(SecurityEvent e, Visit v) {
        return first(attr(e, "purpose"), v == null ? null : v.purpose());
    }

    private String hostName(SecurityEvent e, Visit v) {
        String name = first(attr(e, "hostName"), v == null ? null : v.hostName());
        PersonService registry = persons;
        String hostId = attr(e, "hostId");
        if (name.isEmpty() && registry != null && hostId != null) {
            name = registry.person(hostId, null).map(Person::name).orElse("");
        }
        return name;
    }

    /** @return the visit from the visit service, null without it or when unknown */
    private Visit visit(String visitId) {
        VisitService service = visits;
        if (service == null) {
            return null;
        }
        try {
            return service.visit(Long.parseLong(visitId)).orElse(null);
        } catch (NumberFormatException | GatehouseException ex) {
            return null;
        }
    }

    private static String visitId(SecurityEvent e) {
        String id = attr(e, "visitId");
        return id == null || id.isBlank() ? null : id.strip();
    }

    static SecurityEvent event(Exchange exchange) {
        return exchange.getIn().getBody(SecurityEvent.class);
    }

    static String attr(SecurityEvent e, String name) {
        return e.attributes().get(name);
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
