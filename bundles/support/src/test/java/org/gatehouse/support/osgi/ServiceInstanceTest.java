package org.gatehouse.support.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.LoggerFactory;

class ServiceInstanceTest {

    /** What a BundleContext was asked to do. */
    static final class Framework {
        final List<String> events = new ArrayList<>();
        final List<Dictionary<String, ?>> properties = new ArrayList<>();
        boolean bundleStopped;

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        events.add("register " + ((Class<?>) args[0]).getSimpleName() + " " + args[1]);
                        @SuppressWarnings("unchecked")
                        Dictionary<String, ?> d = (Dictionary<String, ?>) args[2];
                        properties.add(d);
                        return registration(args[1]);
                    });
        }

        private ServiceRegistration<?> registration(Object service) {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("unregister")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (bundleStopped) {
                            throw new IllegalStateException("The service registration is no longer valid.");
                        }
                        events.add("unregister " + service);
                        return null;
                    });
        }
    }

    private final ServiceInstance<CharSequence> instance = new ServiceInstance<>(CharSequence.class, "org.example",
            LoggerFactory.getLogger(ServiceInstanceTest.class));

    @Test
    void registersWithPropertiesThenUnregistersAndReleases() {
        Framework fw = new Framework();
        assertFalse(instance.registered());
        assertEquals("one", instance.register(fw.context(), "one", Map.of("k", "v", "n", 2),
                () -> fw.events.add("release one")));
        assertTrue(instance.registered());
        assertEquals(List.of("register CharSequence one"), fw.events);
        assertEquals("v", fw.properties.get(0).get("k"));
        assertEquals(2, fw.properties.get(0).get("n"));
        assertEquals(2, fw.properties.get(0).size());

        instance.unregister();
        assertFalse(instance.registered());
        assertEquals(List.of("register CharSequence one", "unregister one", "release one"), fw.events);
        instance.unregister(); // a second deactivate does nothing
        assertEquals(3, fw.events.size());
    }

    @Test
    void aNewRegistrationReplacesTheFormerOne() {
        Framework fw = new Framework();
        instance.register(fw.context(), "one", Map.of(), () -> fw.events.add("release one"));
        instance.register(fw.context(), "two", Map.of("p", "x"));
        assertEquals(List.of("register CharSequence one", "unregister one", "release one",
                "register CharSequence two"), fw.events);
        instance.unregister();
        assertEquals("unregister two", fw.events.get(fw.events.size() - 1));
    }

    @Test
    void aRegistrationGoneWithItsBundleIsStillReleased() {
        Framework fw = new Framework();
        instance.register(fw.context(), "one", Map.of(), () -> fw.events.add("release one"));
        fw.bundleStopped = true;
        instance.unregister();
        assertFalse(instance.registered());
        assertEquals(List.of("register CharSequence one", "release one"), fw.events);
    }

    @Test
    void settingsPassValuesAndRethrowConfigurationErrors() {
        assertEquals("ok", instance.settings(() -> "ok"));
        IllegalArgumentException bad = new IllegalArgumentException("port 0 is out of range 1-65535");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> instance.settings(() -> {
            throw bad;
        })));
        assertFalse(instance.registered());
    }

    @Test
    void propertiesBecomeADictionary() {
        Dictionary<String, Object> d = ServiceInstance.dictionary(Map.of("a", "1", "b", new String[] {"x"}));
        assertEquals(2, d.size());
        assertEquals("1", d.get("a"));
    }
}
