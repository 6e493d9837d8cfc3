package org.gatehouse.device.opcua.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.PayloadMapper;
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
 * One OPC UA server connection per factory configuration {@code etc/org.gatehouse.device.opcua-<alias>.cfg}. The
 * driver is registered from code, as a {@link DeviceDriver} and a {@link PayloadMapper} with the device id, so that
 * its service properties come from the configuration.
 */
@Component(name = OpcUaComponent.PID, configurationPid = OpcUaComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = OpcUaConfig.class, factory = true)
public class OpcUaComponent {

    static final String PID = "org.gatehouse.device.opcua";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);
    private final ServiceInstance<PayloadMapper> mapper = new ServiceInstance<>(PayloadMapper.class, PID, LOG);

    @Activate
    void activate(BundleContext context, OpcUaConfig config, Map<String, Object> properties) {
        OpcUaSettings settings = instance.settings(() -> OpcUaSettings.from(config, properties, etc(),
                Secrets.ENVIRONMENT));
        OpcUaDriver driver = new OpcUaDriver(settings, Clock.systemUTC());
        Map<String, Object> props = serviceProperties(settings);
        mapper.register(context, driver, props);
        instance.register(context, driver, props, driver::close);
    }

    @Deactivate
    void deactivate() {
        mapper.unregister();
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(OpcUaSettings settings) {
        return Map.of(DeviceDriver.TYPE, OpcUaDriver.TYPE, DeviceDriver.VENDOR, OpcUaDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId());
    }

    /** @return Karaf's etc folder ({@code karaf.etc}), else ./etc */
    static Path etc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc);
    }
}
