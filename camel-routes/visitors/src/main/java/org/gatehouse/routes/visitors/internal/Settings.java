package org.gatehouse.routes.visitors.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The configuration of PID {@value #PID}, checked: a bad value is an IllegalArgumentException whose message names
 * the key and says what is expected (the routes then log it in one line and do not start).
 *
 * @param enabled     send the messages at all
 * @param baseUrl     public base address without a trailing slash, null for no links
 * @param linkTtl     validity of a signed snapshot link
 * @param guardRoom   person ids of the guard-room staff
 * @param security    person ids of the security staff
 * @param dutyPost    duty post told about overstays and watchlist hits, null for none
 * @param language    zh-CN or en
 * @param zone        time zone of the times in the messages
 */
record Settings(boolean enabled, String baseUrl, Duration linkTtl, List<String> guardRoom, List<String> security,
                String dutyPost, String language, ZoneId zone) {
    static final String PID = "org.gatehouse.routes.visitors";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@+-]{1,128}");
    private static final Pattern POST = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    Settings {
        guardRoom = List.copyOf(guardRoom);
        security = List.copyOf(security);
    }

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(VisitorRoutesConfig c) {
        return of(c.enabled(), c.public_base_url(), c.snapshot_link_hours(), c.guardroom_ids(), c.security_ids(),
                c.duty_post(), c.language(), c.timezone());
    }

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(boolean enabled, String baseUrl, int linkHours, String guardRoom, String security,
                       String dutyPost, String language, String timezone) {
        if (linkHours < 1 || linkHours > 24 * 365) {
            throw new IllegalArgumentException("snapshot.link.hours must be 1..8760, not " + linkHours);
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
        return new Settings(enabled, baseUrl(baseUrl), Duration.ofHours(linkHours), ids("guardroom.ids", guardRoom),
                ids("security.ids", security), post, lang, zone);
    }

    /** @return the URL without a trailing slash, null when blank */
    static String baseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String t = url.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
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

    /** @return the comma-separated ids, trimmed, without empty entries and repeats */
    static List<String> ids(String key, String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String s : value.split(",")) {
            String id = s.strip();
            if (id.isEmpty() || out.contains(id)) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(key + " must be person ids separated by commas; '" + id
                        + "' is not a person id");
            }
            out.add(id);
        }
        return out;
    }

    /** @return the console address of a page ({@code visits/12}), null without a base URL */
    String console(String page) {
        return baseUrl == null ? null : baseUrl + "/gatehouse/#/" + page;
    }
}
