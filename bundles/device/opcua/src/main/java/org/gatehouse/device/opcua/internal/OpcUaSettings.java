package org.gatehouse.device.opcua.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one OPC UA connection.
 *
 * @param deviceId        the registered device that is the connection
 * @param endpoint        the server's endpoint URL ({@code opc.tcp://...})
 * @param policy          {@code None} or {@code Basic256Sha256}
 * @param mode            {@code None} (with policy None), {@code Sign} or {@code SignAndEncrypt}
 * @param username        the user, null for anonymous
 * @param password        the user's password
 * @param certificateDir  where the client certificate and the PKI folder of server certificates are
 * @param trustAnyServer  whether any server certificate is accepted (else it must be in pki/trusted)
 * @param publishingMillis the subscription's publishing interval
 * @param samplingMillis  the monitored items' sampling interval
 * @param keepAliveMillis the session keep-alive interval
 * @param timeoutMillis   request and connect timeout
 * @param backoffMaxMillis the longest wait between two reconnect attempts
 * @param rules           the rules, by key (numbers in numeric order)
 * @param commands        command name -> its write
 */
record OpcUaSettings(String deviceId, String endpoint, String policy, String mode, String username, String password,
                     Path certificateDir, boolean trustAnyServer, long publishingMillis, long samplingMillis,
                     long keepAliveMillis, long timeoutMillis, long backoffMaxMillis, List<Rule> rules,
                     Map<String, Write> commands) {

    static final String POLICY_NONE = "None";
    static final String POLICY_BASIC256SHA256 = "Basic256Sha256";
    static final String PASSWORD_ENV = Secrets.variable(OpcUaComponent.PID, "password");

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ENDPOINT = Pattern.compile("opc\\.tcp://[^/\\s:]+(:\\d{1,5})?(/\\S*)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_.-]{1,32}");
    private static final int MAX_RULES = 1000;

    OpcUaSettings {
        Configs.required("device.id", deviceId);
        rules = List.copyOf(rules);
        commands = Collections.unmodifiableMap(new LinkedHashMap<>(commands));
    }

    /**
     * Reads the settings of one configuration.
     *
     * @param properties every property, for the {@code rule.} and {@code command.} keys
     * @param etc        the default parent of {@code opcua-client/} (Karaf's etc folder)
     * @param env        looks up environment variables
     */
    static OpcUaSettings from(OpcUaConfig config, Map<String, ?> properties, Path etc, UnaryOperator<String> env) {
        String deviceId = Configs.required("device.id", Configs.trim(config.device_id()));
        String endpoint = Configs.required("endpoint", Configs.trim(config.endpoint()));
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("endpoint '" + endpoint
                    + "' must be opc.tcp://<host>[:<port>][/<path>], e.g. opc.tcp://10.0.0.5:4840");
        }
        String policy = Configs.trim(config.security_policy());
        if (policy == null || policy.isEmpty() || policy.equalsIgnoreCase(POLICY_NONE)) {
            policy = POLICY_NONE;
        } else if (policy.equalsIgnoreCase(POLICY_BASIC256SHA256)) {
            policy = POLICY_BASIC256SHA256;
        } else {
            throw new IllegalArgumentException("security.policy '" + policy + "' is not None or Basic256Sha256");
        }
        String mode = Configs.trim(config.security_mode());
        if (policy.equals(POLICY_NONE)) {
            mode = "None";
        } else if (mode == null || mode.isEmpty() || mode.equalsIgnoreCase("SignAndEncrypt")) {
            mode = "SignAndEncrypt";
        } else if (mode.equalsIgnoreCase("Sign")) {
            mode = "Sign";
        } else {
            throw new IllegalArgumentException("security.mode '" + mode + "' is not Sign or SignAndEncrypt");
        }
        String username = Configs.trim(config.username());
        String password = "";
        if (username != null && !username.isEmpty()) {
            password = password(config.password(), env);
            if (password.isEmpty()) {
                throw new IllegalArgumentException("password is empty and the environment variable "
                        + variable(config.password()) + " is not set (the user " + username + " needs one)");
            }
        } else {
            username = null;
        }
        String dir = Configs.trim(config.certificate_dir());
        Path certificateDir = dir == null || dir.isEmpty() ? etc.resolve("opcua-client") : Path.of(dir);
        String trust = Configs.trim(config.server_trust());
        boolean trustAny;
        if (trust == null || trust.isEmpty() || trust.equalsIgnoreCase("pki")) {
            trustAny = false;
        } else if (trust.equalsIgnoreCase("any")) {
            trustAny = true;
        } else {
            throw new IllegalArgumentException("server.trust '" + trust + "' is not pki or any");
        }
        if (config.publishing_ms() < 10) {
            throw new IllegalArgumentException("publishing.ms must be at least 10, not " + config.publishing_ms());
        }
        if (config.sampling_ms() < 0) {
            throw new IllegalArgumentException("sampling.ms must be 0 or more, not " + config.sampling_ms());
        }
        if (config.keepalive_ms() < 100) {
            throw new IllegalArgumentException("keepalive.ms must be at least 100, not " + config.keepalive_ms());
        }
        if (config.timeout_ms() < 100 || config.timeout_ms() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout.ms must be at least 100, not " + config.timeout_ms());
        }
        if (config.backoff_max_ms() < 1000) {
            throw new IllegalArgumentException("backoff.max.ms must be at least 1000, not "
                    + config.backoff_max_ms());
        }
        List<Rule> rules = rules(properties);
        Map<String, Write> commands = commands(properties);
        return new OpcUaSettings(deviceId, endpoint, policy, mode, username, password, certificateDir, trustAny,
                config.publishing_ms(), config.sampling_ms(), config.keepalive_ms(), config.timeout_ms(),
                config.backoff_max_ms(), rules, commands);
    }

    static List<Rule> rules(Map<String, ?> properties) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (e.getKey().startsWith("rule.")) {
                String label = e.getKey().substring(5);
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException(e.getKey() + ": a rule is named rule.<n> (a number or a word"
                            + " of letters, digits, '-' or '_')");
                }
                entries.add(Map.entry(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue())));
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("rule.<n> is required: at least one rule, " + Rule.FORM);
        }
        if (entries.size() > MAX_RULES) {
            throw new IllegalArgumentException("rule.<n>: at most " + MAX_RULES + " rules, not " + entries.size());
        }
        entries.sort(Comparator.comparing((Map.Entry<String, String> e) -> sortKey(e.getKey())));
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            rules.add(Rule.parse(e.getKey(), e.getValue()));
        }
        return rules;
    }

    static Map<String, Write> commands(Map<String, ?> properties) {
        Map<String, Write> commands = new java.util.TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (e.getKey().startsWith("command.")) {
                String name = e.getKey().substring(8);
                if (!COMMAND.matcher(name).matches()) {
                    throw new IllegalArgumentException(e.getKey() + ": a command name is 1-32 lower-case letters, "
                            + "digits, '.', '-' or '_'");
                }
                commands.put(name, Write.parse(e.getKey(), name,
                        e.getValue() == null ? "" : String.valueOf(e.getValue())));
            }
        }
        return commands;
    }

    /** Sorts rule.2 before rule.10, numbers before words. */
    private static String sortKey(String key) {
        String label = key.substring(5);
        if (label.matches("\\d{1,9}")) {
            return "0" + String.format(Locale.ROOT, "%09d", Integer.parseInt(label));
        }
        return "1" + label;
    }

    private static String password(String configured, UnaryOperator<String> env) {
        String v = configured == null ? "" : configured;
        Matcher m = ENV.matcher(v.trim());
        if (m.matches()) {
            return Secrets.orEnvironment("", m.group(1), env);
        }
        return Secrets.orEnvironment(v, PASSWORD_ENV, env);
    }

    private static String variable(String configured) {
        Matcher m = ENV.matcher(configured == null ? "" : configured.trim());
        return m.matches() ? m.group(1) : PASSWORD_ENV;
    }

    /** @return the commands the device accepts */
    List<String> capabilities() {
        return new ArrayList<>(commands.keySet());
    }

    /** @return the rules watching this node, in order */
    List<Rule> rulesOf(org.eclipse.milo.opcua.stack.core.types.builtin.NodeId node) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r.nodeId().equals(node)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "OpcUaSettings[" + deviceId + " " + endpoint + " " + policy + "/" + mode + " user "
                + (username == null ? "anonymous" : username) + ", " + rules.size() + " rule(s)]";
    }
}
