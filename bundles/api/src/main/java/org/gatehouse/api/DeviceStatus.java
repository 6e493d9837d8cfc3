package org.gatehouse.api;

/** Connection state of a device as its driver last reported it. */
public enum DeviceStatus {
    /** No driver has reported yet. */
    UNKNOWN,
    /** Connected and working. */
    ONLINE,
    /** Not reachable; the driver keeps trying. */
    OFFLINE,
    /** Reachable but reports a fault (tamper, sensor failure). */
    FAULT
}
