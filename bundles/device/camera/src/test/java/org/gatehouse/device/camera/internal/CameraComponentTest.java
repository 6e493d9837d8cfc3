package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.face.FaceService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/** Activation of the DS component against a recording BundleContext. */
class CameraComponentTest {

    final List<Object> services = new ArrayList<>();
    final List<Dictionary<String, ?>> properties = new ArrayList<>();
    int unregistered;

    BundleContext context() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (p, m, a) -> m.getName().equals("getVersion") ? new Version(0, 1, 0) : null);
        ServiceRegistration<?> reg = (ServiceRegistration<?>) Proxy.newProxyInstance(
                ServiceRegistration.class.getClassLoader(), new Class<?>[] { ServiceRegistration.class }, (p, m, a) -> {
                    if (m.getName().equals("unregister")) {
                        unregistered++;
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getBundle":
                            return bundle;
                        case "registerService":
                            services.add(a[1]);
                            @SuppressWarnings("unchecked")
                            Dictionary<String, ?> d = (Dictionary<String, ?>) a[2];
                            properties.add(d);
                            return reg;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    static CameraComponent component() {
        CameraComponent c = new CameraComponent();
        c.passages = unused(PassageService.class);
        c.faces = unused(FaceService.class);
        return c;
    }

    @Test
    void registersOneDriverWithTheDeviceOfItsConfiguration() {
        Map<String, Object> v = new HashMap<>();
        v.put("device_id", "east-gate-cam");
        v.put("device_type", "camera");
        v.put("url", "rtsp://admin:pw@10.0.0.9/Streaming/Channels/102");
        CameraComponent c = component();
        c.activate(context(), CameraSettingsTest.config(v));
        assertEquals(2, services.size(), "the driver and its live view");
        assertTrue(services.get(0) instanceof DeviceDriver);
        assertEquals("east-gate-cam", properties.get(0).get(DeviceDriver.DEVICE_ID));
        assertEquals("camera", properties.get(0).get(DeviceDriver.TYPE));
        assertEquals("camera", properties.get(0).get(DeviceDriver.VENDOR));
        DeviceDriver d = (DeviceDriver) services.get(0);
        assertEquals("0.1.0", d.info().firmware());
        assertTrue(d.info().capabilities().isEmpty());
        assertTrue(services.get(1) instanceof org.gatehouse.api.device.LiveView);
        assertEquals(Map.of(DeviceDriver.DEVICE_ID, "east-gate-cam"), properties.get(1));
        assertTrue(((org.gatehouse.api.device.LiveView) services.get(1)).latest().isEmpty(), "not attached: no frame");
        c.deactivate();
        assertEquals(2, unregistered);
    }

    @Test
    void anInvalidConfigurationRegistersNothing() {
        Map<String, Object> v = new HashMap<>();
        v.put("device_id", "east-gate-cam");
        v.put("url", "pipe:0");
        assertThrows(IllegalArgumentException.class, () -> component().activate(context(), CameraSettingsTest.config(v)));
        assertTrue(services.isEmpty());
    }
}
