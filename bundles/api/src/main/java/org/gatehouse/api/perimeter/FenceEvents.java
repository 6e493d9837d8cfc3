package org.gatehouse.api.perimeter;

import java.util.Set;

/**
 * The event types fence drivers report (DC-09 receivers, Modbus I/O, any other), so that arming, the alarm rules and
 * the console treat every vendor alike. A condition that ends is the same type with attribute
 * {@code state=restore} ({@link org.gatehouse.api.SecurityEvent#isRestore()}). Drivers put the zone of the fence in
 * the event's {@code zoneId} when they know it, else the core takes the device's zone.
 */
public final class FenceEvents {
    /** Someone climbed, cut into or leant on the fence: alarms only when the zone is armed and not bypassed. */
    public static final String INTRUSION = "fence.intrusion";
    /** The controller's or a detector's cover was opened: always alarms. */
    public static final String TAMPER = "fence.tamper";
    /** A fence wire was cut or broke: always alarms. */
    public static final String WIRE_CUT = "fence.wire.cut";
    /** Wire tension below its band (slack wire, a ladder against it). Attribute {@code wire} when known. */
    public static final String TENSION_LOW = "fence.tension.low";
    /** Wire tension above its band (someone pulling). */
    public static final String TENSION_HIGH = "fence.tension.high";
    /** Controller, power or communication fault. */
    public static final String FAULT = "fence.fault";
    /** Battery of the controller low. */
    public static final String BATTERY_LOW = "fence.battery.low";
    /** The controller itself reports that it was armed (attribute {@code by}, a user number, when known). */
    public static final String ARMED = "fence.armed";
    /** The controller itself reports that it was disarmed. */
    public static final String DISARMED = "fence.disarmed";
    /** A receiver's account (a panel) missed its link tests: the panel is silent. */
    public static final String LINK_LOST = "fence.link.lost";

    /** Attribute: the zone number on the panel or I/O map, as the device reports it ({@code 001}). */
    public static final String ATTR_PANEL_ZONE = "panel.zone";
    /** Attribute: the receiver account ({@code 1234}) a DC-09 event came from. */
    public static final String ATTR_ACCOUNT = "account";
    /** Attribute: the raw event code ({@code E130}, {@code BA}) as received. */
    public static final String ATTR_CODE = "code";

    /** Types that alarm whatever the arming: tamper and wire cut. */
    public static final Set<String> ALWAYS_ALARM = Set.of(TAMPER, WIRE_CUT);
    /** Types that alarm only in an armed, not bypassed zone. */
    public static final Set<String> ARMED_ONLY = Set.of(INTRUSION, TENSION_LOW, TENSION_HIGH);

    private FenceEvents() {
    }
}
