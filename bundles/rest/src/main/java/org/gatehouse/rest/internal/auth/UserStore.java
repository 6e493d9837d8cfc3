package org.gatehouse.rest.internal.auth;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The users of Karaf's {@code etc/users.properties} (the file the {@code karaf} realm's PropertiesLoginModule reads at
 * each login): {@code name = password,role,...,_g_:group} and group lines {@code _g_\:group = group,role,...}.
 * Every change rewrites the file atomically (a temporary file moved over it), keeping comments and every other line
 * as they were. When Karaf's JAAS encryption is on ({@code etc/org.apache.karaf.jaas.cfg} beside the users file,
 * {@code encryption.enabled = true} with the basic encryption) a password is written hashed the way Karaf stores it
 * ({@code <prefix><digest><suffix>}): the PropertiesLoginModule does not accept a plain password there (a user created
 * while Karaf runs could not sign in until a restart). Passwords are never returned or logged.
 */
public final class UserStore {
    /** User names the API creates. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The roles the API assigns. */
    public static final Set<String> ROLES = Set.of("admin", "integrator", "security", "teacher", "guardian",
            "device");
    static final String GROUP_PREFIX = "_g_:";
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 200;

    private final Path file;

    /** @param file the users.properties file; it is created on the first write when missing */
    public UserStore(Path file) {
        this.file = file;
    }

    /** @return the file this store edits */
    public Path file() {
        return file;
    }

    /**
     * One user as the API shows it.
     *
     * @param name   user name
     * @param roles  effective roles: the user's own and those of its groups
     * @param groups the Karaf groups the user is in, without the {@code _g_:} prefix
     */
    public record User(String name, Set<String> roles, List<String> groups) {
    }

