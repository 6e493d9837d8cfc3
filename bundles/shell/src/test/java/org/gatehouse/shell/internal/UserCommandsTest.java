package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gatehouse:users, user-link and user-unlink against core's real account service on Derby. */
class UserCommandsTest {
    @TempDir
    Path dir;
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    private static String[] run(GatehouseAction a) throws Exception {
        return Capture.run(a);
    }

    @Test
    void linkListAndUnlink() throws Exception {
        core.persons.savePerson(new Person("g1", "Mum", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "t");
        Path users = dir.resolve("users.properties");
        Files.writeString(users, String.join("\n", "# users", "admin = secret,_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager", "mum = mum-secret,guardian", ""), StandardCharsets.ISO_8859_1);

        UserLinkCommand link = new UserLinkCommand();
        link.accounts = core.accounts;
        link.user = "mum";
        link.personId = "g1";
        assertEquals("User mum linked to person g1", run(link)[0].strip());
        link.personId = "nobody";
        assertTrue(run(link)[1].contains("unknown-person"), "one error line");
        assertEquals(Optional.of("g1"), core.accounts.personOf("mum"));
        link.user = "ghost";
        link.personId = "g1";
        run(link);

        UsersCommand list = new UsersCommand();
        list.accounts = core.accounts;
        list.persons = core.persons;
        list.usersFile = users;
        List<String> lines = run(list)[0].lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(2).matches("admin +\\| admin,manager +\\| - +\\| -"), lines.get(2));
        assertTrue(lines.get(3).matches("mum +\\| guardian +\\| g1 +\\| Mum"), lines.get(3));
        assertTrue(lines.get(4).matches("ghost +\\| \\(not in users.properties\\) +\\| g1 +\\| Mum"), lines.get(4));

        UserUnlinkCommand unlink = new UserUnlinkCommand();
        unlink.accounts = core.accounts;
        unlink.user = "mum";
        assertEquals("User mum unlinked from person g1", run(unlink)[0].strip());
        assertEquals("User mum was not linked", run(unlink)[0].strip());
        assertTrue(core.audit.query("user", "mum", null, 0, 10).items().stream()
                .anyMatch(e -> e.action().equals("user-unlinked")));
    }
}
