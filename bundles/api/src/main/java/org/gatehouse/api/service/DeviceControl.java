package org.gatehouse.api.service;

import java.util.concurrent.CompletionStage;

import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.osgi.annotation.versioning.ProviderType;

/** Sends commands (open, arm, disarm, snapshot, trigger) to devices through their attached driver. */
@ProviderType
public interface DeviceControl {
    /**
     * Executes a command on a device; the command and its outcome are written to the audit trail.
     *
     * @param actor who asked, for the audit trail
     * @return the driver's answer; a command the device does not support completes with a failed result
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND ({@code unknown-device}) for an unregistered device,
     *                                              UNAVAILABLE ({@code no-driver}) when no driver is attached to it,
     *                                              INVALID ({@code missing-name}) for a command without a name
     */
    CompletionStage<CommandResult> execute(String deviceId, DeviceCommand command, String actor);

    /**
     * Maps a sample message through a device's {@link org.gatehouse.api.device.PayloadMapper}, storing nothing.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND ({@code unknown-device}), UNAVAILABLE ({@code no-driver}),
     *                                              INVALID ({@code no-mapping}) when the device's driver does not map
     *                                              messages, ({@code missing-payload}) for an empty payload
     * @since 1.8
     */
    default MappingResult testPayload(String deviceId, String payload) {
        throw new UnsupportedOperationException("testPayload");
    }

    /**
     * @return the device's mapping counters
     * @throws org.gatehouse.api.GatehouseException as {@link #testPayload} (without {@code missing-payload})
     * @since 1.8
     */
    default MappingStats mappingStats(String deviceId) {
        throw new UnsupportedOperationException("mappingStats");
    }
}
