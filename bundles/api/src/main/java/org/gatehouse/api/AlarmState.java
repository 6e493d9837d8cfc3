package org.gatehouse.api;

/** Life cycle of an alarm. RAISED and ACKNOWLEDGED are active; RESOLVED and CLEARED are closed. */
public enum AlarmState {
    RAISED, ACKNOWLEDGED, RESOLVED, CLEARED;

    /** @return true while the alarm is still open */
    public boolean active() {
        return this == RAISED || this == ACKNOWLEDGED;
    }
}
