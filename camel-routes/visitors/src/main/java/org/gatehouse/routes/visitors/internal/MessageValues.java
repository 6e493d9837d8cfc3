package org.gatehouse.routes.visitors.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Language-neutral template values (times as digits in the site's time zone, gate names, links) and the recipients
 * the routes share. Every method copes with a missing optional service.
 */
final class MessageValues {
    private static final Logger LOG = LoggerFactory.getLogger(MessageValues.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private MessageValues() {
    }

    /**
     * A message that cannot be rendered or queued (a template override that lost a required value, a kind removed)
     * is dropped with one line; the event stays on the spine and the route goes on.
     */
    static void dropFailures(RouteBuilder routes) {
        routes.onException(GatehouseException.class).handled(true).process(exchange -> {
            GatehouseException ex = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatehouseException.class);
            LOG.warn("No message {} ({}): {} {}", exchange.getIn().getHeader(VisitRoutes.KIND, "watchlist.hit",
                    String.class), exchange.getIn().getHeader(VisitRoutes.DEDUPE), ex.code(), ex.getMessage());
        });
    }

    /** @return {@code HH:mm} of the instant (now when null) in the zone */
    static String time(Instant at, ZoneId zone) {
        return HH_MM.format((at == null ? Instant.now() : at).atZone(zone));
    }

    /**
     * @return the window of two ISO instants: {@code 03-02 09:00-11:00} within a day, {@code 03-02 09:00 - 03-03
     *         11:00} across days; a value that is no instant as it is
     */
    static String window(String from, String to, ZoneId zone) {
        ZonedDateTime f = parse(from, zone);
        ZonedDateTime t = parse(to, zone);
        if (f == null || t == null) {
            String a = f == null ? (from == null ? "" : from) : DAY_TIME.format(f);
            String b = t == null ? (to == null ? "" : to) : DAY_TIME.format(t);
            return a.isEmpty() || b.isEmpty() ? a + b : a + " - " + b;
        }
        return f.toLocalDate().equals(t.toLocalDate()) ? DAY_TIME.format(f) + "-" + HH_MM.format(t)
                : DAY_TIME.format(f) + " - " + DAY_TIME.format(t);
    }

    private static ZonedDateTime parse(String iso, ZoneId zone) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso.strip()).atZone(zone);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return the device's name, its id when the registry does not know it, empty for none */
    static String gate(SiteService sites, String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            return "";
        }
        return sites == null ? deviceId : sites.device(deviceId).map(Device::name).orElse(deviceId);
    }

    /**
     * @return the signed link to a passage's snapshot ({@code <base>/gatehouse/api/s/<token>}), empty without a base
     *         URL, a passage id or the signing service
     */
    static String snapshot(Settings s, SignedLinks links, String passageId) {
        if (s.baseUrl() == null || links == null || passageId == null || passageId.isBlank()) {
            return "";
        }
        try {
            return s.baseUrl() + "/gatehouse/api/s/" + links.sign("passage:" + passageId.strip(), s.linkTtl());
        } catch (GatehouseException e) {
            LOG.warn("No snapshot link for passage {}: {} {}", passageId, e.code(), e.getMessage());
            return "";
        }
    }

    /** @return the console link of a page ({@code visits/12}), empty without a base URL */
    static String console(Settings s, String page) {
        String url = s.console(page);
        return url == null ? "" : url;
    }

    /**
     * @return the given ids, then the people on duty now on the settings' post (none without the roster or a post),
     *         without repeats, comma-joined
     */
    static String withDuty(Settings s, DutyService duty, List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.stream().filter(id -> id != null && !id.isBlank()).forEach(out::add);
        if (s.dutyPost() != null && duty != null) {
            duty.onDuty(Instant.now()).stream().filter(d -> s.dutyPost().equals(d.shift().post()))
                    .forEach(d -> out.add(d.person().id()));
        }
        return String.join(",", out);
    }
}
