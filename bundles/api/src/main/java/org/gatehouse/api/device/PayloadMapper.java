package org.gatehouse.api.device;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver that turns raw messages into events by configured rules (a device by Camel URI, the OPC UA client driver)
 * publishes this beside its {@link DeviceDriver}, as an OSGi service with property {@link DeviceDriver#DEVICE_ID}
 * (usually the same object registered under both interfaces). It lets an integrator try a sample message
 * ({@code gatehouse:device-test ID PAYLOAD}, {@code POST /devices/{id}/test}) and read how many messages matched.
 *
 * @since 1.2
 */
@ConsumerType
public interface PayloadMapper {
    /**
     * Maps a sample message as a received one would be, and stores, publishes and counts nothing.
     *
     * @param payload the message as text (a JSON document, a text line, or for OPC UA {@code <nodeId>=<value>})
     * @return what it would become; a message that matches no rule gives {@code matched=false} with the reason
     */
    MappingResult test(String payload);

    /** @return the counters since the driver started */
    MappingStats stats();
}
