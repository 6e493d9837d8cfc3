package org.gatehouse.device.fence.modbus.internal;

/**
 * A write a command makes: a coil set on or off, or a holding register set to a value.
 *
 * @param table   {@link Table#COIL} or {@link Table#HR}
 * @param address the 0-based address
 * @param value   0/1 for a coil, 0-65535 for a register; -1 when the command gives it (a relay's on/off)
 * @param spec    the configured text
 */
record Write(Table table, int address, int value, String spec) {
}
