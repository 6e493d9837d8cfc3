package org.gatehouse.notify.sms.http.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.gatehouse.notify.sms.http.internal.Template.Escape;
import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.json.Json;

/**
 * Validated settings of one HTTP SMS gateway. Built only by {@link #from}, which refuses every configuration error
 * at activation, including unknown placeholders and templates that do not render valid JSON.
 *
 * @param url            URL template, values URL-encoded
 * @param method         {@code POST} or {@code GET}
 * @param contentType    Content-Type header of a POST
 * @param bodyEscape     escaping of values in the body, from the content type
 * @param body           body template, {@code null} for GET
 * @param headers        extra headers, values are templates inserted unescaped
 * @param token          value of <code>{{token}}</code>, may be empty
 * @param success        statuses that mean accepted
 * @param successBody    regex that must be found in the body of a success, or {@code null}
 * @param permanent      statuses that are not retried
 * @param messageId      regex whose group 1 is the provider's message id, or {@code null}
 * @param timeout        connect and request timeout
 * @param maxLength      longest text in characters (code points), 0 for no limit
 * @param provider       value of the service property {@code gatehouse.notify.provider}
 */
record SmsHttpSettings(Template url, String method, String contentType, Escape bodyEscape, Template body,
                       List<Header> headers, String token, StatusSet success, Pattern successBody,
                       StatusSet permanent, Pattern messageId, Duration timeout, int maxLength, String provider) {

    /** Environment variable that supplies the token when the configuration leaves {@code auth.token} empty. */
    static final String TOKEN_ENV = Secrets.variable(SmsHttpComponent.PID, "auth.token");

    /** Sample values used to render templates at activation; awkward on purpose. */
    static final Map<String, String> SAMPLE = Map.of("recipient", "+8613800138000", "text",
            "告警 \"north\" gate\\fence\nline 2 & <x> 100%", "subject", "Alarm: \"fence\"", "id", "msg-1",
            "kind", "alarm.raised", "language", "zh", "token", "t0ken/+=");

    /** One extra request header. */
    record Header(String name, Template value) {
    }

    /** @return whether any template uses <code>{{token}}</code> */
    boolean usesToken() {
        return uses(url, body, headers, "token");
    }

    private static boolean uses(Template url, Template body, List<Header> headers, String name) {
        return url.uses(name) || (body != null && body.uses(name))
                || headers.stream().anyMatch(h -> h.value().uses(name));
    }

    private static boolean usesDollarBrace(Template url, Template body, List<Header> headers) {
        return url.toString().contains("${") || (body != null && body.toString().contains("${"))
                || headers.stream().anyMatch(h -> h.value().toString().contains("${"));
    }

    /**
     * Reads and validates a configuration.
     *
     * @param env looks up environment variables
     * @throws IllegalArgumentException with a message that names the key at fault
     */
    static SmsHttpSettings from(SmsHttpConfig config, UnaryOperator<String> env) {
        Template url = Template.parse("url", Configs.required("url", config.url()).trim());
        Configs.url("url", url.render(SAMPLE::get, Escape.URL), url.toString(), List.of("http", "https"));

        String method = config.method() == null ? "POST" : config.method().trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new IllegalArgumentException("method '" + config.method() + "' must be POST or GET");
        }

        String contentType = config.content_type() == null ? "" : config.content_type().trim();
        Escape escape = escapeFor(contentType);
        Template body = null;
        if (method.equals("POST")) {
            if (contentType.isEmpty()) {
                throw new IllegalArgumentException("content.type is required for POST");
            }
            body = Template.parse("body.template", config.body_template());
            String sample = body.render(SAMPLE::get, escape);
            if (escape == Escape.JSON) {
                try {
                    Json.check(sample);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("body.template does not render valid JSON for content.type "
                            + contentType + " (" + e.getMessage() + " of the sample " + sample.replace("\n", "\\n")
                            + "); put string placeholders inside quotes");
                }
            }
        }

        List<Header> headers = headers(config.header_names(), config.header_values());
        for (Header h : headers) {
            try {
                HttpRequest.newBuilder(URI.create("http://localhost/"))
                        .header(h.name(), h.value().render(SAMPLE::get, Escape.NONE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header.names '" + h.name() + "' cannot be set: "
                        + e.getMessage());
            }
            if (h.name().equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("header.names must not contain Content-Type: use content.type");
            }
        }

        // Refuse templates without recipient or text rather than send empty messages. A configuration written in
        // the former ${name} syntax ends up here, because ${...} is now literal text: say so.
        String hint = usesDollarBrace(url, body, headers)
                ? "; ${...} is not a placeholder (it is literal text), write {{name}}" : "";
        if (!uses(url, body, headers, "recipient")) {
            throw new IllegalArgumentException("no {{recipient}} placeholder in url, body.template or header.values"
                    + hint);
        }
        if (!uses(url, body, headers, "text") && !uses(url, body, headers, "subject")) {
            throw new IllegalArgumentException("no {{text}} or {{subject}} placeholder in url or body.template"
                    + hint);
        }

        String token = Secrets.orEnvironment(config.auth_token(), TOKEN_ENV, env);

        StatusSet success = StatusSet.parse("success.status", config.success_status());
        if (success.isEmpty()) {
            throw new IllegalArgumentException("success.status must list at least one status, e.g. 200-299");
        }
        StatusSet permanent = StatusSet.parse("permanent.status", config.permanent_status());
        Pattern successBody = regex("success.body.regex", config.success_body_regex(), 0);
        Pattern messageId = regex("message.id.regex", config.message_id_regex(), 1);

        if (config.timeout_ms() <= 0) {
            throw new IllegalArgumentException("timeout.ms must be > 0, not " + config.timeout_ms());
        }
        if (config.max_length() < 0) {
            throw new IllegalArgumentException("max.length must be >= 0 (0 = no limit), not " + config.max_length());
        }
        if (config.max_length() == 1) {
            throw new IllegalArgumentException("max.length must be 0 (no limit) or at least 2");
        }
        String provider = Configs.notEmpty("provider", Configs.trim(config.provider()));
        return new SmsHttpSettings(url, method, contentType, escape, body, List.copyOf(headers), token, success,
                successBody, permanent, messageId, Duration.ofMillis(config.timeout_ms()), config.max_length(),
                provider);
    }

    /** @return the escaping for a content type (parameters such as charset are ignored) */
    static Escape escapeFor(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals("application/json") || media.endsWith("+json")) {
            return Escape.JSON;
        }
        if (media.equals("application/x-www-form-urlencoded")) {
            return Escape.FORM;
        }
        if (media.equals("application/xml") || media.equals("text/xml") || media.endsWith("+xml")) {
            return Escape.XML;
        }
        return Escape.NONE;
    }

    /**
     * Pairs header names and values. A .cfg file gives one string per key, so a single name item with commas is
     * split at the commas, and then a single value item is split into as many parts.
     */
    static List<Header> headers(String[] names, String[] values) {
        List<String> n = clean(names);
        List<String> v = values == null ? new ArrayList<>() : new ArrayList<>(List.of(values));
        if (n.size() == 1 && n.get(0).contains(",")) {
            n = clean(n.get(0).split(","));
            if (v.size() == 1 && n.size() > 1) {
                v = new ArrayList<>(List.of(v.get(0).split(",", -1)));
            }
        }
        if (v.size() == 1 && v.get(0).isEmpty() && n.isEmpty()) {
            v.clear();
        }
        if (n.size() != v.size()) {
            throw new IllegalArgumentException("header.names has " + n.size() + " entries but header.values has "
                    + v.size() + "; they are paired by position");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            headers.add(new Header(n.get(i), Template.parse("header.values[" + i + "]", v.get(i).trim())));
        }
        return headers;
    }

    private static List<String> clean(String[] items) {
        List<String> out = new ArrayList<>();
        if (items != null) {
            for (String s : items) {
                if (s != null && !s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static Pattern regex(String key, String value, int groups) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Pattern p;
        try {
            p = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a valid regex: "
                    + e.getDescription());
        }
        if (p.matcher("").groupCount() < groups) {
            throw new IllegalArgumentException(key + " '" + value + "' needs a capturing group, e.g. "
                    + "\"msgId\"\\s*:\\s*\"([^\"]+)\"");
        }
        return p;
    }

    @Override
    public String toString() { // never shows the token
        return "SmsHttpSettings[" + method + " " + url + ", provider=" + provider + ", token="
                + (token.isEmpty() ? "none" : "set") + "]";
    }
}
