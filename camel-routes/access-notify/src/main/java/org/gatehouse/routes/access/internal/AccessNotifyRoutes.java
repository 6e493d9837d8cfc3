package org.gatehouse.routes.access.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
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
 * Route {@value #ROUTE_ID}: every {@code gate.passage} event (an identified person passed a face gate) goes to
 * {@code gatehouse-notify:guardians}, which queues one message per guardian bound to the student (none for staff),
 * with a signed, expiring snapshot link ({@code <snapshot.base.url>/s/<token>}, valid {@code snapshot.link.hours}).
 * At most one message per student and direction within {@code guardian.window.minutes}: a repeat is dropped.
 * Published as a RoutesBuilder service with {@code gatehouse.routes=true}. The configuration PID is the component
 * name; the configuration is optional (DS defaults).
 */
@Component(name = "org.gatehouse.routes.access", service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = AccessNotifyConfig.class)
public class AccessNotifyRoutes extends RouteBuilder {
    public static final String ROUTE_ID = "gatehouse-access-notify";
    static final String SOURCE = "gatehouse-event:gate.passage";
    private static final Logger LOG = LoggerFactory.getLogger(AccessNotifyRoutes.class);
    /** Entries kept for the window before old ones are swept. */
    private static final int SWEEP_AT = 10_000;

    private String source = SOURCE;
    private boolean enabled = true;
    private String baseUrl;
    private Duration linkTtl = Duration.ofHours(72);
    private Duration window = Duration.ofMinutes(10);
    private String language = "zh-CN";
    private String timezone = "Asia/Shanghai";
    /** Last message time per student and direction. */
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /** The site registry, for the gate's display name in the messages (the device id without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    /** Signs the snapshot links (no link without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SignedLinks links;

    /** For DS. */
    public AccessNotifyRoutes() {
    }

    /** For tests: another source endpoint. */
    AccessNotifyRoutes(String source, String baseUrl, String language, String timezone, int windowMinutes,
                       int linkHours) {
        this.source = source;
        this.baseUrl = blankToNull(baseUrl);
        this.language = language;
        this.timezone = ZoneId.of(timezone).getId();
        this.window = Duration.ofMinutes(windowMinutes);
        this.linkTtl = Duration.ofHours(linkHours);
    }

    @Activate
    void activate(AccessNotifyConfig config) {
        enabled = config.enabled();
        baseUrl = blankToNull(config.snapshot_base_url());
        language = "en".equalsIgnoreCase(config.language().trim()) ? "en" : "zh-CN";
        timezone = ZoneId.of(config.timezone().trim()).getId();
        if (config.guardian_window_minutes() < 0 || config.snapshot_link_hours() < 1) {
            throw new IllegalArgumentException("guardian.window.minutes must be >= 0 and snapshot.link.hours >= 1");
        }
        window = Duration.ofMinutes(config.guardian_window_minutes());
        linkTtl = Duration.ofHours(config.snapshot_link_hours());
        if (baseUrl == null) {
            LOG.info("snapshot.base.url is not set: guardian messages carry no snapshot link");
        }
    }

    static String blankToNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * @return the signed snapshot link of a passage event ({@code <base>/s/<token>} for {@code passage:<id>}), or null
     *         without a base URL, a passage id or the signing service
     */
    static String snapshotUrl(String baseUrl, SignedLinks links, Duration ttl, SecurityEvent e) {
        String id = e.attributes().get("passageId");
        if (baseUrl == null || id == null || links == null) {
            return null;
        }
        try {
            return baseUrl + "/s/" + links.sign("passage:" + id, ttl);
        } catch (GatehouseException ex) {
            LOG.warn("No snapshot link for passage {}: {} {}", id, ex.code(), ex.getMessage());
            return null;
        }
    }

    /**
     * @return whether a passage message of this student and direction goes out: false for a repeat inside the window
     *         (counted; debug line)
     */
    boolean firstInWindow(SecurityEvent e) {
        if (window.isZero()) {
            return true;
        }
        String key = e.personId() + "|" + e.attributes().getOrDefault("direction", "");
        Instant at = e.time() == null ? Instant.now() : e.time();
        boolean[] first = {false};
        lastSent.compute(key, (k, last) -> {
            if (last == null || !at.isBefore(last.plus(window)) || at.isBefore(last)) {
                first[0] = true;
                return at;
            }
            return last;
        });
        if (!first[0]) {
            LOG.debug("Dropped the repeat passage message of {} ({} within {} min; {} dropped since start)",
                    e.personId(), e.attributes().get("direction"), window.toMinutes(), dropped.incrementAndGet());
        }
        if (lastSent.size() > SWEEP_AT) {
            Instant cutoff = at.minus(window);
            lastSent.values().removeIf(t -> t.isBefore(cutoff));
        }
        return first[0];
    }

    /** @return how many repeats were dropped since start */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void configure() {
        if (!enabled) {
            from(source).routeId(ROUTE_ID).log(LoggingLevel.DEBUG, LOG, "Access notification is disabled");
            return;
        }
        String base = baseUrl;
        from(source).routeId(ROUTE_ID).description("Passages of students to their guardians")
            .filter(exchange -> {
                SecurityEvent e = exchange.getIn().getBody(SecurityEvent.class);
                return e != null && e.personId() != null && firstInWindow(e);
            })
                .process(exchange -> {
                    SecurityEvent e = exchange.getIn().getBody(SecurityEvent.class);
                    String url = snapshotUrl(base, links, linkTtl, e);
                    if (url != null) {
                        exchange.getIn().setHeader("GatehouseSnapshotUrl", url);
                    }
                    SiteService registry = sites;
                    String device = e.deviceId();
                    if (registry != null && device != null) {
                        registry.device(device).map(org.gatehouse.api.Device::name)
                                .ifPresent(n -> exchange.getIn().setHeader("GatehouseGateName", n));
                    }
                })
                .to("gatehouse-notify:guardians?language=" + language + "&timezone=" + timezone)
            .end();
    }
}
