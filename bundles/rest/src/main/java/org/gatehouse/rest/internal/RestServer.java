package org.gatehouse.rest.internal;

import java.time.Clock;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.gatehouse.rest.internal.access.AttendanceCalendarResource;
import org.gatehouse.rest.internal.access.AttendanceResource;
import org.gatehouse.rest.internal.access.GateResource;
import org.gatehouse.rest.internal.access.LeavePassResource;
import org.gatehouse.rest.internal.access.SignedLinkResource;
import org.gatehouse.rest.internal.access.PassageResource;
import org.gatehouse.rest.internal.access.ValidityResource;
import org.gatehouse.rest.internal.account.MeResource;
import org.gatehouse.rest.internal.account.UserResource;
import org.gatehouse.rest.internal.auth.AuthFilter;
import org.gatehouse.rest.internal.auth.LoginThrottle;
import org.gatehouse.rest.internal.auth.AuthResource;
import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.auth.UserStore;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.BodyLimitFilter;
import org.gatehouse.rest.internal.common.ErrorMappers;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.event.AlarmResource;
import org.gatehouse.rest.internal.event.AuditResource;
import org.gatehouse.rest.internal.event.EventResource;
import org.gatehouse.rest.internal.live.LiveConfig;
import org.gatehouse.rest.internal.live.LiveLinkResource;
import org.gatehouse.rest.internal.live.LiveResource;
import org.gatehouse.rest.internal.live.LiveViews;
import org.gatehouse.rest.internal.notify.DutyResource;
import org.gatehouse.rest.internal.notify.NoticeResource;
import org.gatehouse.rest.internal.notify.OutboxResource;
import org.gatehouse.rest.internal.notify.TemplateResource;
import org.gatehouse.rest.internal.people.FaceResource;
import org.gatehouse.rest.internal.people.PersonResource;
import org.gatehouse.rest.internal.opcua.OpcUaResource;
import org.gatehouse.rest.internal.perimeter.PerimeterResource;
import org.gatehouse.rest.internal.screen.ScreenResource;
import org.gatehouse.rest.internal.site.DeviceResource;
import org.gatehouse.rest.internal.site.SiteResource;
import org.gatehouse.rest.internal.site.ZoneResource;
import org.gatehouse.rest.internal.danger.DangerZoneResource;
import org.gatehouse.rest.internal.stranger.StrangerAlertResource;
import org.gatehouse.rest.internal.stranger.StrangerResource;
import org.gatehouse.rest.internal.system.HealthResource;
import org.gatehouse.rest.internal.system.OpenApiResource;
import org.gatehouse.rest.internal.system.PluginAdmin;
import org.gatehouse.rest.internal.system.PluginPlatform;
import org.gatehouse.rest.internal.system.PluginResource;
import org.gatehouse.rest.internal.watchlist.WatchlistResource;
import org.gatehouse.rest.internal.visitor.VisitInvitationResource;
import org.gatehouse.rest.internal.visitor.VisitResource;

/**
 * Builds and runs the Gatehouse JAX-RS server on a CXF bus. The OSGi component and the tests use this same class;
 * only the bus and the address differ ({@code /api} on the CXF servlet in Karaf, {@code http://127.0.0.1:port/api}
 * with the Jetty transport in tests).
 */
public final class RestServer implements AutoCloseable {
    private final Services services;
    private final Authenticator authenticator;
    private final TokenService tokens;
    private final RestConfig config;
    private final UserStore users;
    private final ObjectMapper mapper = Json.newMapper();
    private final AuthFilter auth;
    private final PluginAdmin plugins;
    private volatile PluginPlatform pluginPlatform;
    private volatile LiveViews liveViews = LiveViews.none();
    private volatile LiveConfig liveConfig = LiveConfig.defaults();
    private Server server;

    public RestServer(Services services, Authenticator authenticator, TokenService tokens, RestConfig config) {
        this(services, authenticator, tokens, config, null);
    }

