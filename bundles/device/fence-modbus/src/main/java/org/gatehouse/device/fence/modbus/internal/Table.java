package org.gatehouse.device.fence.modbus.internal;

import java.util.Locale;

/** The four Modbus data tables, by the short names of the configuration. */
enum Table {
    /** Discrete inputs (function 2), read only bits. */
    DI("di", true, false),
    /** Coils (function 1 to read, 5 to write). */
    COIL("coil", true, true),
    /** Holding registers (function 3 to read, 6 to write). */
    HR("hr", false, true),
    /** Input registers (function 4), read only. */
    IR("ir", false, false);

    final String key;
    final boolean bit;
    final boolean writable;

    Table(String key, boolean bit, boolean writable) {
        this.key = key;
        this.bit = bit;
        this.writable = writable;
    }

    /** @return the table named {@code di}, {@code coil}, {@code hr} or {@code ir} (case ignored), or null */
    static Table of(String text) {
        String k = text.trim().toLowerCase(Locale.ROOT);
        for (Table t : values()) {
            if (t.key.equals(k)) {
                return t;
            }
        }
        return null;
    }
}
