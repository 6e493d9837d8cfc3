package org.gatehouse.support.config;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Secrets (passwords, tokens, HMAC keys) that stay out of the {@code .cfg} files: the key is left empty there and the
 * value comes from an environment variable named after the PID and the key, as Karaf names its overrides.
 */
public final class Secrets {

    /** The process environment; tests pass their own lookup instead. */
    public static final UnaryOperator<String> ENVIRONMENT = System::getenv;

    private Secrets() {
    }

    /**
     * @return the environment variable of a configuration key: PID and key in upper case, dots and dashes as
     *         underscores ({@code org.gatehouse.notify.sms.http} + {@code auth.token} ->
     *         {@code ORG_GATEHOUSE_NOTIFY_SMS_HTTP_AUTH_TOKEN})
     */
    public static String variable(String pid, String key) {
        return (pid + "." + key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param configured the value of the configuration, used when not empty (it is not trimmed: a secret may end with
     *                   a space)
     * @param variable   the environment variable read when the configuration leaves the key empty
     * @param env        looks up environment variables
     * @return the secret, empty when neither has one
     */
    public static String orEnvironment(String configured, String variable, UnaryOperator<String> env) {
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        String fromEnv = env.apply(variable);
        return fromEnv == null ? "" : fromEnv;
    }
}
