package org.gatehouse.camel.internal;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.OutboxService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform CamelContext {@code gatehouse}: it holds the gatehouse-* components and the routes of every
 * {@link RoutesBuilder} service with {@code gatehouse.routes=true}, added and removed as those services come and go.
 * The context itself is published as a {@link CamelContext} service with {@code camel.context.name=gatehouse}.
 */
@Component(name = "org.gatehouse.camel", immediate = true, service = {})
public class GatehouseCamelContext {
    public static final String NAME = "gatehouse";
    public static final String ROUTES_PROPERTY = "gatehouse.routes";

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseCamelContext.class);

    @Reference
    private EventService events;
    @Reference
    private AlarmService alarms;
    @Reference
    private OutboxService outbox;
    @Reference
    private MessageService messages;

    private final RouteBundles bundles = new RouteBundles();
    private CamelContext context;
    private ServiceRegistration<CamelContext> registration;

    /** For DS. */
    public GatehouseCamelContext() {
    }

    /** For tests: the services are given instead of injected. */
    GatehouseCamelContext(EventService events, AlarmService alarms, OutboxService outbox, MessageService messages) {
        this.events = events;
        this.alarms = alarms;
        this.outbox = outbox;
        this.messages = messages;
    }

    /** Adds the gatehouse-* components to a context. */
    static void addComponents(CamelContext context, EventService events, AlarmService alarms, OutboxService outbox,
                              MessageService messages) {
        context.addComponent(EventComponent.SCHEME, new EventComponent(events));
        context.addComponent(AlarmComponent.SCHEME, new AlarmComponent(alarms));
        context.addComponent(NotifyComponent.SCHEME, new NotifyComponent(outbox, messages));
    }

    @Activate
    synchronized void activate(BundleContext bundleContext) {
        OsgiDefaultCamelContext ctx = new OsgiDefaultCamelContext(bundleContext);
        start(ctx);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", NAME);
        props.put(Constants.SERVICE_DESCRIPTION, "Gatehouse platform CamelContext");
        registration = bundleContext.registerService(CamelContext.class, ctx, props);
    }

    /**
     * Names the context, adds the components, starts it, then adds the routes of the builders bound so far.
     * Camel 3's OSGi context initialises in its constructor, so routes are added only after start().
     */
    synchronized void start(CamelContext ctx) {
        ctx.adapt(ExtendedCamelContext.class).setName(NAME);
        addComponents(ctx, events, alarms, outbox, messages);
        ctx.start();
        context = ctx;
        bundles.start(ctx);
        LOG.info("CamelContext {} started with routes {}", NAME, bundles.routesByBundle());
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("CamelContext service already unregistered", e);
            }
            registration = null;
        }
        if (context != null) {
            bundles.stop();
            context.stop();
            LOG.info("CamelContext {} stopped", NAME);
            context = null;
        }
    }

    @Reference(service = RoutesBuilder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + ROUTES_PROPERTY + "=true)", unbind = "removeRoutes")
    synchronized void addRoutes(RoutesBuilder builder, ServiceReference<RoutesBuilder> ref) {
        addRoutes(builder, describe(ref));
    }

    synchronized void removeRoutes(RoutesBuilder builder, ServiceReference<RoutesBuilder> ref) {
        removeRoutes(builder);
    }

    /** @return the route ids added, empty if the context is not started yet (the builder then waits) */
    synchronized List<String> addRoutes(RoutesBuilder builder, String name) {
        return bundles.add(builder, name);
    }

    synchronized List<String> removeRoutes(RoutesBuilder builder) {
        return bundles.remove(builder);
    }

    synchronized Map<String, List<String>> routesByBundle() {
        return bundles.routesByBundle();
    }

    synchronized CamelContext context() {
        return context;
    }

    private static String describe(ServiceReference<?> ref) {
        if (ref == null) {
            return "?";
        }
        Object component = ref.getProperty("component.name");
        String bundle = ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
        return component == null ? bundle : bundle + "/" + component;
    }
}
