package org.gatehouse.device.fence.modbus.internal;

import java.io.File;
import java.time.Clock;
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
 * One Modbus TCP device per factory configuration {@code etc/org.gatehouse.device.fence.modbus-<alias>.cfg}. The
 * driver is registered from code so that its service properties (device id) come from the configuration.
 */
@Component(name = ModbusComponent.PID, configurationPid = ModbusComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ModbusConfig.class, factory = true)
public class ModbusComponent {

    static final String PID = "org.gatehouse.device.fence.modbus";

    private static final Logger LOG = LoggerFactory.getLogger(ModbusComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);

    @Activate
    void activate(BundleContext context, ModbusConfig config, Map<String, Object> properties) {
        ModbusSettings settings = instance.settings(() -> ModbusSettings.from(config, properties));
        File state = context.getDataFile("modbus-" + settings.deviceId().replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".state");
        ModbusDriver driver = new ModbusDriver(settings, state == null ? null : state.toPath(), Clock.systemUTC());
        instance.register(context, driver, serviceProperties(settings), driver::close);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(ModbusSettings settings) {
        return Map.of(DeviceDriver.TYPE, ModbusDriver.TYPE, DeviceDriver.VENDOR, ModbusDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId());
    }
}
