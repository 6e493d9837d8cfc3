package org.gatehouse.notify.sms.smpp.internal;

import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one SMPP channel.
 *
 * @param host               SMSC host
 * @param port               SMSC port
 * @param systemId           bind system id
 * @param password           bind password, may be empty
 * @param systemType         bind system type, may be empty
 * @param sourceAddress      source address as sent (without a leading +)
 * @param sourceTon          source type of number
 * @param sourceNpi          source numbering plan
 * @param destTon            destination type of number
 * @param destNpi            destination numbering plan
 * @param bindTimeout        bind timeout
 * @param submitTimeout      timeout of one submit_sm and of the wait for a throttle slot
 * @param enquireLinkSeconds enquire_link interval
 * @param maxPerSecond       submit_sm PDUs per second at most
 * @param registeredDelivery whether delivery receipts are requested
 * @param provider           value of the service property {@code gatehouse.notify.provider}
 */
record SmppSettings(String host, int port, String systemId, String password, String systemType,
                    String sourceAddress, int sourceTon, int sourceNpi, int destTon, int destNpi,
                    Duration bindTimeout, Duration submitTimeout, int enquireLinkSeconds, int maxPerSecond,
                    boolean registeredDelivery, String provider) {

    /** Environment variable that supplies the password when the configuration leaves it empty. */
    static final String PASSWORD_ENV = Secrets.variable(SmppComponent.PID, "password");

    static final int TON_UNKNOWN = 0;
    static final int TON_INTERNATIONAL = 1;
    static final int TON_ALPHANUMERIC = 5;
    static final int NPI_UNKNOWN = 0;
    static final int NPI_ISDN = 1;

    /** Numbering plans defined by SMPP 3.4 section 5.2.6. */
    private static final Set<Integer> NPIS = Set.of(0, 1, 3, 4, 6, 8, 9, 10, 14, 18);

    SmppSettings {
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        Configs.required("host", host);
        Configs.required("system.id", systemId);
        Configs.required("source.address", sourceAddress);
        Configs.required("provider", provider);
        Configs.port("port", port);
        if (systemId.length() > 15) {
            throw new IllegalArgumentException("system.id is longer than 15 characters (SMPP 3.4 limit)");
        }
        if (password.length() > 8) {
            throw new IllegalArgumentException("password is longer than 8 characters (SMPP 3.4 limit)");
        }
        if (systemType.length() > 12) {
            throw new IllegalArgumentException("system.type is longer than 12 characters (SMPP 3.4 limit)");
        }
        if (sourceTon == TON_ALPHANUMERIC && sourceAddress.length() > 11) {
            throw new IllegalArgumentException("source.address '" + sourceAddress
                    + "' is alphanumeric and longer than 11 characters");
        }
        if (sourceAddress.length() > 20) {
            throw new IllegalArgumentException("source.address is longer than 20 characters (SMPP 3.4 limit)");
        }
        ton(sourceTon, "source.ton");
        ton(destTon, "dest.ton");
        npi(sourceNpi, "source.npi");
        npi(destNpi, "dest.npi");
        if (!Configs.positive(bindTimeout, submitTimeout)) {
            throw new IllegalArgumentException("bind.timeout.ms and submit.timeout.ms must be > 0");
        }
        if (enquireLinkSeconds < 1) {
            throw new IllegalArgumentException("enquire.link.seconds must be >= 1");
        }
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException("max.per.second must be >= 1");
        }
    }

    /**
     * Reads and validates a configuration.
     *
     * @param env looks up environment variables
     */
    static SmppSettings from(SmppConfig c, UnaryOperator<String> env) {
        String password = Secrets.orEnvironment(c.password(), PASSWORD_ENV, env);
        String source = Configs.trim(c.source_address());
        int sourceTon = c.source_ton();
        int sourceNpi = c.source_npi();
        if (source != null && !source.isEmpty()) {
            boolean plus = source.startsWith("+");
            String digits = plus ? source.substring(1) : source;
            boolean numeric = !digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (sourceTon < 0) {
                sourceTon = !numeric ? TON_ALPHANUMERIC : plus ? TON_INTERNATIONAL : TON_UNKNOWN;
            }
            if (sourceNpi < 0) {
                sourceNpi = numeric && plus ? NPI_ISDN : NPI_UNKNOWN;
            }
            if (numeric) {
                source = digits;
            }
        }
        return new SmppSettings(Configs.trim(c.host()), c.port(), Configs.trim(c.system_id()), password,
                Configs.trim(c.system_type()),
                source, sourceTon, sourceNpi, c.dest_ton(), c.dest_npi(), Duration.ofMillis(c.bind_timeout_ms()),
                Duration.ofMillis(c.submit_timeout_ms()), c.enquire_link_seconds(), c.max_per_second(),
                c.registered_delivery(), Configs.trim(c.provider()));
    }

    private static void ton(int value, String key) {
        if (value < 0 || value > 6) {
            throw new IllegalArgumentException(key + " " + value + " is not an SMPP type of number (0-6)");
        }
    }

    private static void npi(int value, String key) {
        if (!NPIS.contains(value)) {
            throw new IllegalArgumentException(key + " " + value
                    + " is not an SMPP numbering plan (0, 1, 3, 4, 6, 8, 9, 10, 14, 18)");
        }
    }

    @Override
    public String toString() { // never shows the password
        return "SmppSettings[" + systemId + "@" + host + ":" + port + ", source=" + sourceAddress + ", provider="
                + provider + "]";
    }
}
