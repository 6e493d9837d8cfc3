package org.gatehouse.rest.internal.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.LiveView;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tracks every {@link LiveView} service by its {@code gatehouse.device.id} property (dynamic, multiple): a camera
 * that comes is served at once, one that goes answers 404 {@code no-live-view}. With two for one device, the last
 * registered wins until it goes.
 */
public final class LiveViewTracker extends ServiceTracker<LiveView, LiveView> implements LiveViews, AutoCloseable {
    private final Map<String, ServiceReference<LiveView>> byDevice = new ConcurrentHashMap<>();

    public LiveViewTracker(BundleContext context) {
        super(context, LiveView.class, null);
    }

    @Override
    public LiveView addingService(ServiceReference<LiveView> reference) {
        LiveView view = super.addingService(reference);
        String id = deviceId(reference);
        if (view != null && id != null) {
            byDevice.put(id, reference);
        }
        return view;
    }

    @Override
    public void modifiedService(ServiceReference<LiveView> reference, LiveView service) {
        byDevice.values().remove(reference);
        String id = deviceId(reference);
        if (id != null) {
            byDevice.put(id, reference);
        }
    }

    @Override
    public void removedService(ServiceReference<LiveView> reference, LiveView service) {
        byDevice.values().remove(reference);
        super.removedService(reference, service);
    }

    @Override
    public Optional<LiveView> of(String deviceId) {
        ServiceReference<LiveView> ref = deviceId == null ? null : byDevice.get(deviceId);
        return ref == null ? Optional.empty() : Optional.ofNullable(getService(ref));
    }

    private static String deviceId(ServiceReference<?> reference) {
        Object id = reference.getProperty(DeviceDriver.DEVICE_ID);
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    @Override
    public void close() {
        super.close();
        byDevice.clear();
    }
}
