package org.gatehouse.routes.visitors.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.gatehouse.support.config.Configs;

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
        Duration linkTtl = Configs.snapshotLinkHours(linkHours);
        String lang = Configs.language(language);
        ZoneId zone = Configs.timezone(timezone);
        String post = Configs.dutyPost(dutyPost);
        return new Settings(enabled, Configs.publicBaseUrl(baseUrl), linkTtl, ids("guardroom.ids", guardRoom),
                ids("security.ids", security), post, lang, zone);
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
