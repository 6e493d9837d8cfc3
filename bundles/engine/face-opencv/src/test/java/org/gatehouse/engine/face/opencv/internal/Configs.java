package org.gatehouse.engine.face.opencv.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration as SCR would build it: the annotation's defaults, some overridden. */
final class Configs {
    private Configs() {
    }

    static OpencvEngineConfig of(Map<String, Object> values) {
        return (OpencvEngineConfig) Proxy.newProxyInstance(OpencvEngineConfig.class.getClassLoader(),
                new Class<?>[] { OpencvEngineConfig.class }, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> OpencvEngineConfig.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "config " + values;
                    };
                });
    }
}
