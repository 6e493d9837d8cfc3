package org.gatehouse.device.simulator.internal;

import java.util.Map;

import org.gatehouse.api.device.DeviceDriver;
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
 * One simulated device per factory configuration {@code etc/org.gatehouse.device.simulator-<alias>.cfg}. The driver
 * is registered in {@link #activate} so that its service properties can come from the configuration.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SimulatorConfig.class, factory = true)
public class SimulatorComponent {

    static final String PID = "org.gatehouse.device.simulator";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);

    @Activate
    void activate(BundleContext context, SimulatorConfig config) {
        SimulatorSettings settings = instance.settings(
                () -> SimulatorSettings.from(config, context.getBundle().getVersion().toString()));
        SimulatorDriver driver = new SimulatorDriver(settings);
        instance.register(context, driver, serviceProperties(settings), driver::detach);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(SimulatorSettings settings) {
        return Map.of(DeviceDriver.TYPE, settings.deviceType(), DeviceDriver.VENDOR, SimulatorDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId());
    }
}
