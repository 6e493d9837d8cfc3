package org.gatehouse.api;

/** What a zone is for; routes decide what an event means from it. */
public enum ZoneKind {
    /** An entrance with gates: access control and attendance. */
    GATE,
    /** A fence line or wall: intrusion alarms when armed. */
    PERIMETER,
    /** A pond, lab or chemical store: presence is a warning to its responsible staff. */
    DANGER,
    /** A building or floor. */
    BUILDING
}
