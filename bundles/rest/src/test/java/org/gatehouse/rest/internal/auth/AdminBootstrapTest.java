package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
    @TempDir
    Path dir;

    Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void generatesPasswordOnceAndKeepsExistingContent() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path data = dir.resolve("data");
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "# Karaf users\n#karaf = karaf,_g_:admingroup\nops = pw,viewer");
        List<String> console = new ArrayList<>();
        assertTrue(new AdminBootstrap(etc, data, "admin", null, console::add).run());

        Properties p = load(users);
        String value = p.getProperty("admin");
        String password = value.substring(0, value.indexOf(','));
        assertEquals(20, password.length());
        assertEquals(password + ",_g_:admingroup", value);
        assertEquals("group,admin,manager,viewer,systembundles,ssh", p.getProperty("_g_:admingroup"));
        assertEquals("pw,viewer", p.getProperty("ops"), "existing lines kept");
        assertEquals(1, console.size());
        assertTrue(console.get(0).startsWith("Gatehouse admin password generated: " + password));
        Path pwFile = data.resolve("initial-admin-password");
        assertEquals(password, Files.readString(pwFile).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pwFile)));

        String before = Files.readString(users);
        assertFalse(new AdminBootstrap(etc, data, "admin", null, console::add).run(), "never overwrites");
        assertEquals(before, Files.readString(users));
        assertEquals(1, console.size());
    }

    @Test
    void usesEnvironmentPasswordAndExistingGroup() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "_g_\\:admingroup = group,admin\n");
        List<String> console = new ArrayList<>();
        assertTrue(new AdminBootstrap(etc, dir.resolve("data"), "root", "s3cr\\et", console::add).run());
        Properties p = load(users);
        assertEquals("s3cr\\et,_g_:admingroup", p.getProperty("root"));
        assertEquals("group,admin", p.getProperty("_g_:admingroup"), "group line not duplicated");
        assertEquals(1, Files.readAllLines(users).stream().filter(l -> l.startsWith("_g_")).count());
        assertTrue(console.isEmpty(), "an environment password is never printed");
        assertFalse(Files.exists(dir.resolve("data/initial-admin-password")));
    }

    @Test
    void createsMissingFileAndRefusesCommaPassword() throws Exception {
        Path etc = dir.resolve("etc2");
        assertFalse(new AdminBootstrap(etc, dir.resolve("d"), "admin", "a,b", s -> { }).run());
        assertTrue(new AdminBootstrap(etc, dir.resolve("d"), "admin", null, s -> { }).run());
        assertTrue(load(etc.resolve("users.properties")).containsKey("admin"));
    }
}
