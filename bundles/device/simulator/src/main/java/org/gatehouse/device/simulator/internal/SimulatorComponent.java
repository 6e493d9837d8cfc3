package org.gatehouse.device.simulator.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.gatehouse.api.device.DeviceDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device per factory configuration {@code etc/org.gatehouse.device.simulator-<alias>.cfg}. The driver
 * is registered in {@link #activate} so that its service properties can come from the configuration.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SimulatorConfig.class, factory = true)
public class SimulatorComponent {

    static final String PID = "org.gatehouse.device.simulator";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private SimulatorDriver driver;
    private ServiceRegistration<DeviceDriver> registration;

    @Activate
    void activate(BundleContext context, SimulatorConfig config) {
        SimulatorSettings settings;
        try {
            settings = SimulatorSettings.from(config, context.getBundle().getVersion().toString());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration {}: {}", PID, e.getMessage());
            throw e;
        }
        driver = new SimulatorDriver(settings);
        registration = context.registerService(DeviceDriver.class, driver, serviceProperties(settings));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        if (driver != null) {
            driver.detach();
            driver = null;
        }
    }

    static Dictionary<String, Object> serviceProperties(SimulatorSettings settings) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DeviceDriver.TYPE, settings.deviceType());
        props.put(DeviceDriver.VENDOR, SimulatorDriver.VENDOR);
        props.put(DeviceDriver.DEVICE_ID, settings.deviceId());
        return props;
    }
}
