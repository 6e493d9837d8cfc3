package org.gatehouse.camel.internal;

/** Names of the Camel message headers the gatehouse-* components read and write. */
public final class GatehouseHeaders {
    /** Event type of a {@code gatehouse-event} message. */
    public static final String EVENT_TYPE = "GatehouseEventType";
    /** Device id of a {@code gatehouse-event} message. */
    public static final String DEVICE_ID = "GatehouseDeviceId";
    /** Severity name of a {@code gatehouse-event} message. */
    public static final String SEVERITY = "GatehouseSeverity";
    /** Alarm transition name ({@code RAISED}, {@code ESCALATED}, ...) of a {@code gatehouse-alarm} message. */
    public static final String ALARM_TRANSITION = "GatehouseAlarmTransition";
    /** Optional alarm message read by {@code gatehouse-alarm:raise}. */
    public static final String ALARM_MESSAGE = "GatehouseAlarmMessage";
    /** Optional recipient read by {@code gatehouse-notify}; overrides the recipient option. */
    public static final String NOTIFY_RECIPIENT = "GatehouseNotifyRecipient";
    /** Optional subject read by {@code gatehouse-notify} for a String body. */
    public static final String NOTIFY_SUBJECT = "GatehouseNotifySubject";
    /** Optional dedupe key read by {@code gatehouse-notify} for a Map or String body. */
    public static final String NOTIFY_DEDUPE_KEY = "GatehouseNotifyDedupeKey";

    private GatehouseHeaders() {
    }

    /** Recipient on the fallback channel (a phone number when the message itself goes by e-mail or push). */
    public static final String NOTIFY_FALLBACK_RECIPIENT = "GatehouseNotifyFallbackRecipient";

    /** Link to a passage snapshot, put into the data of guardian messages as {@code snapshotUrl}. */
    public static final String SNAPSHOT_URL = "GatehouseSnapshotUrl";

    /** Display name of the gate of a passage (guardian messages; the device id when absent). */
    public static final String GATE_NAME = "GatehouseGateName";

    /**
     * Whom {@code gatehouse-notify:persons|homeroom|guardians} with a Map body addresses: comma-separated person ids,
     * a class, or a student id.
     */
    public static final String NOTIFY_TARGET = "GatehouseNotifyTarget";
}
