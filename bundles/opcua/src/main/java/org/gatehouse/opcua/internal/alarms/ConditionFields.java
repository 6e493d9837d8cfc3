package org.gatehouse.opcua.internal.alarms;

import java.time.Instant;

import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

/**
 * How a Gatehouse alarm reads as an OPC UA condition: severity, message, source and times. Pure functions, so the
 * mapping is documented and tested in one place.
 */
final class ConditionFields {
    private ConditionFields() {
    }

    /**
     * Gatehouse severity on the OPC UA scale 1..1000 (Part 9, 5.5.3.1: 1-200 low, 201-500 medium, 501-800 medium-high,
     * 801-1000 high): INFO 100, WARNING 300, MAJOR 600, CRITICAL 900.
     */
    static UShort severity(Severity s) {
        if (s == null) {
            return ushort(300);
        }
        switch (s) {
            case INFO:
                return ushort(100);
            case MAJOR:
                return ushort(600);
            case CRITICAL:
                return ushort(900);
            case WARNING:
            default:
                return ushort(300);
        }
    }

    /**
     * The alarm's message with its locale: an alarm carries one message; it is {@code zh-CN} when it holds Chinese
     * characters, else {@code en}.
     */
    static LocalizedText message(String message) {
        String text = message == null ? "" : message;
        return new LocalizedText(hasHan(text) ? "zh-CN" : "en", text);
    }

    /** A comment or note as LocalizedText (locale as for {@link #message}); null text gives an empty comment. */
    static LocalizedText comment(String note) {
        return note == null ? LocalizedText.NULL_VALUE : message(note);
    }

    static boolean hasHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /**
     * The source of the condition in the Gatehouse namespace: the device ({@code Devices/<device>}), else the zone
     * ({@code Zones/<zone>}), else null (the condition is its own source).
     */
    static NodeId sourceNode(UShort ns, Alarm a) {
        if (a.deviceId() != null) {
            return new NodeId(ns, "Devices/" + a.deviceId());
        }
        if (a.zoneId() != null) {
            return new NodeId(ns, "Zones/" + a.zoneId());
        }
        return null;
    }

    /** SourceName: the device id, else the zone id, else the alarm's source key. */
    static String sourceName(Alarm a) {
        if (a.deviceId() != null) {
            return a.deviceId();
        }
        return a.zoneId() != null ? a.zoneId() : a.sourceKey();
    }

    /** The condition's node id: {@code ns=<i>;s=Alarms/<alarmId>}. */
    static NodeId conditionId(UShort ns, long alarmId) {
        return new NodeId(ns, "Alarms/" + alarmId);
    }

    /** When the change a transition reports happened (the event's Time). */
    static DateTime changedAt(Transition t, Alarm a) {
        Instant at;
        switch (t == null ? Transition.RAISED : t) {
            case REPEATED:
                at = a.lastAt();
                break;
            case ACKNOWLEDGED:
                at = a.ackAt();
                break;
            case RESOLVED:
            case CLEARED:
                at = a.closedAt();
                break;
            case ESCALATED:
            case REMINDED:
                at = Instant.now();
                break;
            case RAISED:
            default:
                at = a.firstAt();
                break;
        }
        return at == null ? DateTime.now() : new DateTime(at);
    }

    /** Whether the alarm has been acknowledged (AckedState/Id). */
    static boolean acked(Alarm a) {
        return a.ackBy() != null || a.ackAt() != null;
    }

    /** The user of the alarm's last change by a person: who closed it, else who acknowledged it, else null. */
    static String clientUserId(Alarm a) {
        return a.closedBy() != null ? a.closedBy() : a.ackBy();
    }

    /**
     * True if {@code incoming} is an older view of the alarm than {@code current} (transitions of one alarm fired from
     * two threads may arrive out of order): its life-cycle state, count or escalation level went backwards.
     */
    static boolean older(Alarm incoming, Alarm current) {
        int a = rank(incoming);
        int b = rank(current);
        if (a != b) {
            return a < b;
        }
        return incoming.count() < current.count() || incoming.escalationLevel() < current.escalationLevel();
    }

    private static int rank(Alarm a) {
        switch (a.state()) {
            case RAISED:
                return 0;
            case ACKNOWLEDGED:
                return 1;
            default:
                return 2;
        }
    }
}
