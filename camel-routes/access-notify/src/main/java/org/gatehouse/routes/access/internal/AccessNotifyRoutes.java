package org.gatehouse.routes.access.internal;

import java.time.ZoneId;

import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.SecurityEvent;
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
 * with the snapshot link in the message data. Published as a RoutesBuilder service with {@code gatehouse.routes=true}.
 * The configuration PID is the component name; the configuration is optional (DS defaults).
 */
@Component(name = "org.gatehouse.routes.access", service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = AccessNotifyConfig.class)
public class AccessNotifyRoutes extends RouteBuilder {
    public static final String ROUTE_ID = "gatehouse-access-notify";
    static final String SOURCE = "gatehouse-event:gate.passage";
    private static final Logger LOG = LoggerFactory.getLogger(AccessNotifyRoutes.class);

    private String source = SOURCE;
    private boolean enabled = true;
    private String baseUrl;
    private String language = "zh-CN";
    private String timezone = "Asia/Shanghai";

    /** The site registry, for the gate's display name in the messages (the device id without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteService sites;

    /** For DS. */
    public AccessNotifyRoutes() {
    }

    /** For tests: another source endpoint. */
    AccessNotifyRoutes(String source, String baseUrl, String language, String timezone) {
        this.source = source;
        this.baseUrl = blankToNull(baseUrl);
        this.language = language;
        this.timezone = ZoneId.of(timezone).getId();
    }

    @Activate
    void activate(AccessNotifyConfig config) {
        enabled = config.enabled();
        baseUrl = blankToNull(config.snapshot_base_url());
        language = "en".equalsIgnoreCase(config.language().trim()) ? "en" : "zh-CN";
        timezone = ZoneId.of(config.timezone().trim()).getId();
        if (baseUrl == null) {
            LOG.info("snapshot.base.url is not set: guardian messages carry no snapshot link");
        }
    }

    private static String blankToNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    /** @return the snapshot link of a passage event, or null without a base URL */
    static String snapshotUrl(String baseUrl, SecurityEvent e) {
        String id = e.attributes().get("passageId");
        return baseUrl == null || id == null ? null : baseUrl + "/passages/" + id + "/snapshot";
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
                return e != null && e.personId() != null;
            })
                .process(exchange -> {
                    String url = snapshotUrl(base, exchange.getIn().getBody(SecurityEvent.class));
                    if (url != null) {
                        exchange.getIn().setHeader("GatehouseSnapshotUrl", url);
                    }
                    SiteService registry = sites;
                    String device = exchange.getIn().getBody(SecurityEvent.class).deviceId();
                    if (registry != null && device != null) {
                        registry.device(device).map(org.gatehouse.api.Device::name)
                                .ifPresent(n -> exchange.getIn().setHeader("GatehouseGateName", n));
                    }
                })
                .to("gatehouse-notify:guardians?language=" + language + "&timezone=" + timezone)
            .end();
    }
}
