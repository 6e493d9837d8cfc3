package org.gatehouse.routes.danger.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The configuration of PID {@value #PID}, checked: a bad value is an IllegalArgumentException whose message names
 * the key and says what is expected (the route then logs it in one line and does not start).
 *
 * @param enabled  send the warnings at all
 * @param baseUrl  public base address without a trailing slash, null for no links
 * @param linkTtl  validity of a signed snapshot link
 * @param liveTtl  validity of a live-view link
 * @param dutyPost duty post told as well, null for none
 * @param language zh-CN or en
 * @param zone     time zone of the times in the messages
 */
record Settings(boolean enabled, String baseUrl, Duration linkTtl, Duration liveTtl, String dutyPost, String language,
                ZoneId zone) {
    static final String PID = "org.gatehouse.routes.danger";
    private static final Pattern POST = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(DangerRoutesConfig c) {
        return of(c.enabled(), c.public_base_url(), c.snapshot_link_hours(), c.live_minutes(), c.duty_post(),
                c.language(), c.timezone());
    }

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(boolean enabled, String baseUrl, int linkHours, int liveMinutes, String dutyPost,
                       String language, String timezone) {
        if (linkHours < 1 || linkHours > 24 * 365) {
            throw new IllegalArgumentException("snapshot.link.hours must be 1..8760, not " + linkHours);
        }
        if (liveMinutes < 1 || liveMinutes > 1440) {
            throw new IllegalArgumentException("live.minutes must be 1..1440, not " + liveMinutes);
        }
        String lang = language == null ? "" : language.strip();
        if (!lang.equals("zh-CN") && !lang.equals("en")) {
            throw new IllegalArgumentException("language must be zh-CN or en, not '" + lang + "'");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null ? "" : timezone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + timezone + "' is not a time zone (e.g. Asia/Shanghai)");
        }
        String post = dutyPost == null || dutyPost.isBlank() ? null : dutyPost.strip();
        if (post != null && !POST.matcher(post).matches()) {
            throw new IllegalArgumentException("duty.post must be a post in lower-kebab case (e.g. leader), not '"
                    + post + "'");
        }
        return new Settings(enabled, baseUrl(baseUrl), Duration.ofHours(linkHours), Duration.ofMinutes(liveMinutes),
                post, lang, zone);
    }

    /** @return the URL without a trailing slash, null when blank */
    static String baseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String t = url.strip().replaceAll("/+$", "");
        try {
            URI u = new URI(t);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getQuery() != null || u.getFragment() != null) {
                throw new URISyntaxException(t, "not an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public.base.url must be an http(s) address like"
                    + " https://school.example, not '" + url.strip() + "'");
        }
        return t;
    }
}
