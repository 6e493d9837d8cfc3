package org.gatehouse.device.gate.zkteco.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.gatehouse.support.config.Configs;

/**
 * Validated settings of one terminal, with the periods in milliseconds so that tests can run fast.
 *
 * @param deviceId           the registered facegate
 * @param serial             the terminal's SN
 * @param addresses          the addresses the terminal may call from, empty for any
 * @param zone               the time zone of the terminal's clock
 * @param heartbeatMillis    silence after which the terminal is OFFLINE
 * @param commandMillis      how long a command waits for its result
 * @param syncPerSecond      persons pushed or removed per second at most
 * @param syncInFlight       persons pushed or removed at once (their commands wait for the terminal together)
 * @param commandsPerRequest commands handed out at one poll at most
 * @param commandBytes       bytes of commands handed out at one poll at most (a longer command goes alone)
 * @param pollSeconds        option {@code Delay} of the handshake
 * @param photoWaitMillis    how long a punch waits for its picture, 0 for not at all
 * @param userPic            push faces as {@code USERPIC} (older firmware) instead of {@code BIOPHOTO}
 * @param openCommand        the command text of {@code open}
 * @param version            the bundle version, reported as firmware until the terminal tells its own
 */
record ZkSettings(String deviceId, String serial, Set<InetAddress> addresses, ZoneId zone, long heartbeatMillis,
                  long commandMillis, int syncPerSecond, int syncInFlight, int commandsPerRequest,
                  int commandBytes, int pollSeconds, long photoWaitMillis, boolean userPic,
                  String openCommand, String version) {

    /** Upper bounds that keep a typo from starting thousands of threads or answering megabytes at once. */
    static final int MAX_IN_FLIGHT = 500;
    static final int MAX_PER_REQUEST = 1000;
    static final int MAX_KB = 64 * 1024;

    ZkSettings {
        Configs.required("device.id", deviceId);
        Configs.required("serial", serial);
        addresses = addresses == null ? Set.of() : Set.copyOf(addresses);
        if (!ZkProtocol.isToken(serial)) {
            throw new IllegalArgumentException("serial '" + serial + "' must be letters, digits, '-' or '_'");
        }
        if (heartbeatMillis <= 0 || commandMillis <= 0) {
            throw new IllegalArgumentException("heartbeat.timeout.seconds and command.timeout.seconds must be > 0");
        }
        if (syncPerSecond <= 0) {
            throw new IllegalArgumentException("sync.max.per.second must be > 0");
        }
        if (syncInFlight < 1 || syncInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("sync.in.flight must be 1 to " + MAX_IN_FLIGHT + ", not "
                    + syncInFlight);
        }
        if (commandsPerRequest < 1 || commandsPerRequest > MAX_PER_REQUEST) {
            throw new IllegalArgumentException("commands.per.request must be 1 to " + MAX_PER_REQUEST + ", not "
                    + commandsPerRequest);
        }
        if (commandBytes < 1024) {
            throw new IllegalArgumentException("commands.max.kb must be at least 1");
        }
        if (pollSeconds <= 0) {
            throw new IllegalArgumentException("poll.seconds must be > 0");
        }
        if (photoWaitMillis < 0) {
            throw new IllegalArgumentException("photo.wait.ms must be >= 0");
        }
        Configs.notEmpty("open.command", openCommand);
        if (openCommand.contains("\n") || openCommand.contains("\r")) {
            throw new IllegalArgumentException("open.command must be one line");
        }
    }

    static ZkSettings from(ZkConfig config, String version) {
        String face = Configs.trim(config.face_command()) == null ? "biophoto"
                : config.face_command().trim().toLowerCase(Locale.ROOT);
        if (!face.equals("biophoto") && !face.equals("userpic")) {
            throw new IllegalArgumentException("face.command '" + config.face_command()
                    + "' is not biophoto or userpic");
        }
        return new ZkSettings(Configs.trim(config.device_id()), Configs.trim(config.serial()),
                addresses(config.addresses()), zone(config.timezone()), config.heartbeat_timeout_seconds() * 1000L,
                config.command_timeout_seconds() * 1000L, config.sync_max_per_second(), config.sync_in_flight(),
                config.commands_per_request(), kilobytes(config.commands_max_kb()), config.poll_seconds(),
                config.photo_wait_ms(), face.equals("userpic"), Configs.trim(config.open_command()), version);
    }

    private static int kilobytes(int kb) {
        if (kb < 1 || kb > MAX_KB) {
            throw new IllegalArgumentException("commands.max.kb must be 1 to " + MAX_KB + ", not " + kb);
        }
        return kb * 1024;
    }

    /** @return the IP addresses of a comma-separated list (literals only: no name is looked up) */
    static Set<InetAddress> addresses(String list) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        if (list == null) {
            return addresses;
        }
        for (String item : list.split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("addresses '" + text + "' is not an IP address");
            }
            try {
                addresses.add(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("addresses '" + text + "' is not an IP address");
            }
        }
        return addresses;
    }

    /** @return whether the terminal may call from this address */
    boolean allows(String remote) {
        if (addresses.isEmpty()) {
            return true;
        }
        try {
            return remote != null && remote.matches("[0-9A-Fa-f:.\\[\\]]+(%[0-9A-Za-z_.-]+)?")
                    && addresses.contains(InetAddress.getByName(remote));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(Configs.required("timezone", Configs.trim(id)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + id + "' is not a time zone id (Asia/Shanghai)");
        }
    }
}
