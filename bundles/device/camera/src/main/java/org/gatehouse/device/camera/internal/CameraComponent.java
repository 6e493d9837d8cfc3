package org.gatehouse.device.camera.internal;

import java.util.Map;

import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.LiveView;
import org.gatehouse.api.face.FaceService;
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
 * One camera per factory configuration {@code etc/org.gatehouse.device.camera-<alias>.cfg}. Faces are detected with
 * the core's active engine ({@link FaceService#activeEngine()}) and every capture goes to
 * {@link PassageService#decide}.
 */
@Component(name = CameraComponent.PID, configurationPid = CameraComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = CameraConfig.class, factory = true)
public class CameraComponent {

    static final String PID = "org.gatehouse.device.camera";

    private static final Logger LOG = LoggerFactory.getLogger(CameraComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);
    private final ServiceInstance<LiveView> liveView = new ServiceInstance<>(LiveView.class, PID, LOG);

    @Reference
    PassageService passages;

    @Reference
    FaceService faces;

    @Activate
    void activate(BundleContext context, CameraConfig config) {
        CameraSettings settings = instance.settings(() -> CameraSettings.from(config));
        CameraDriver driver = new CameraDriver(settings, faces::activeEngine,
                new DecideHandler(settings.deviceId(), passages), context.getBundle().getVersion().toString());
        instance.register(context, driver, serviceProperties(settings), driver::detach);
        liveView.register(context, driver.liveView(), Map.of(DeviceDriver.DEVICE_ID, settings.deviceId()));
    }

    @Deactivate
    void deactivate() {
        liveView.unregister();
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(CameraSettings settings) {
        return Map.of(DeviceDriver.TYPE, settings.deviceType(), DeviceDriver.VENDOR, CameraDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId());
    }
}
