package org.gatehouse.device.gate.zkteco.internal;

import java.io.File;
import java.util.Map;

import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.device.DeviceDriver;
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
 * One ZKTeco terminal per factory configuration {@code etc/org.gatehouse.device.gate.zkteco-<alias>.cfg}. The driver
 * is registered from code so that its service properties (device id, serial) come from the configuration;
 * {@link ZkServlet} finds it by {@value #SERIAL}.
 */
@Component(name = ZkComponent.PID, configurationPid = ZkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ZkConfig.class, factory = true)
public class ZkComponent {

    static final String PID = "org.gatehouse.device.gate.zkteco";
    /** Service property of the driver: the terminal's serial number. */
    static final String SERIAL = "gatehouse.device.serial";

    private static final Logger LOG = LoggerFactory.getLogger(ZkComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);

    @Reference
    PassageService passages;

    @Reference
    RosterService roster;

    @Activate
    void activate(BundleContext context, ZkConfig config) {
        ZkSettings settings = instance.settings(
                () -> ZkSettings.from(config, context.getBundle().getVersion().toString()));
        File stamps = context.getDataFile("zkteco-" + settings.serial() + ".stamps");
        ZkDriver driver = new ZkDriver(settings, passages, roster, stamps == null ? null : stamps.toPath());
        instance.register(context, driver, serviceProperties(settings), driver::close);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(ZkSettings settings) {
        return Map.of(DeviceDriver.TYPE, ZkDriver.TYPE, DeviceDriver.VENDOR, ZkDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId(), SERIAL, settings.serial());
    }
}
