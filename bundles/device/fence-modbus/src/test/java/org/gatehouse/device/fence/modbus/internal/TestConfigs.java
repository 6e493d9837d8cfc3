package org.gatehouse.device.fence.modbus.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link ModbusConfig} SCR would hand over from the properties of a cfg file. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** @return the config of the properties, with the annotation's defaults for keys not given */
    static ModbusConfig config(Map<String, String> properties) {
        return (ModbusConfig) Proxy.newProxyInstance(ModbusConfig.class.getClassLoader(),
                new Class<?>[] {ModbusConfig.class}, (proxy, method, args) -> value(method, properties));
    }

    /** @return the settings of the properties, as the component reads them */
    static ModbusSettings settings(Map<String, String> properties) {
        return ModbusSettings.from(config(properties), properties);
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
            return ModbusConfig.class;
        }
        String key = method.getName().replace('_', '.');
        String v = properties.get(key);
        if (v == null) {
            if (method.getDefaultValue() == null) {
                return null;
            }
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
