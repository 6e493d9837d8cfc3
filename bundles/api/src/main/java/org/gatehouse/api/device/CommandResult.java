package org.gatehouse.api.device;

import java.util.Map;

/**
 * Outcome of a device command.
 *
 * @param ok      whether the device carried it out
 * @param message reason for people when not ok
 * @param data    result values
 */
public record CommandResult(boolean ok, String message, Map<String, String> data) {
    public CommandResult {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static CommandResult success() { return new CommandResult(true, null, Map.of()); }

    public static CommandResult failed(String message) { return new CommandResult(false, message, Map.of()); }
}
