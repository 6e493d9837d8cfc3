package org.gatehouse.device.gate.hikvision.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;

import org.gatehouse.api.Device;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hikvision face terminal per factory configuration {@code etc/org.gatehouse.device.gate.hikvision-<alias>.cfg}:
 * registers its {@link DeviceDriver} (properties from the configuration) and the servlet that receives its pushes at
 * {@code /gatehouse/api/devices/<device.id>/isapi/events}.
 */
@Component(name = HikvisionComponent.PID, configurationPid = HikvisionComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = HikvisionConfig.class, factory = true)
public class HikvisionComponent {

    static final String PID = "org.gatehouse.device.gate.hikvision";

    private static final Logger LOG = LoggerFactory.getLogger(HikvisionComponent.class);

    private final ServiceInstance<DeviceDriver> instance = new ServiceInstance<>(DeviceDriver.class, PID, LOG);

    @Reference
    private PassageService passages;

    @Reference
    private RosterService roster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SiteService sites;

    @Activate
    void activate(BundleContext context, HikvisionConfig config) {
        HikvisionSettings settings = instance.settings(() -> HikvisionSettings.from(config, Secrets.ENVIRONMENT));
        HikvisionDriver driver = new HikvisionDriver(settings, passages, roster, this::device);
        ServiceRegistration<Servlet> servlet = context.registerService(Servlet.class, new EventServlet(driver),
                servletProperties(settings));
        instance.register(context, driver, serviceProperties(settings), () -> {
            try {
                servlet.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            driver.detach();
        });
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    private Optional<Device> device(String id) {
        SiteService s = sites;
        return s == null ? Optional.empty() : s.device(id);
    }

    static Map<String, Object> serviceProperties(HikvisionSettings settings) {
        return Map.of(DeviceDriver.TYPE, HikvisionDriver.TYPE, DeviceDriver.VENDOR, HikvisionDriver.VENDOR,
                DeviceDriver.DEVICE_ID, settings.deviceId());
    }

    static Dictionary<String, Object> servletProperties(HikvisionSettings settings) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", settings.eventPath());
        props.put("osgi.http.whiteboard.servlet.name", "gatehouse-hikvision-" + settings.deviceId());
        return props;
    }
}
