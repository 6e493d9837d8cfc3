package org.gatehouse.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.JaasAuthenticator;
import org.gatehouse.rest.internal.auth.SecretStore;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.auth.UserStore;
import org.gatehouse.rest.internal.live.LiveConfig;
import org.gatehouse.rest.internal.live.LiveViewTracker;
import org.gatehouse.rest.internal.stream.StreamConfig;
import org.gatehouse.rest.internal.system.OsgiPluginPlatform;
import org.gatehouse.rest.internal.stream.StreamHub;
import org.gatehouse.rest.internal.stream.StreamPublisher;
import org.gatehouse.rest.internal.stream.StreamServlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the Gatehouse REST API on the CXF servlet ({@code /api} below {@code org.apache.cxf.servlet.context},
 * for example http://localhost:8181/gatehouse/api). It creates a private CXF bus inside Karaf's CXF, so the relative
 * address binds to the OSGi servlet transport, and shuts it down on deactivate. The api services are optional and
 * dynamic ({@link ServiceTracking}), so a service that goes away gives 503 on the paths that need it and one that
 * comes back is used at once, without a restart. A change of the configuration restarts the server.
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

        @AttributeDefinition(description = "Public base URL of the site (links handed out, e.g. visit invitations, are"
                + " absolute with it; empty = paths)")
        String public_base_url() default "";

        @AttributeDefinition(description = "JAAS realm that checks user names and passwords")
        String realm() default "karaf";

        @AttributeDefinition(description = "Address of the API below the CXF servlet context")
        String address() default "/api";

        @AttributeDefinition(description = "User created in etc/users.properties at first start if missing")
        String admin_user() default "admin";

        @AttributeDefinition(description = "Open live streams (GET /api/stream) allowed at once; more get 503")
        int stream_max_clients() default StreamConfig.DEFAULT_MAX_CLIENTS;

        @AttributeDefinition(description = "Camera live views (MJPEG, GET /api/live/{token}) served at once; more get 429")
        int live_max_streams() default LiveConfig.DEFAULT_MAX_STREAMS;

        @AttributeDefinition(description = "Frames per second a camera live view sends at most")
        double live_fps() default LiveConfig.DEFAULT_FPS;
    }

    private ServiceTracking tracking;
    private LiveViewTracker liveViews;
    private Bus bus;
    private RestServer server;
    private StreamHub stream;
    private OsgiPluginPlatform platform;
    private ServiceRegistration<Servlet> streamServlet;
    private ServiceRegistration<EventHandler> streamEvents;

    @Activate
    void activate(Config config, BundleContext context) throws IOException {
        RestConfig rc = new RestConfig(config.token_ttl_minutes(), config.max_body_bytes(), config.max_upload_bytes(),
                config.max_import_bytes(), config.public_base_url());
        byte[] secret = SecretStore.tokenSecret(context.getProperty("karaf.data"));
        TokenService tokens = new TokenService(secret, Duration.ofMinutes(rc.tokenTtlMinutes()), Clock.systemUTC());
        Authenticator authenticator = new JaasAuthenticator(config.realm(), RestComponent.class.getClassLoader(),
                Duration.ofSeconds(60), Clock.systemUTC());
        try {
            tracking = new ServiceTracking(context);
            bus = PrivateBus.create();
            String etc = context.getProperty("karaf.etc");
            UserStore users = etc == null || etc.isBlank() ? null : new UserStore(Path.of(etc, "users.properties"));
            server = new RestServer(tracking.services(), authenticator, tokens, rc, users);
            platform = new OsgiPluginPlatform(context);
            server.pluginPlatform(platform);
            liveViews = new LiveViewTracker(context);
            liveViews.open();
            server.liveViews(liveViews, new LiveConfig(config.live_max_streams(), config.live_fps()));
            server.start(bus, config.address());
            stream = new StreamHub(tracking.services(), StreamConfig.of(config.stream_max_clients()));
            String pattern = StreamPublisher.pattern(StreamPublisher.cxfContext(context), config.address());
            streamEvents = StreamPublisher.listen(context, stream);
            streamServlet = StreamPublisher.register(context,
                    new StreamServlet(stream, server.auth(), tracking.services()), pattern);
            LOG.info("Gatehouse live stream served at {} (at most {} clients)", pattern, config.stream_max_clients());
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
        List<String> missing = tracking.missing();
        LOG.info("Gatehouse REST API published at {} (CXF servlet context + address); {}", config.address(),
                missing.isEmpty() ? "every service present" : "waiting for " + String.join(", ", missing));
        tracking.announce();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    @Deactivate
    void deactivate() {
        unregister(streamServlet);
        unregister(streamEvents);
        streamServlet = null;
        streamEvents = null;
        if (stream != null) {
            stream.close();
            stream = null;
        }
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            try {
                if (bus != null) {
                    bus.shutdown(true);
                    bus = null;
                }
            } finally {
                if (tracking != null) {
                    tracking.close();
                    tracking = null;
                }
                if (platform != null) {
                    platform.close();
                    platform = null;
                }
                if (liveViews != null) {
                    liveViews.close();
                    liveViews = null;
                }
            }
        }
    }
}
