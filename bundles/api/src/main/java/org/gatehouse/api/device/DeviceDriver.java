package org.gatehouse.api.device;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver instance for one device, published as an OSGi service (one instance per factory configuration).
 * The core finds drivers by service properties and calls {@link #attach} once; the driver then reports status and
 * events through the sink. A connection failure is reported as a status, never thrown.
 */
@ConsumerType
public interface DeviceDriver {
    /** Service property: device type ({@code fence}, {@code camera}, {@code facegate}, {@code thermo}, ...). */
    String TYPE = "gatehouse.device.type";
    /** Service property: vendor key of the driver. */
    String VENDOR = "gatehouse.device.vendor";
    /** Service property: id of the device this instance drives. */
    String DEVICE_ID = "gatehouse.device.id";

    /** @return identity and capabilities of the device */
    DeviceInfo info();

    /** Starts talking to the device. Must return fast; connect in the background. */
    void attach(DeviceSink sink);

    /** Stops talking to the device. Idempotent; frees sockets and threads. */
    void detach();

    /** Executes a command (arm, open, snapshot). Unsupported commands complete with a failed result. */
    CompletionStage<CommandResult> execute(DeviceCommand command);
}
