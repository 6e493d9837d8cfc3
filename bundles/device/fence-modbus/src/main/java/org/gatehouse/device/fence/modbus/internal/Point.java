package org.gatehouse.device.fence.modbus.internal;

import org.gatehouse.api.Severity;

/**
 * One polled point: where its value is and when it counts as active.
 *
 * @param name     the configured name ({@code fence.intrusion}, {@code fence.intrusion.z2}, {@code armed})
 * @param type     the event type it reports ({@code fence.intrusion}), or {@value #ARMED} for the arming state
 * @param label    what follows the type in the name ({@code z2}), reported as attribute {@code panel.zone}; may be null
 * @param table    the Modbus table
 * @param address  the 0-based address (the PDU address, as on the wire)
 * @param bit      the bit of a register, 0-15, or -1 for the whole value
 * @param op       the comparison ({@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}), or null for
 *                 "not zero"
 * @param operand  the value compared with
 * @param zoneId   the zone its events carry; null for the device's zone
 * @param severity the severity of its events
 * @param spec     the configured text, for log lines
 */
record Point(String name, String type, String label, Table table, int address, int bit, String op, int operand,
             String zoneId, Severity severity, String spec) {

    /** The name of the arming state point. */
    static final String ARMED = "armed";

    /** @return whether the raw value read makes the point active */
    boolean active(int raw) {
        int v = bit >= 0 ? (raw >> bit) & 1 : raw;
        if (op == null) {
            return v != 0;
        }
        return switch (op) {
            case "=" -> v == operand;
            case "!=" -> v != operand;
            case "<" -> v < operand;
            case "<=" -> v <= operand;
            case ">" -> v > operand;
            case ">=" -> v >= operand;
            default -> throw new IllegalStateException(op);
        };
    }

    /** @return whether this is the arming state rather than an alarm input */
    boolean isArmed() {
        return ARMED.equals(type);
    }
}
