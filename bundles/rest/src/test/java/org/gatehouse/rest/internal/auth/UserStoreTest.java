package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
    @TempDir
    Path dir;

    private Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void editsKeepCommentsContinuationsAndOtherLines() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, String.join("\n", "# head comment", "! bang comment", "karaf = karaf,\\",
                "   viewer,manager", "", "ops = ops-pass-1,_g_:opsgroup", "_g_\\:opsgroup = group,security,viewer",
                "# tail comment", ""), StandardCharsets.ISO_8859_1);
        UserStore store = new UserStore(file);
        assertEquals(List.of("karaf", "ops"), store.users().stream().map(UserStore.User::name).toList());
        assertEquals(Set.of("viewer", "manager"), store.user("karaf").roles());
        assertEquals(Set.of("security", "viewer"), store.user("ops").roles());
        assertNull(store.user("_g_:opsgroup"), "a group is not a user");

        store.create("mum", "pass\\wörd-€1", Set.of("guardian"));
        assertEquals("pass\\wörd-€1,guardian", load(file).getProperty("mum"), "escaped so that it reads back");
        assertTrue(store.setRoles("karaf", Set.of("teacher")));
        assertEquals("karaf,viewer,manager,teacher", load(file).getProperty("karaf"), "Karaf's own roles stay");
        assertTrue(store.setPassword("ops", "other-pass-2"));
        assertEquals("other-pass-2,_g_:opsgroup", load(file).getProperty("ops"));
        assertTrue(store.delete("karaf"));
        assertFalse(store.delete("karaf"));
        assertFalse(store.setRoles("nobody", Set.of()));

        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        assertEquals(List.of("# head comment", "! bang comment", "", "ops = other-pass-2,_g_:opsgroup",
                "_g_\\:opsgroup = group,security,viewer", "# tail comment"), lines.subList(0, 6));
        assertTrue(lines.get(6).startsWith("mum = "), lines.toString());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void withKarafsEncryptionOnPasswordsAreWrittenHashedAsKarafStoresThem() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("enc"));
        Files.writeString(etc.resolve("org.apache.karaf.jaas.cfg"), String.join("\n", "encryption.enabled = true",
                "encryption.name =", "encryption.prefix = {CRYPT}", "encryption.suffix = {CRYPT}",
                "encryption.algorithm = SHA-256", "encryption.encoding = hexadecimal", ""));
        Path file = etc.resolve("users.properties");
        UserStore store = new UserStore(file);
        store.create("newsec", "sec-pass-9", Set.of("security"));
        // the SHA-256 of "sec-pass-9" in upper-case hex: the form Karaf's PropertiesLoginModule accepts at once
        assertEquals("{CRYPT}0AD75EE28C07EC688182C62E8B2B63BAAFE129350823FE2674B0E0E9D96A42A6{CRYPT},security",
                load(file).getProperty("newsec"));
        assertTrue(store.setPassword("newsec", "admin-pw-123"));
        assertEquals("{CRYPT}95ED586822388E8BBF8F2B3727558915E7539E0FE658B841E7359DFBEC0066A4{CRYPT},security",
                load(file).getProperty("newsec"));
        Files.writeString(etc.resolve("org.apache.karaf.jaas.cfg"),
                "encryption.enabled = true\nencryption.name = jasypt\n");
        assertThrows(UnsupportedOperationException.class, () -> store.create("other", "other-pass-1", Set.of()));
    }

    @Test
    void aMissingFileIsCreatedAndBadInputRefused() throws Exception {
        Path file = dir.resolve("etc/users.properties");
        UserStore store = new UserStore(file);
        assertEquals(List.of(), store.users());
        store.create("first", "first-pass", Set.of("admin"));
        assertEquals("first-pass,admin", load(file).getProperty("first"));
        assertThrows(IllegalStateException.class, () -> store.create("first", "first-pass", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkPassword("a,b-long-enough"));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkPassword("line\nbreak-long"));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkPassword("{CRYPT}abcdef"));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkPassword("short"));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkName("_g_:group"));
        assertThrows(IllegalArgumentException.class, () -> UserStore.checkName("x".repeat(65)));
    }
}
