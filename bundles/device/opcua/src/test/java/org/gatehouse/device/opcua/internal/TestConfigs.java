package org.gatehouse.device.opcua.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the {@link OpcUaConfig} SCR would hand over from the properties of a cfg file. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** @return the config of the properties, with the annotation's defaults for keys not given */
    static OpcUaConfig config(Map<String, String> properties) {
        return (OpcUaConfig) Proxy.newProxyInstance(OpcUaConfig.class.getClassLoader(),
                new Class<?>[] {OpcUaConfig.class}, (proxy, method, args) -> value(method, properties));
    }

    /** @return the settings of the properties, as the component reads them, with no environment */
    static OpcUaSettings settings(Map<String, String> properties) {
        return settings(properties, n -> null);
    }

    static OpcUaSettings settings(Map<String, String> properties, UnaryOperator<String> env) {
        return OpcUaSettings.from(config(properties), properties, Path.of("target", "etc"), env);
    }

    /** @return a mutable map of the properties given as key, value, key, value... */
    static Map<String, String> props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Object value(Method method, Map<String, String> properties) {
        if (method.getName().equals("annotationType")) {
            return OpcUaConfig.class;
        }
        String key = method.getName().replace('_', '.');
        String v = properties.get(key);
        if (v == null) {
            return method.getDefaultValue();
        }
        Class<?> t = method.getReturnType();
        if (t == int.class) {
            return Integer.parseInt(v);
        }
        if (t == long.class) {
            return Long.parseLong(v);
        }
        return v;
    }
}
