package org.gatehouse.rest.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;

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
    private final ObjectMapper mapper = Json.newMapper();
    private Server server;

    public RestServer(Services services, Authenticator authenticator, TokenService tokens, RestConfig config) {
        this.services = services;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.config = config;
    }

    /** @return the resource objects, one per root path */
    public List<Object> resources() {
        Bodies bodies = new Bodies(mapper, config.maxBodyBytes());
        FaceResource faces = new FaceResource(services.faces(), bodies, config.maxUploadBytes());
        return List.of(
                new HealthResource(services.health()),
                new OpenApiResource(),
                new ConsoleResource(),
                new PersonResource(services.persons(), bodies, faces, config.maxImportBytes()),
                faces,
                new AuthResource(tokens),
                new SiteResource(services.sites(), bodies),
                new ZoneResource(services.sites(), bodies),
                new DeviceResource(services.sites(), services.devices(), bodies),
                new EventResource(services.events(), bodies),
                new AlarmResource(services.alarms(), bodies),
                new AuditResource(services.audit()),
                new PluginResource(services.health()),
                new OutboxResource(services.outbox()),
                new TemplateResource(services.templates(), bodies),
                new DutyResource(services.duty(), bodies),
                new NoticeResource(services.notices(), bodies),
                new GateResource(services.passages(), faces),
                new PassageResource(services.passages()),
                new AttendanceResource(services.passages()));
    }

    /** @return the JSON provider, filters and exception mappers */
    public List<Object> providers() {
        List<Object> providers = new ArrayList<>();
        providers.add(new JacksonJsonProvider(mapper));
        providers.add(new BodyLimitFilter(config.maxBodyBytes(), config.maxUploadBytes(), config.maxImportBytes()));
        providers.add(new AuthFilter(authenticator, tokens));
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