    /** @param users Karaf's users file that /users edits, or null (those paths then answer 503) */
    public RestServer(Services services, Authenticator authenticator, TokenService tokens, RestConfig config,
                      UserStore users) {
        this.services = services;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.config = config;
        this.users = users;
        this.auth = new AuthFilter(authenticator, tokens, new LoginThrottle(Clock.systemUTC()), services);
        this.plugins = new PluginAdmin(() -> pluginPlatform, services, PLUGIN_JOB_WAIT_MILLIS);
    }

    /** How long a feature install or uninstall request waits for the job before answering 202. */
    public static final long PLUGIN_JOB_WAIT_MILLIS = 60_000;

    /** Plugin management uses this container from now on (none: its paths answer 503). */
    public void pluginPlatform(PluginPlatform platform) {
        this.pluginPlatform = platform;
    }

    /** The cameras' live views and the stream limits, set before {@link #start} (none: 404 no-live-view). */
    public void liveViews(LiveViews views, LiveConfig config) {
        this.liveViews = views;
        this.liveConfig = config;
    }

    /** @return the one credentials check of this server (and its login throttle), shared with the live stream */
    public AuthFilter auth() {
        return auth;
    }

    /**
     * The one list of resources, by area. A resource takes {@link Services} and asks it for its api service on each
     * call, so a missing service gives 503 on that resource's paths only.
     *
     * @return the resource objects, one per root path
     */
    public List<Object> resources() {
        Bodies bodies = new Bodies(mapper, config.maxBodyBytes());
        FaceResource faces = new FaceResource(services, bodies, config.maxUploadBytes());
        return List.of(
                new HealthResource(services),
                new PluginResource(services, plugins, bodies),
                new OpenApiResource(),
                new AuthResource(tokens, services),
                new SiteResource(services, bodies),
                new ZoneResource(services, bodies),
                new DeviceResource(services, bodies),
                new LiveLinkResource(services, bodies, liveViews, config.publicBaseUrl()),
                new LiveResource(services, liveViews, liveConfig),
                new EventResource(services, bodies, liveViews),
                new AlarmResource(services, bodies),
                new AuditResource(services),
                new PersonResource(services, bodies, faces, config.maxImportBytes()),
                faces,
                new GateResource(services, faces),
                new PassageResource(services),
                new ValidityResource(services, bodies),
                new AttendanceResource(services),
                new AttendanceCalendarResource(services, bodies),
                new ScreenResource(services),
                new OutboxResource(services),
                new TemplateResource(services, bodies),
                new NoticeResource(services, bodies),
                new DutyResource(services, bodies),
                new LeavePassResource(services, bodies),
                new SignedLinkResource(services, liveViews),
                new StrangerResource(services, bodies),
                new StrangerAlertResource(services),
                new DangerZoneResource(services, bodies),
                new PerimeterResource(services, bodies),
                new OpcUaResource(services),
                new MeResource(services, bodies),
                new WatchlistResource(services, bodies, faces, config.maxUploadBytes()),
                new VisitResource(services, bodies, faces, config.publicBaseUrl()),
                new VisitInvitationResource(services, config.maxUploadBytes()),
                new UserResource(services, bodies, users, authenticator, tokens));
    }

    /** @return the JSON provider, filters and exception mappers */
    public List<Object> providers() {
        List<Object> providers = new ArrayList<>();
        providers.add(new JacksonJsonProvider(mapper));
        providers.add(new BodyLimitFilter(config.maxBodyBytes(), config.maxUploadBytes(), config.maxImportBytes()));
        providers.add(auth);
        providers.addAll(ErrorMappers.all());
        return providers;
    }

    /**
     * Creates and starts the server. The thread context class loader is this bundle's while CXF builds it.
     *
     * @param bus     the bus whose transport serves the address
     * @param address {@code /api} (relative: the CXF servlet) or an absolute http URL (Jetty)
     */
    public synchronized void start(Bus bus, String address) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(address);
            factory.setServiceBeans(resources());
            factory.setProviders(providers());
            server = factory.create();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @return the started CXF server, or null */
    public synchronized Server server() {
        return server;
    }

    /** Stops and destroys the server. */
    @Override
    public synchronized void close() {
        plugins.close();
        if (server != null) {
            try {
                server.stop();
            } finally {
                server.destroy();
                server = null;
            }
        }
    }
}
