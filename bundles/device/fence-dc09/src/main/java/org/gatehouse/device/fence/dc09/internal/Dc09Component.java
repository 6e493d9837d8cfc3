package org.gatehouse.device.fence.dc09.internal;

import java.time.Clock;
import java.util.Map;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DC-09 receiver (one port, TCP and UDP) per factory configuration
 * {@code etc/org.gatehouse.device.fence.dc09-<alias>.cfg}. The driver is registered from code so that its service
 * properties come from the configuration.
 */
@Component(name = Dc09Component.PID, configurationPid = Dc09Component.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Dc09Config.class, factory = true)
public class Dc09Component {

    static final String PID = "org.gatehouse.device.fence.dc09";

    private static final Logger LOG = LoggerFactory.getLogger(Dc09Component.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);

    /** Sites: the driver is offered once a site exists, so that the core can register the receiver there. */
    @Reference
    SiteService sites;

    private ScheduledExecutorService waiting;

    @Activate
    synchronized void activate(BundleContext context, Dc09Config config, Map<String, Object> properties) {
        Dc09Settings settings = instance.settings(() -> Dc09Settings.from(config, properties, Secrets.ENVIRONMENT));
        Dc09Driver driver = new Dc09Driver(settings, Clock.systemUTC());
        Runnable offer = () -> instance.register(context, driver, Map.of(DeviceDriver.TYPE, Dc09Driver.TYPE,
                DeviceDriver.VENDOR, Dc09Driver.VENDOR, DeviceDriver.DEVICE_ID, settings.deviceId()), driver::detach);
        if (hasSite(settings.deviceId())) {
            offer.run();
            return;
        }
        // a first start: the demo campus (or the operator) has not created the site yet
        LOG.info("DC-09 receiver {} waits for its site to be created", settings.deviceId());
        waiting = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dc09-wait-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
        waiting.scheduleWithFixedDelay(() -> {
            synchronized (this) {
                if (waiting != null && hasSite(settings.deviceId())) {
                    offer.run();
                    waiting.shutdown();
                    waiting = null;
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private boolean hasSite(String deviceId) {
        try {
            return sites.device(deviceId).isPresent() || !sites.sites().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (waiting != null) {
            waiting.shutdownNow();
            waiting = null;
        }
        instance.unregister();
    }
}
