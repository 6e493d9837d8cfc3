package org.gatehouse.routes.danger.internal;

import java.time.Duration;
import java.time.ZoneId;

import org.gatehouse.support.config.Configs;

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

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(DangerRoutesConfig c) {
        return of(c.enabled(), c.public_base_url(), c.snapshot_link_hours(), c.live_minutes(), c.duty_post(),
                c.language(), c.timezone());
    }

    /** @throws IllegalArgumentException naming the bad key */
    static Settings of(boolean enabled, String baseUrl, int linkHours, int liveMinutes, String dutyPost,
                       String language, String timezone) {
        Duration linkTtl = Configs.snapshotLinkHours(linkHours);
        if (liveMinutes < 1 || liveMinutes > 1440) {
            throw new IllegalArgumentException("live.minutes must be 1..1440, not " + liveMinutes);
        }
        String lang = Configs.language(language);
        ZoneId zone = Configs.timezone(timezone);
        return new Settings(enabled, Configs.publicBaseUrl(baseUrl), linkTtl, Duration.ofMinutes(liveMinutes),
                Configs.dutyPost(dutyPost), lang, zone);
    }
}
