package org.gatehouse.rest.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.apache.cxf.Bus;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.SiteService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the Gatehouse REST API on the CXF servlet ({@code /api} below {@code org.apache.cxf.servlet.context},
 * for example http://localhost:8181/gatehouse/api). It creates a private CXF bus inside Karaf's CXF, so the relative
 * address binds to the OSGi servlet transport, and shuts it down on deactivate. A change of any referenced service or
 * of the configuration restarts the server.
 */
@Component(immediate = true, configurationPid = RestComponent.PID, service = {})
@Designate(ocd = RestComponent.Config.class)
public class RestComponent {
    public static final String PID = "org.gatehouse.rest";
    private static final Logger LOG = LoggerFactory.getLogger(RestComponent.class);

    /** Configuration of PID {@value #PID}. */
    @ObjectClassDefinition(name = "Gatehouse REST", description = "The Gatehouse REST API")
    public @interface Config {
        @AttributeDefinition(description = "Lifetime of bearer tokens in minutes")
        long token_ttl_minutes() default RestConfig.DEFAULT_TOKEN_TTL_MINUTES;

        @AttributeDefinition(description = "Largest accepted request body in bytes")
        long max_body_bytes() default RestConfig.DEFAULT_MAX_BODY_BYTES;

        @AttributeDefinition(description = "Largest accepted image upload (POST /persons/{id}/faces, /faces/identify, /gates/{id}/captures)")
        long max_upload_bytes() default RestConfig.DEFAULT_MAX_UPLOAD_BYTES;

        @AttributeDefinition(description = "Largest accepted CSV file on POST /persons/import")
        long max_import_bytes() default RestConfig.DEFAULT_MAX_IMPORT_BYTES;

        @AttributeDefinition(description = "JAAS realm that checks user names and passwords")
        String realm() default "karaf";

        @AttributeDefinition(description = "Address of the API below the CXF servlet context")
        String address() default "/api";

        @AttributeDefinition(description = "User created in etc/users.properties at first start if missing")
        String admin_user() default "admin";
    }

    @Reference
    private SiteService sites;
    @Reference
    private EventService events;
    @Reference
    private AlarmService alarms;
    @Reference
    private AuditService audit;
    @Reference
    private OutboxService outbox;
    @Reference
    private HealthService health;
    @Reference
    private DeviceControl devices;
    @Reference
    private PersonService persons;
    @Reference
    private FaceService faces;
    @Reference
    private TemplateService templates;
    @Reference
    private DutyService duty;
    @Reference
    private NoticeService notices;
    @Reference
    private PassageService passages;

    private Bus bus;
    private RestServer server;

    @Activate
    void activate(Config config, BundleContext context) throws IOException {
        RestConfig rc = new RestConfig(config.token_ttl_minutes(), config.max_body_bytes(), config.max_upload_bytes(),
                config.max_import_bytes());
        byte[] secret = SecretStore.tokenSecret(context.getProperty("karaf.data"));
        TokenService tokens = new TokenService(secret, Duration.ofMinutes(rc.tokenTtlMinutes()), Clock.systemUTC());
        Authenticator authenticator = new JaasAuthenticator(config.realm(), RestComponent.class.getClassLoader(),
                Duration.ofSeconds(60), Clock.systemUTC());
        Services services = new Services(sites, events, alarms, audit, outbox, health, devices, persons, faces,
                templates, duty, notices, passages);

        try {
            bus = PrivateBus.create();
            server = new RestServer(services, authenticator, tokens, rc);
            server.start(bus, config.address());
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
        LOG.info("Gatehouse REST API published at {} (CXF servlet context + address)", config.address());
    }

    @Deactivate
    void deactivate() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (bus != null) {
                bus.shutdown(true);
                bus = null;
            }
        }
    }
}
