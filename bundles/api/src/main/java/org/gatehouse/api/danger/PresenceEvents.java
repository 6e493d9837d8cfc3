package org.gatehouse.api.danger;

/**
 * The presence events danger zones follow. Any driver may report them: a PIR detector or a door contact (a simulator
 * input, a Modbus input) or a camera with a person detector.
 */
public final class PresenceEvents {
    /** Someone is in the zone. The event's zone (or its device's zone) is the zone; a snapshot when a camera saw it. */
    public static final String PRESENCE = "zone.presence";
    /** A danger-zone warning the core raised from a presence (an alarm by the alarm rules; messages by the route). */
    public static final String WARNING = "danger.warning";

    /** Attribute: how it was sensed: {@code pir}, {@code door}, {@code camera}. */
    public static final String ATTR_SENSOR = "sensor";
    /** Attribute: number of people a camera's detector counted. */
    public static final String ATTR_PERSONS = "persons";
    /** Attribute: the detector's best score, 0..1 ({@code 0.83}). */
    public static final String ATTR_SCORE = "score";
    /** Attribute on a warning: the camera whose live view the message links (absent without a camera). */
    public static final String ATTR_CAMERA = "camera";
    /** Attribute on a warning: the zone's kind ({@link DangerKind}). */
    public static final String ATTR_KIND = "kind";

    private PresenceEvents() {
    }
}
