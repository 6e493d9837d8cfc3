package org.gatehouse.support.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.api.notify.Notification;

/** The JSON document of a notification, as the webhook posts it and the MQTT channel publishes it. */
public final class NotificationJson {

    private NotificationJson() {
    }

    /**
     * @return {@code {"id","kind","recipient","language","subject","text","created","data"}} in this order, absent
     *         values as null, {@code created} as ISO-8601 and {@code data} with its keys sorted
     */
    public static String write(Notification n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", n.id());
        json.put("kind", n.kind());
        json.put("recipient", n.recipient());
        json.put("language", n.language());
        json.put("subject", n.subject());
        json.put("text", n.text());
        json.put("created", n.created() == null ? null : n.created().toString());
        json.put("data", new TreeMap<>(n.data()));
        return Json.write(json);
    }
}
