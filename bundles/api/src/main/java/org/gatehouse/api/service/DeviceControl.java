package org.gatehouse.api.service;

import java.util.concurrent.CompletionStage;

import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
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
}
