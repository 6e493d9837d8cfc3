package org.gatehouse.api.device;

import java.util.Map;

/**
 * A command to a device.
 *
 * @param name       command name ({@code open}, {@code arm}, {@code disarm}, {@code snapshot})
 * @param parameters parameters as strings
 */
public record DeviceCommand(String name, Map<String, String> parameters) {
    public DeviceCommand {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
