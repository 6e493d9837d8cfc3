package org.gatehouse.device.camel.internal;

import java.util.Map;
import java.util.regex.Pattern;

import org.gatehouse.support.config.Configs;

/**
 * Validated settings of one device by Camel URI, with the periods in milliseconds so that tests can run fast.
 *
 * @param deviceId        the device
 * @param uri             the Camel consumer URI
 * @param type            the device type when registered from here
 * @param mapping         the rules
 * @param checkMillis     how often the route is checked
 * @param logPeriodMillis at most one log line of unmatched messages per period
 */
record CamelDeviceSettings(String deviceId, String uri, String type, Mapping mapping, long checkMillis,
                           long logPeriodMillis) {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password|passphrase|secret|token)=[^&\\s]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    CamelDeviceSettings {
        Configs.required("device.id", deviceId);
        if (!ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device.id '" + deviceId + "' must be 1-64 letters, digits or _.:-");
        }
        Configs.required("uri", uri);
        int colon = uri.indexOf(':');
        if (colon < 1 || !SCHEME.matcher(uri.substring(0, colon)).matches() || uri.length() == colon + 1) {
            throw new IllegalArgumentException("uri '" + hidePasswords(uri) + "' is not a Camel URI (scheme:path?options)");
        }
        if (uri.contains("\n") || uri.contains("\r")) {
            throw new IllegalArgumentException("uri must be one line");
        }
        Configs.notEmpty("device.type", type);
        if (checkMillis <= 0 || logPeriodMillis <= 0) {
            throw new IllegalArgumentException("status.check.seconds and unmatched.log.seconds must be > 0");
        }
    }

    static CamelDeviceSettings from(CamelDeviceConfig config, Map<String, ?> properties) {
        String deviceId = Configs.trim(config.device_id());
        return new CamelDeviceSettings(deviceId, Configs.trim(config.uri()), Configs.trim(config.device_type()),
                Mapping.parse(deviceId, config.format(), properties), config.status_check_seconds() * 1000L,
                config.unmatched_log_seconds() * 1000L);
    }

    /** @return the component's name: paho, netty, file... */
    String scheme() {
        return uri.substring(0, uri.indexOf(':'));
    }

    /** @return the URI for logs and status reasons: password-like options hidden */
    String shownUri() {
        return hidePasswords(uri);
    }

    static String hidePasswords(String text) {
        return text == null ? null : PASSWORD.matcher(text).replaceAll("$1=***");
    }

}
