package org.gatehouse.api.device;

import java.util.Set;

/**
 * What a driver knows of its device.
 *
 * @param deviceId     id of the device in the site registry
 * @param type         device type
 * @param vendor       vendor key
 * @param model        model name, may be null
 * @param firmware     firmware version, may be null
 * @param capabilities command names the device accepts ({@code open}, {@code arm}, {@code disarm}, {@code snapshot})
 */
public record DeviceInfo(String deviceId, String type, String vendor, String model, String firmware,
                         Set<String> capabilities) {
    public DeviceInfo {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }
}
