package org.gatehouse.device.camel.internal;

import java.time.Clock;
import java.util.Map;

import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.PayloadMapper;
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
 * One device per factory configuration {@code etc/org.gatehouse.device.camel-<alias>.cfg}, installed and removed at
 * run time: a new configuration starts its route, a deleted one stops it. The same object is registered as the
 * {@link DeviceDriver} and as the device's {@link PayloadMapper}, both with {@link DeviceDriver#DEVICE_ID}.
 * Each device runs its route in a CamelContext of its own, so that one device's failing consumer never touches the
 * platform's routes; the Camel components (camel-paho, camel-netty...) are found through the OSGi registry.
 */
@Component(name = CamelDeviceComponent.PID, configurationPid = CamelDeviceComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = CamelDeviceConfig.class, factory = true)
public class CamelDeviceComponent {
    static final String PID = "org.gatehouse.device.camel";
    private static final Logger LOG = LoggerFactory.getLogger(CamelDeviceComponent.class);

    private final ServiceInstance<DeviceDriver> driver = new ServiceInstance<>(DeviceDriver.class, PID, LOG);
    private final ServiceInstance<PayloadMapper> mapper = new ServiceInstance<>(PayloadMapper.class, PID, LOG);

    @Activate
    void activate(BundleContext context, CamelDeviceConfig config, Map<String, Object> properties) {
        CamelDeviceSettings settings = driver.settings(() -> CamelDeviceSettings.from(config, properties));
        CamelDevice device = new CamelDevice(settings, () -> new OsgiDefaultCamelContext(context),
                Clock.systemUTC());
        Map<String, Object> props = Map.of(DeviceDriver.TYPE, settings.type(), DeviceDriver.VENDOR,
                CamelDevice.VENDOR, DeviceDriver.DEVICE_ID, settings.deviceId());
        mapper.register(context, device, props);
        driver.register(context, device, props, device::detach);
        LOG.info("Device {} by Camel URI {} ({} rules)", settings.deviceId(), settings.shownUri(),
                settings.mapping().rules().size());
    }

    @Deactivate
    void deactivate() {
        mapper.unregister();
        driver.unregister();
    }
}
