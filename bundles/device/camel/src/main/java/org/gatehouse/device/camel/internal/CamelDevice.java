package org.gatehouse.device.camel.internal;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.api.device.PayloadMapper;
import org.gatehouse.support.osgi.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device by Camel URI: a route {@code from(uri)} in a CamelContext of its own whose messages are mapped to events
 * by the {@link Mapping} and reported through the sink. A supervisor checks the route every
 * {@code status.check.seconds}: a route that cannot start (broker away, component not installed yet, port taken)
 * is retried and the device is OFFLINE with the reason; a started MQTT consumer whose client lost its broker is
 * OFFLINE until Paho reconnects. One report per status change, which the core logs.
 */
final class CamelDevice implements DeviceDriver, PayloadMapper {
    static final String VENDOR = "camel";
    private static final Logger LOG = LoggerFactory.getLogger(CamelDevice.class);

    private final CamelDeviceSettings settings;
    private final Supplier<CamelContext> contexts;
    private final MappingCounter counter;
    private final String routeId;

    private ScheduledExecutorService supervisor; // guarded by this
    private CamelContext context; // guarded by this
    private volatile DeviceSink sink;
    private DeviceStatus status; // guarded by this
    private String reason; // guarded by this

    CamelDevice(CamelDeviceSettings settings, Supplier<CamelContext> contexts, Clock clock) {
        this.settings = settings;
        this.contexts = contexts;
        this.counter = new MappingCounter(settings.deviceId(), LOG, clock, settings.logPeriodMillis());
        this.routeId = "gatehouse-device-" + settings.deviceId();
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), settings.type(), VENDOR, settings.scheme(), null, Set.of());
    }

    @Override
    public synchronized void attach(DeviceSink s) {
        if (supervisor != null) {
            return;
        }
        sink = s;
        supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-camel-device-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
        supervisor.scheduleWithFixedDelay(this::check, 0, settings.checkMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void detach() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = supervisor;
            supervisor = null;
        }
        if (s == null) {
            return;
        }
        Shutdown.executor(s, false, 10_000);
        synchronized (this) {
            stopContext();
            counter.flush();
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.failed("a device by Camel URI takes no commands"));
    }

    @Override
    public MappingResult test(String payload) {
        return result(settings.mapping().map(payload, Map.of()));
    }

    @Override
    public MappingStats stats() {
        return counter.stats();
    }

    static MappingResult result(Mapping.Outcome o) {
        List<SecurityEvent> events = new ArrayList<>();
        o.events().forEach(m -> events.add(m.event()));
        return new MappingResult(o.kind() == Mapping.Kind.MAPPED, o.rule(), events, o.reason());
    }

    /** One received message: mapped, reported, counted; never throws (the consumer would log a stack trace). */
    void receive(String payload, Map<String, Object> headers) {
        counter.received();
        Mapping.Outcome o;
        try {
            o = settings.mapping().map(payload, headers);
        } catch (RuntimeException e) {
            counter.bad(payload, "mapping failed: " + e, true);
            return;
        }
        if (o.kind() != Mapping.Kind.MAPPED) {
            counter.bad(payload, o.reason(), o.kind() == Mapping.Kind.FAILED);
            return;
        }
        DeviceSink s = sink;
        try {
            for (Mapping.Mapped m : o.events()) {
                s.event(m.event(), m.forDevice());
            }
            counter.mapped();
        } catch (GatehouseException e) {
            counter.bad(payload, o.rule() + ": refused by the spine: " + e.code() + ": " + e.getMessage(), true);
        }
    }

    private void process(Exchange exchange) {
        String body;
        try {
            body = exchange.getIn().getBody(String.class);
        } catch (RuntimeException e) {
            counter.received();
            counter.bad("", "unreadable body: " + e.getMessage(), true);
            return;
        }
        receive(body, exchange.getIn().getHeaders());
    }

    /** The supervisor: starts the route when it is not running and reports the status on a change. */
    synchronized void check() {
        if (supervisor == null) {
            return;
        }
        try {
            if (context == null) {
                CamelContext ctx = contexts.get();
                ctx.adapt(ExtendedCamelContext.class).setName("gatehouse-device-" + settings.deviceId());
                ctx.start(); // Camel 3's OSGi context initialises in its constructor: routes only after start()
                context = ctx;
            }
            if (context.getRoute(routeId) == null) {
                addRoute();
            }
            ServiceStatus st = context.getRouteController().getRouteStatus(routeId);
            if (st == null || !st.isStarted()) {
                context.getRouteController().startRoute(routeId);
            }
            String lost = connectionLost(context.getRoute(routeId));
            if (lost != null) {
                report(DeviceStatus.OFFLINE, lost);
            } else {
                report(DeviceStatus.ONLINE, "consuming " + settings.shownUri());
            }
        } catch (Exception | LinkageError e) {
            report(DeviceStatus.OFFLINE, "route failed: " + reason(e));
        }
        counter.flush();
    }

    /** Adds the route, stopped; a route that cannot be created (unknown component, bad option) leaves nothing. */
    private void addRoute() throws Exception {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(settings.uri()).routeId(routeId).autoStartup(false).process(CamelDevice.this::process);
                }
            });
        } catch (Exception e) {
            ModelCamelContext model = context.adapt(ModelCamelContext.class);
            RouteDefinition definition = model.getRouteDefinition(routeId);
            if (definition != null) {
                try {
                    model.removeRouteDefinition(definition);
                } catch (Exception ignored) {
                    // nothing was started
                }
            }
            throw e;
        }
    }

    /** @return why a started consumer has no connection (an MQTT client that lost its broker), null if it has */
    static String connectionLost(Route route) {
        Consumer consumer = route == null ? null : route.getConsumer();
        if (consumer == null) {
            return "no consumer";
        }
        try {
            Method client = consumer.getClass().getMethod("getClient");
            Object c = client.invoke(consumer);
            if (c == null) {
                return "not connected";
            }
            Method connected = c.getClass().getMethod("isConnected");
            return Boolean.TRUE.equals(connected.invoke(c)) ? null : "broker connection lost, reconnecting";
        } catch (NoSuchMethodException e) {
            return null; // a consumer without a client (a listening socket, a folder): started is connected
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private void report(DeviceStatus next, String why) {
        if (next == status && (next == DeviceStatus.ONLINE || why.equals(reason))) {
            return;
        }
        status = next;
        reason = why;
        // the core logs the change ("Device <id> is OFFLINE: <reason>"): one line per change, not two
        LOG.debug("Device {} {}: {}", settings.deviceId(), next, why);
        DeviceSink s = sink;
        if (s != null) {
            try {
                s.status(next, why);
            } catch (RuntimeException e) {
                LOG.warn("Device {}: status not recorded: {}", settings.deviceId(), e.toString());
            }
        }
    }

    private void stopContext() {
        if (context != null) {
            try {
                context.stop();
            } catch (RuntimeException e) {
                LOG.debug("Context of device {} failed to stop", settings.deviceId(), e);
            }
            context = null;
        }
    }

    /** @return the innermost message of a failure, one line, without the URI's secrets */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse("");
        return CamelDeviceSettings.hidePasswords(m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }

    /** @return the route's status, for tests */
    synchronized DeviceStatus status() {
        return status;
    }
}
