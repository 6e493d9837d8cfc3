package org.gatehouse.notify.sms.http.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.notify.sms.http.internal.SmsHttpSettings.Header;
import org.gatehouse.notify.sms.http.internal.Template.Escape;
import org.gatehouse.support.notify.AbstractChannel;

/**
 * Sends each notification once as one HTTP request to a cloud SMS gateway. Retries and backoff belong to the core
 * outbox, which acts on {@link DeliveryException#retryable()}.
 */
final class SmsHttpChannel extends AbstractChannel {

    static final String CHANNEL_KIND = "sms";
    static final String ELLIPSIS = "\u2026";

    private static final int MAX_DETAIL = 200;

    private final SmsHttpSettings settings;
    private final HttpClient client;

    SmsHttpChannel(SmsHttpSettings settings) {
        super(EnumSet.of(Capability.TEXT));
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public DeliveryReceipt send(Notification n) throws DeliveryException {
        String recipient = phoneNumber(n.recipient());
        String full = n.text() == null || n.text().isBlank() ? n.subject() : n.text();
        if (full == null || full.isBlank()) {
            throw fail("notification " + n.id() + " has neither text nor subject", false, null);
        }
        String text = cut(full, settings.maxLength());
        UnaryOperator<String> values = name -> switch (name) {
            case "recipient" -> recipient;
            case "text" -> text;
            case "subject" -> n.subject();
            case "id" -> n.id();
            case "kind" -> n.kind();
            case "language" -> n.language();
            case "token" -> settings.token();
            default -> name.startsWith("data.") ? n.data().get(name.substring(5)) : null;
        };

        HttpRequest request;
        URI uri;
        try {
            uri = URI.create(settings.url().render(values, Escape.URL));
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout());
            if (settings.method().equals("GET")) {
                b.GET();
            } else {
                b.header("Content-Type", settings.contentType()).POST(HttpRequest.BodyPublishers.ofString(
                        settings.body().render(values, settings.bodyEscape()), StandardCharsets.UTF_8));
            }
            for (Header h : settings.headers()) {
                b.header(h.name(), h.value().render(values, Escape.NONE).replaceAll("[\r\n]", " "));
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            throw fail("cannot build the request for notification " + n.id() + ": " + e.getMessage(), false, e);
        }
        String target = uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath(); // no query: may hold keys

        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw fail("timeout sending to " + target + " after " + settings.timeout().toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw fail("cannot reach " + target + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted sending to " + target, true, e);
        }

        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (settings.success().contains(status)) {
            if (settings.successBody() != null && !settings.successBody().matcher(body).find()) {
                // The gateway answered and refused this message (bad number, no balance, bad signature...).
                // Sending the same request again gets the same answer, so it is not retried.
                throw fail("gateway " + target + " refused the message: HTTP " + status + " body does not match "
                        + "success.body.regex" + snippet(body), false, null);
            }
            up();
            String detail = "HTTP " + status;
            int fullLength = full.codePointCount(0, full.length());
            if (!text.equals(full)) {
                detail += "; text cut to " + text.codePointCount(0, text.length()) + " of " + fullLength
                        + " characters";
            }
            return new DeliveryReceipt(messageId(body), false, detail);
        }
        String detail = "HTTP " + status + " from " + target + snippet(body);
        if (settings.permanent().contains(status)) {
            if (status == 401 || status == 403) {
                detail = "authentication refused (check auth.token and headers), not retried: " + detail;
            }
            throw fail(detail, false, null);
        }
        throw fail(detail, true, null);
    }

    private String messageId(String body) {
        if (settings.messageId() == null) {
            return null;
        }
        Matcher m = settings.messageId().matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** @return the text, or its first {@code max - 1} code points and an ellipsis when it is longer than max */
    static String cut(String text, int max) {
        if (max <= 0 || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return ": " + (s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "..." : s);
    }
}
