package org.gatehouse.routes.visitors.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.watchlist.WatchlistService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@value #ROUTE_ID}: a RAISED alarm of type {@code watchlist.hit} (not the bare event, so the message names
 * the alarm that staff acknowledge, give their verdict on and that escalates) goes to the security staff
 * ({@code security.ids}) and the people on duty on {@code duty.post} (the duty leader), priority CRITICAL, kind
 * {@code watchlist.hit}: name, risk, score (2 decimals), gate, time from the hit event behind the alarm, the signed
 * link to the live snapshot and the console page of the alarm, which shows the snapshot beside the watchlist photo.
 * (A signed link cannot name a watchlist photo: {@code /s/<token>} opens passage snapshots only.) Repeats folded into
 * the alarm send nothing; its escalation is the alarm notification's. Dedupe key {@code watchlist.hit:<alarmId>}.
 * Shares the PID {@code org.gatehouse.routes.visitors} with the visit routes.
 */
@Component(name = "org.gatehouse.routes.visitors.watchlist", configurationPid = Settings.PID,
        service = RoutesBuilder.class, property = "gatehouse.routes=true")
public class WatchlistHitRoutes extends RouteBuilder {
    static final String ROUTE_ID = "gatehouse-watchlist-notify";
    static final String SOURCE = "gatehouse-alarm:raised?transitions=RAISED";
    private static final Logger LOG = LoggerFactory.getLogger(WatchlistHitRoutes.class);

    private String source = SOURCE;
    /** Null after a bad configuration: the route does not start. */
    private Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SignedLinks links;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DutyService duty;

    /** The hit event behind the alarm (its attributes name the entry, risk, score and passage). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventService events;

    /** For DS. */
    public WatchlistHitRoutes() {
    }

    /** For tests: another source endpoint and checked settings (null: a bad configuration). */
    WatchlistHitRoutes(String source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    @Activate
    void activate(VisitorRoutesConfig config) {
        settings = VisitRoutes.configure(config, "Watchlist hit messages");
        if (settings != null && settings.security().isEmpty()) {
            LOG.warn("security.ids is not set: watchlist hits go to the duty post only");
        }
    }

    @Override
    public void configure() {
        if (settings == null || !settings.enabled()) {
            return;
        }
        MessageValues.dropFailures(this);
        from(source).routeId(ROUTE_ID).description("Watchlist hits to the security staff and the duty leader")
                .filter(exchange -> {
                    Alarm a = exchange.getIn().getBody(Alarm.class);
                    return a != null && WatchlistService.EVENT_HIT.equals(a.type()) && prepare(exchange, a);
                })
                .to("gatehouse-notify:persons?kind=watchlist.hit&priority=CRITICAL&language=" + settings.language());
    }

    /** @return false (with one line) when nobody is to be told */
    private boolean prepare(Exchange exchange, Alarm a) {
        String to = MessageValues.withDuty(settings, duty, settings.security());
        if (to.isEmpty()) {
            LOG.warn("Watchlist hit alarm #{}: nobody to tell (security.ids is empty and {})", a.id(),
                    settings.dutyPost() == null ? "duty.post is not set" : "nobody is on duty on " + settings.dutyPost());
            return false;
        }
        SecurityEvent e = hitEvent(a);
        Map<String, String> attrs = e == null ? Map.of() : e.attributes();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alarmId", Long.toString(a.id()));
        m.put("name", VisitRoutes.first(attrs.get("name"), "?"));
        m.put("risk", VisitRoutes.first(attrs.get("risk"), "?"));
        m.put("score", score(attrs.get("score")));
        m.put("gate", MessageValues.gate(sites, VisitRoutes.first(e == null ? null : e.deviceId(), a.deviceId())));
        m.put("time", MessageValues.time(e != null && e.time() != null ? e.time() : a.firstAt(), settings.zone()));
        m.put("snapshot", MessageValues.snapshot(settings, links, attrs.get("passageId")));
        m.put("link", MessageValues.console(settings, "alarms/" + a.id()));
        exchange.getIn().setHeader(VisitRoutes.TARGET, to);
        exchange.getIn().setHeader(VisitRoutes.DEDUPE, "watchlist.hit:" + a.id());
        exchange.getIn().setBody(m);
        return true;
    }

    /** @return the event that raised the alarm, null (with one line) when it cannot be read */
    private SecurityEvent hitEvent(Alarm a) {
        EventService spine = events;
        SecurityEvent e = spine == null || a.lastEventId() == null ? null : spine.get(a.lastEventId()).orElse(null);
        if (e == null) {
            LOG.warn("Watchlist hit alarm #{}: its event {} cannot be read; the message has no name, risk or score",
                    a.id(), a.lastEventId());
        }
        return e;
    }

    /** @return the score with 2 decimals ({@code 0.87}), {@code ?} when it is no number */
    static String score(String s) {
        try {
            return String.format(Locale.ROOT, "%.2f", Double.parseDouble(s.strip()));
        } catch (NullPointerException | NumberFormatException e) {
            return "?";
        }
    }
}
