package org.gatehouse.support.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;

/**
 * The one service a plugin's DS component instance offers, for instance one notification channel per factory
 * configuration {@code etc/<pid>-<alias>.cfg}. The component keeps its DS annotations and delegates to this:
 * {@link #settings} in {@code @Activate} validates the configuration, {@link #register} publishes the service with
 * properties taken from it, and {@link #unregister} in {@code @Deactivate} withdraws it and releases what it holds.
 * The service is registered from code rather than by SCR so that its properties can come from the validated
 * configuration; a configuration change re-activates the component, which registers afresh.
 *
 * @param <S> the service interface, an SPI type of the api bundle
 */
public final class ServiceInstance<S> {
    private final Class<S> type;
    private final String pid;
    private final Logger log;
    private ServiceRegistration<S> registration; // guarded by this
    private Runnable release; // guarded by this

    /**
     * @param type the interface the service is registered under
     * @param pid  the component's configuration PID, named in log lines
     * @param log  the component's logger
     */
    public ServiceInstance(Class<S> type, String pid, Logger log) {
        this.type = type;
        this.pid = pid;
        this.log = log;
    }

    /**
     * Reads and validates the configuration of an activation. A configuration error, an
     * {@link IllegalArgumentException} whose message names the key at fault, is logged as one line
     * ({@code Invalid configuration <pid>: <message>}) and rethrown, so that SCR does not activate the instance.
     *
     * @param read builds the settings from the configuration
     * @return the settings
     */
    public <T> T settings(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration {}: {}", pid, e.getMessage());
            throw e;
        }
    }

    /** As {@link #register(BundleContext, Object, Map, Runnable)} for a service that holds nothing to release. */
    public S register(BundleContext context, S service, Map<String, ?> properties) {
        return register(context, service, properties, null);
    }

    /**
     * Registers the service, after withdrawing one registered earlier by this instance.
     *
     * @param properties service properties (no null values)
     * @param release    run after the service is unregistered (closes connections, stops timers); may be null
     * @return the service
     */
    public synchronized S register(BundleContext context, S service, Map<String, ?> properties, Runnable release) {
        unregister();
        registration = context.registerService(type, service, dictionary(properties));
        this.release = release;
        return service;
    }

    /** @return whether a service is registered */
    public synchronized boolean registered() {
        return registration != null;
    }

    /**
     * Unregisters the service, if any, then releases it. A registration that went away with its stopping bundle is
     * not an error. Safe to call more than once.
     */
    public synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        if (release != null) {
            Runnable r = release;
            release = null;
            r.run();
        }
    }

    /** @return the properties as the dictionary the framework takes */
    public static Dictionary<String, Object> dictionary(Map<String, ?> properties) {
        return new Hashtable<>(properties);
    }
}
