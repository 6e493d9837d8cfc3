package org.gatehouse.device.gate.hikvision.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one Hikvision terminal, with durations so tests can run fast.
 *
 * @param deviceId         the registered facegate device
 * @param url              the terminal's ISAPI base (no trailing slash)
 * @param username         ISAPI user
 * @param password         ISAPI password
 * @param door             the door it controls
 * @param direction        {@code in}, {@code out}, or empty when not configured
 * @param listenUrl        where the terminal should push its events, null to leave the terminal as it is
 * @param token            token accepted on the push URL, empty for none
 * @param heartbeatTimeout silence after which the terminal is OFFLINE
 * @param syncInterval     longest time between two sync passes
 * @param syncPerSecond    persons per second the sync sends
 * @param timeout          timeout of each request to the terminal
 */
record HikvisionSettings(String deviceId, URI url, String username, String password, int door, String direction,
                         URI listenUrl, String token, Duration heartbeatTimeout, Duration syncInterval,
                         int syncPerSecond, Duration timeout) {

    static final String PASSWORD_ENV = Secrets.variable(HikvisionComponent.PID, "password");
    static final String TOKEN_ENV = Secrets.variable(HikvisionComponent.PID, "token");

    HikvisionSettings {
        Configs.required("device.id", deviceId);
        if (!deviceId.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("device.id '" + deviceId
                    + "' must be letters, digits, '.', '_', '~' or '-' (it is part of the push URL)");
        }
        Configs.notEmpty("username", username);
        if (door < 1) {
            throw new IllegalArgumentException("door " + door + " must be >= 1");
        }
        direction = direction == null ? "" : direction.trim().toLowerCase(Locale.ROOT);
        if (!direction.isEmpty() && !direction.equals("in") && !direction.equals("out")) {
            throw new IllegalArgumentException("direction '" + direction + "' must be in or out");
        }
        token = token == null ? "" : token;
        if (!Configs.positive(heartbeatTimeout, syncInterval, timeout)) {
            throw new IllegalArgumentException(
                    "heartbeat.timeout.seconds, sync.interval.seconds and timeout.ms must be > 0");
        }
        if (syncPerSecond < 1) {
            throw new IllegalArgumentException("sync.max.per.second " + syncPerSecond + " must be >= 1");
        }
    }

    /** @return the path below the HTTP root where the terminal pushes, {@code /gatehouse/api/devices/<id>/isapi/events} */
    String eventPath() {
        return EventServlet.path(deviceId);
    }

    /** Reads and validates a configuration; secrets left empty come from the environment. */
    static HikvisionSettings from(HikvisionConfig c, UnaryOperator<String> env) {
        URI url = Configs.url("url", c.url(), "http", "https");
        String base = url.toString().replaceAll("/+$", "");
        String listen = Configs.trim(c.listen_url());
        return new HikvisionSettings(Configs.trim(c.device_id()), URI.create(base), Configs.trim(c.username()),
                Secrets.orEnvironment(c.password(), PASSWORD_ENV, env), c.door(), c.direction(),
                listen == null || listen.isEmpty() ? null : Configs.url("listen.url", listen, "http", "https"),
                Secrets.orEnvironment(c.token(), TOKEN_ENV, env),
                Duration.ofSeconds(c.heartbeat_timeout_seconds()), Duration.ofSeconds(c.sync_interval_seconds()),
                c.sync_max_per_second(), Duration.ofMillis(c.timeout_ms()));
    }

    @Override
    public String toString() { // never shows the password or token
        return "HikvisionSettings[device.id=" + deviceId + ", url=" + url + ", door=" + door + ", direction="
                + direction + ", listen.url=" + listenUrl + ", token=" + (token.isEmpty() ? "none" : "set") + "]";
    }
}