    /** @return every user (group lines left out), in file order */
    public synchronized List<User> users() {
        Parsed p = read();
        List<User> out = new ArrayList<>();
        for (Map.Entry<String, String> e : p.values.entrySet()) {
            if (!e.getKey().startsWith(GROUP_PREFIX)) {
                out.add(user(p, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** @return the user, or null */
    public synchronized User user(String name) {
        Parsed p = read();
        String v = name == null || name.startsWith(GROUP_PREFIX) ? null : p.values.get(name);
        return v == null ? null : user(p, name, v);
    }

    /**
     * Adds a user.
     *
     * @throws IllegalStateException when the user exists
     */
    public synchronized void create(String name, String password, Set<String> roles) {
        checkName(name);
        checkPassword(password);
        Parsed p = read();
        if (p.values.containsKey(name)) {
            throw new IllegalStateException("user-exists");
        }
        List<String> fields = new ArrayList<>();
        fields.add(stored(password));
        fields.addAll(new TreeSet<>(roles));
        p.lines.add(name + " = " + AdminBootstrap.escape(String.join(",", fields)));
        write(p.lines);
    }

    /**
     * Replaces the roles the API manages: a group is kept when every API role it gives is among the new roles, roles
     * the API does not manage (Karaf's own, such as {@code viewer}) stay, and the missing new roles are added to the
     * user's line. The password is kept.
     *
     * @return false when the user does not exist
     */
    public synchronized boolean setRoles(String name, Set<String> roles) {
        Parsed p = read();
        String v = name.startsWith(GROUP_PREFIX) ? null : p.values.get(name);
        if (v == null) {
            return false;
        }
        List<String> fields = fields(v);
        List<String> out = new ArrayList<>();
        out.add(fields.isEmpty() ? "" : fields.get(0));
        Set<String> given = new TreeSet<>();
        for (String f : fields.subList(Math.min(1, fields.size()), fields.size())) {
            if (f.startsWith(GROUP_PREFIX)) {
                Set<String> groupRoles = groupRoles(p, f);
                Set<String> managed = new TreeSet<>(groupRoles);
                managed.retainAll(ROLES);
                if (roles.containsAll(managed)) {
                    out.add(f);
                    given.addAll(groupRoles);
                }
            } else if (!ROLES.contains(f)) {
                out.add(f);
            }
        }
        for (String r : new TreeSet<>(roles)) {
            if (!given.contains(r)) {
                out.add(r);
            }
        }
        replace(p, name, out);
        return true;
    }

    /** @return false when the user does not exist */
    public synchronized boolean setPassword(String name, String password) {
        checkPassword(password);
        Parsed p = read();
        String v = name.startsWith(GROUP_PREFIX) ? null : p.values.get(name);
        if (v == null) {
            return false;
        }
        List<String> fields = new ArrayList<>(fields(v));
        if (fields.isEmpty()) {
            fields.add(stored(password));
        } else {
            fields.set(0, stored(password));
        }
        replace(p, name, fields);
        return true;
    }

    /** @return false when the user does not exist */
    public synchronized boolean delete(String name) {
        Parsed p = read();
        if (name.startsWith(GROUP_PREFIX) || !p.values.containsKey(name)) {
            return false;
        }
        int[] range = p.ranges.get(name);
        List<String> lines = new ArrayList<>(p.lines);
        lines.subList(range[0], range[1]).clear();
        write(lines);
        return true;
    }

    /** @throws IllegalArgumentException naming what is wrong with the name */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * The password as the users file must hold it: hashed like Karaf's basic encryption (the digest
     * {@code encryption.algorithm} of its UTF-8 bytes, {@code hexadecimal} in upper case or {@code base64}, between
     * {@code encryption.prefix} and {@code encryption.suffix}) when {@code org.apache.karaf.jaas.cfg} beside the file
     * enables it; else as given.
     */
    String stored(String password) {
        Path cfg = file.resolveSibling("org.apache.karaf.jaas.cfg");
        if (!Files.isRegularFile(cfg)) {
            return password;
        }
        Properties jaas = new Properties();
        try (var in = Files.newInputStream(cfg)) {
            jaas.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cfg, e);
        }
        if (!Boolean.parseBoolean(jaas.getProperty("encryption.enabled", "false").trim())) {
            return password;
        }
        String name = jaas.getProperty("encryption.name", "").trim();
        if (!name.isEmpty() && !name.equals("basic")) {
            throw new UnsupportedOperationException("Karaf's JAAS encryption '" + name + "' is not supported: use the"
                    + " basic encryption or add users with jaas:useradd");
        }
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance(jaas.getProperty("encryption.algorithm", "MD5").trim())
                    .digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new UnsupportedOperationException("unknown encryption.algorithm in " + cfg);
        }
        String encoding = jaas.getProperty("encryption.encoding", "hexadecimal").trim();
        String hash = "base64".equalsIgnoreCase(encoding) ? java.util.Base64.getEncoder().encodeToString(digest)
                : java.util.HexFormat.of().withUpperCase().formatHex(digest);
        return jaas.getProperty("encryption.prefix", "").trim() + hash
                + jaas.getProperty("encryption.suffix", "").trim();
    }

    /** @throws IllegalArgumentException naming what is wrong with the password (never the password itself) */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD + " characters");
        }
        if (password.indexOf(',') >= 0 || password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a password may not contain ',' or control characters");
        }
        if (password.charAt(0) == '{') {
            throw new IllegalArgumentException("a password may not start with '{' (Karaf reads it as a hash)");
        }
    }

    // ---- parsing ----

    /** The file's lines, each entry's value and the lines it spans. */
    private record Parsed(List<String> lines, Map<String, String> values, Map<String, int[]> ranges) {
    }

    private User user(Parsed p, String name, String value) {
        List<String> fields = fields(value);
        Set<String> roles = new LinkedHashSet<>();
        List<String> groups = new ArrayList<>();
        for (String f : fields.subList(Math.min(1, fields.size()), fields.size())) {
            if (f.startsWith(GROUP_PREFIX)) {
                groups.add(f.substring(GROUP_PREFIX.length()));
                roles.addAll(groupRoles(p, f));
            } else {
                roles.add(f);
            }
        }
        return new User(name, new TreeSet<>(roles), groups);
    }

    private static Set<String> groupRoles(Parsed p, String group) {
        String v = p.values.get(group);
        if (v == null) {
            return Set.of();
        }
        List<String> f = fields(v);
        return new TreeSet<>(f.subList(Math.min(1, f.size()), f.size()));
    }

    private static List<String> fields(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            out.add(s.trim());
        }
        // the password is the first field even when empty; trailing empty roles are dropped
        while (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private void replace(Parsed p, String name, List<String> fields) {
        int[] range = p.ranges.get(name);
        List<String> lines = new ArrayList<>(p.lines);
        lines.subList(range[0], range[1]).clear();
        lines.add(range[0], name + " = " + AdminBootstrap.escape(String.join(",", fields)));
        write(lines);
    }

    private Parsed read() {
        List<String> lines;
        try {
            lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1))
                    : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, int[]> ranges = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            int start = i;
            String t = lines.get(i).stripLeading();
            StringBuilder logical = new StringBuilder(lines.get(i));
            i++;
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                continue;
            }
            while (continues(lines.get(i - 1)) && i < lines.size()) {
                logical.append('\n').append(lines.get(i));
                i++;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            for (String key : one.stringPropertyNames()) {
                values.put(key, one.getProperty(key));
                ranges.put(key, new int[] {start, i});
            }
        }
        return new Parsed(lines, values, ranges);
    }

    /** A line ending in an odd number of backslashes continues on the next one. */
    private static boolean continues(String line) {
        int n = 0;
        for (int k = line.length() - 1; k >= 0 && line.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 1;
    }

    private void write(List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".users-", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                            : PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions of the directory apply
                }
                StringBuilder text = new StringBuilder();
                for (String l : lines) {
                    text.append(l).append(System.lineSeparator());
                }
                Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
