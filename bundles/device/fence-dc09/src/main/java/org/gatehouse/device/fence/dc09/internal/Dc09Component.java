package org.gatehouse.device.fence.dc09.internal;

import java.time.Clock;
import java.util.Map;

import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
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

    @Activate
    void activate(BundleContext context, Dc09Config config, Map<String, Object> properties) {
        Dc09Settings settings = instance.settings(() -> Dc09Settings.from(config, properties, Secrets.ENVIRONMENT));
        Dc09Driver driver = new Dc09Driver(settings, Clock.systemUTC());
        instance.register(context, driver, Map.of(DeviceDriver.TYPE, Dc09Driver.TYPE, DeviceDriver.VENDOR,
                Dc09Driver.VENDOR, DeviceDriver.DEVICE_ID, settings.deviceId()), driver::detach);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }
}
