package org.gatehouse.camel.internal;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.gatehouse.api.Alarm;

/**
 * Renders an alarm as a notification subject and text in English or Simplified Chinese, from the resource bundles
 * {@code messages_en.properties} and {@code messages_zh_CN.properties} (UTF-8) next to this class.
 */
public final class AlarmText {
    private static final String BUNDLE = "org.gatehouse.camel.internal.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private AlarmText() {
    }

    /** @return {@link Locale#SIMPLIFIED_CHINESE} for any {@code zh} language tag, otherwise {@link Locale#ENGLISH} */
    static Locale locale(String language) {
        if (language != null && language.toLowerCase(Locale.ROOT).startsWith("zh")) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.ENGLISH;
    }

    private static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle(BUNDLE, locale(language), AlarmText.class.getClassLoader(), NO_FALLBACK);
    }

    /** @return e.g. {@code Alarm #12 MAJOR fence.intrusion}; the wording depends on the transition */
    public static String subject(Alarm alarm, String transition, String language) {
        ResourceBundle b = bundle(language);
        String key = "subject." + (transition == null ? "RAISED" : transition);
        String pattern = b.containsKey(key) ? b.getString(key) : b.getString("subject.RAISED");
        return format(b, pattern, String.valueOf(alarm.id()), severity(b, alarm), alarm.type(),
                String.valueOf(alarm.escalationLevel()));
    }

    /** @return e.g. {@code Alarm #12 MAJOR fence.intrusion at north-fence (device fence-1), 3 times}, then the message */
    public static String text(Alarm alarm, String language) {
        ResourceBundle b = bundle(language);
        String place = alarm.zoneId() != null ? alarm.zoneId() : alarm.siteId() != null ? alarm.siteId() : "-";
        String text = format(b, b.getString("text"), String.valueOf(alarm.id()), severity(b, alarm), alarm.type(),
                place, alarm.deviceId() == null ? "-" : alarm.deviceId(), alarm.count());
        if (alarm.escalationLevel() > 0) {
            text += format(b, b.getString("text.escalated"), String.valueOf(alarm.escalationLevel()));
        }
        if (alarm.message() != null && !alarm.message().isBlank()) {
            text += "\n" + alarm.message();
        }
        return text;
    }

    /**
     * The values of the variables of message kind {@code alarm} (a template saved through the TemplateService):
     * alarmId, severity (in the language), type, place, device, count, level, transition, status (the transition in
     * words, empty for RAISED) and message.
     */
    public static Map<String, String> variables(Alarm alarm, String transition, String language) {
        ResourceBundle b = bundle(language);
        String t = transition == null ? "RAISED" : transition;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("alarmId", String.valueOf(alarm.id()));
        v.put("severity", severity(b, alarm));
        v.put("type", alarm.type());
        v.put("place", alarm.zoneId() != null ? alarm.zoneId() : alarm.siteId() != null ? alarm.siteId() : "-");
        v.put("device", alarm.deviceId() == null ? "-" : alarm.deviceId());
        v.put("count", String.valueOf(alarm.count()));
        v.put("level", String.valueOf(alarm.escalationLevel()));
        v.put("transition", t);
        String key = "status." + t;
        v.put("status", b.containsKey(key) ? format(b, b.getString(key), String.valueOf(alarm.escalationLevel())) : t);
        v.put("message", alarm.message() == null ? "" : alarm.message());
        return v;
    }

    /** @return every field of the alarm as a string, null fields left out; keys are the record's component names */
    public static Map<String, String> data(Alarm alarm) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("alarmId", String.valueOf(alarm.id()));
        put(data, "sourceKey", alarm.sourceKey());
        put(data, "state", alarm.state());
        put(data, "severity", alarm.severity());
        put(data, "type", alarm.type());
        put(data, "siteId", alarm.siteId());
        put(data, "zoneId", alarm.zoneId());
        put(data, "deviceId", alarm.deviceId());
        data.put("count", String.valueOf(alarm.count()));
        put(data, "firstAt", alarm.firstAt());
        put(data, "lastAt", alarm.lastAt());
        put(data, "lastEventId", alarm.lastEventId());
        data.put("escalationLevel", String.valueOf(alarm.escalationLevel()));
        put(data, "message", alarm.message());
        put(data, "ackBy", alarm.ackBy());
        put(data, "ackAt", alarm.ackAt());
        put(data, "closedBy", alarm.closedBy());
        put(data, "closedAt", alarm.closedAt());
        put(data, "note", alarm.note());
        return data;
    }

    private static void put(Map<String, String> data, String key, Object value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }

    private static String severity(ResourceBundle b, Alarm alarm) {
        if (alarm.severity() == null) {
            return "-";
        }
        String key = "severity." + alarm.severity().name();
        return b.containsKey(key) ? b.getString(key) : alarm.severity().name();
    }

    private static String format(ResourceBundle b, String pattern, Object... args) {
        return new MessageFormat(pattern, b.getLocale()).format(args);
    }
}
