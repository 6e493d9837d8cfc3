package org.gatehouse.rest.internal.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator in Karaf's {@code etc/users.properties} when it is missing. Never changes an
 * existing user. Karaf's PropertiesLoginModule reads the file at each login, and hashes a plain password on first
 * login when encryption is enabled.
 */
public final class AdminBootstrap {
    static final String GROUP = "_g_:admingroup";
    static final String GROUP_LINE = "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Path etc;
    private final Path data;
    private final String user;
    private final String envPassword;
    private final Consumer<String> console;

    /**
     * @param etc         Karaf's etc directory
     * @param data        Karaf's data directory, for the generated password
     * @param user        the admin user name
     * @param envPassword the password from GATEHOUSE_ADMIN_PASSWORD, or null to generate one
     * @param console     where a generated password is printed once
     */
    public AdminBootstrap(Path etc, Path data, String user, String envPassword, Consumer<String> console) {
        this.etc = etc;
        this.data = data;
        this.user = user;
        this.envPassword = envPassword;
        this.console = console;
    }

    /** @return true if the user was created */
    public boolean run() throws IOException {
        if (user == null || user.isBlank() || !user.matches("[A-Za-z0-9._@-]+")) {
            LOG.warn("Not creating admin user '{}': the name must be letters, digits, '.', '_', '@' or '-'", user);
            return false;
        }
        Path users = etc.resolve("users.properties");
        Properties existing = new Properties();
        if (Files.exists(users)) {
            try (Reader r = Files.newBufferedReader(users, StandardCharsets.ISO_8859_1)) {
                existing.load(r);
            }
        }
        if (existing.containsKey(user)) {
            return false;
        }
        boolean generated = envPassword == null || envPassword.isEmpty();
        String password = generated ? generate(20) : envPassword;
        if (!generated && (password.contains(",") || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0)) {
            LOG.warn("Not creating admin user '{}': GATEHOUSE_ADMIN_PASSWORD must not contain ',' or line breaks",
                    user);
            return false;
        }
        StringBuilder text = new StringBuilder();
        if (Files.exists(users) && Files.size(users) > 0 && !endsWithNewline(users)) {
            text.append(System.lineSeparator());
        }
        text.append(user).append(" = ").append(escape(password)).append(",").append(GROUP)
                .append(System.lineSeparator());
        if (!existing.containsKey(GROUP)) {
            text.append(GROUP_LINE).append(System.lineSeparator());
        }
        if (generated) {
            // write the password file before the user exists, so it is never lost
            SecretStore.writePrivate(data.resolve(PASSWORD_FILE), password + System.lineSeparator());
        }
        Files.createDirectories(etc);
        Files.writeString(users, text, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (generated) {
            String message = "Gatehouse admin password generated: " + password + " (also in data/" + PASSWORD_FILE
                    + ")";
            console.accept(message);
            LOG.info(message);
        } else {
            LOG.info("Gatehouse admin user '{}' created with the password of GATEHOUSE_ADMIN_PASSWORD", user);
        }
        return true;
    }

    static String generate(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Escapes a properties value: backslashes, a leading space and non-Latin-1 characters. */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (i == 0 && (c == ' ' || c == '\t')) {
                sb.append('\\').append(c);
            } else if (c > 0xff) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }
}
