package org.gatehouse.api.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One message to one recipient, as rendered by the outbox.
 *
 * @param id        outbox message id; channels pass it on so the far end can recognise repeats
 * @param kind      message kind ({@code alarm.raised}, {@code gate.passage}, {@code notice})
 * @param recipient address in the channel's terms (phone, e-mail, URL alias); may be null for channels with a fixed
 *                  target such as a webhook
 * @param language  language tag the text is rendered in
 * @param subject   subject line, may be null
 * @param text      plain-text body
 * @param data      structured data of the message (for webhooks and rich channels)
 * @param created   when the message was queued
 */
public record Notification(String id, String kind, String recipient, String language, String subject, String text,
                           Map<String, String> data, Instant created) {
    public Notification {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
