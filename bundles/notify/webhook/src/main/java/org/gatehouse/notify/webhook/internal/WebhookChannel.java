package org.gatehouse.notify.webhook.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.EnumSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.support.json.NotificationJson;
import org.gatehouse.support.notify.AbstractChannel;

/**
 * Posts each notification once as JSON to the configured URL. Retries and backoff belong to the core outbox, which
 * acts on {@link DeliveryException#retryable()}.
 */
final class WebhookChannel extends AbstractChannel {

    static final String CHANNEL_KIND = "webhook";
    static final String HEADER_MESSAGE_ID = "X-Gatehouse-Message-Id";
    static final String HEADER_TIMESTAMP = "X-Gatehouse-Timestamp";
    static final String HEADER_SIGNATURE = "X-Gatehouse-Signature";

    private static final int MAX_DETAIL = 200;

    private final WebhookSettings settings;
    private final HttpClient client;
    private final Clock clock;

    WebhookChannel(WebhookSettings settings, Clock clock) {
        super(EnumSet.of(Capability.TEXT, Capability.RICH));
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public DeliveryReceipt send(Notification n) throws DeliveryException {
        String body = body(n);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(HEADER_TIMESTAMP, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (n.id() != null) {
            request.header(HEADER_MESSAGE_ID, n.id());
        }
        if (settings.signed()) {
            request.header(HEADER_SIGNATURE, "sha256=" + sign(settings.secret(), timestamp + "." + body));
        }
        if (!settings.headerName().isEmpty()) {
            request.header(settings.headerName(), settings.headerValue());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw fail("timeout posting to " + settings.url() + ": " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw fail("cannot post to " + settings.url() + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted posting to " + settings.url(), true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            up();
            return new DeliveryReceipt(null, false, "HTTP " + status);
        }
        String detail = "HTTP " + status + " from " + settings.url() + snippet(response.body());
        boolean retryable = status == 408 || status == 429 || status >= 500;
        // A permanent refusal means the target answers but rejects us (bad secret, bad path): degraded, not down.
        throw fail(detail, retryable, null);
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return ": " + (s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "..." : s);
    }

    /** @return the JSON body of a notification */
    static String body(Notification n) {
        return NotificationJson.write(n);
    }

    /** @return lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code payload} */
    static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
