package org.gatehouse.rest.internal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.auth.JaasAuthenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.auth.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /users on the real server, editing a users.properties file that Karaf's own PropertiesLoginModule reads at each
 * sign-in (through the JaasAuthenticator, with its cache), as the {@code karaf} realm does in the container.
 */
class UserResourceTest {
    static final String REALM = "gatehouse-users-test";
    static final String ORIGINAL = String.join("\n",
            "# Karaf users: name = password, role, ...",
            "# this comment is kept",
            "admin = admin-secret,_g_:admingroup",
            "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
            "",
            "karaf = karaf-pass-1,viewer", "");

    private Configuration previous;
    private Platform core;
    private TestServer server;
    private Http http;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        file = Path.of("target/test-users/" + UUID.randomUUID() + "/users.properties").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, ORIGINAL, StandardCharsets.ISO_8859_1);
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException e) {
            previous = null;
        }
        Map<String, Object> options = Map.of("users", file.toString());
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return REALM.equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)} : null;
            }
        });
        core = TestDb.platform();
        core.persons.savePerson(new Person("t1", "Ms Li", PersonRole.STAFF, null, null, "zh-CN", "3-2"), "t");
        InMemoryServices mem = new InMemoryServices();
        Services services = new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox, mem.health,
                mem.control, core.persons, core.accounts);
        JaasAuthenticator jaas = new JaasAuthenticator(REALM, getClass().getClassLoader(), Duration.ofSeconds(60),
                Clock.systemUTC());
        server = TestServer.start(services, jaas, new TokenService(new byte[32], Duration.ofMinutes(30),
                Clock.systemUTC()), new UserStore(file));
        http = new Http(server.base);
    }

    @AfterEach
    void stop() {
        server.close();
        core.stop();
        Configuration.setConfiguration(previous);
    }

    private Http.Res as(String user, String password, String method, String path, String json) throws Exception {
        return http.call(Http.basic(user, password), method, path, json);
    }

    private Http.Res admin(String method, String path, String json) throws Exception {
        return as("admin", "admin-secret", method, path, json);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void createSignInChangeRolesResetPasswordAndDelete() throws Exception {
        JsonNode users = admin("GET", "/users", null).expect(200).json();
        assertEquals(2, users.size(), users.toString());
        assertEquals("admin", users.get(0).get("name").asText());
        assertTrue(texts(users.get(0).get("roles")).containsAll(List.of("admin", "manager", "ssh")), users.toString());
        assertEquals(List.of("admingroup"), texts(users.get(0).get("groups")));
        assertEquals(List.of("viewer"), texts(users.get(1).get("roles")));
        assertTrue(users.get(1).get("personId").isNull());

        admin("POST", "/users", "{\"name\":\"ms li\",\"password\":\"long-enough\"}").error(400, "invalid-user");
        Http.Res malformed = admin("POST", "/users", "{\"name\":\"x\",\"password\":secret-typo}")
                .error(400, "malformed-json");
        assertFalse(malformed.body().contains("secret-typo"), malformed.body());
        admin("POST", "/users", "[]").error(400, "invalid-body");
        admin("POST", "/users", "{\"name\":\"ms.li\",\"password\":\"short\"}").error(400, "invalid-password");
        admin("POST", "/users", "{\"name\":\"ms.li\",\"password\":\"long-enough\",\"roles\":[\"root\"]}")
                .error(400, "unknown-role");
        admin("POST", "/users", "{\"name\":\"ms.li\",\"password\":\"long-enough\",\"personId\":\"nobody\"}")
                .error(404, "unknown-person");
        admin("POST", "/users", "{\"name\":\"karaf\",\"password\":\"long-enough\"}").error(409, "user-exists");
        Http.Res created = admin("POST", "/users", "{\"name\":\"ms.li\",\"password\":\"first-pass-1\","
                + "\"roles\":[\"teacher\"],\"personId\":\"t1\"}").expect(201);
        assertEquals("t1", created.json().get("personId").asText());
        assertEquals("Ms Li", created.json().get("personName").asText());

        // the real login module reads the new line: the user signs in, sees its class, may not manage users
        JsonNode me = as("ms.li", "first-pass-1", "GET", "/me", null).expect(200).json();
        assertEquals(List.of("teacher"), texts(me.get("roles")));
        assertEquals("3-2", me.get("homeroom").asText());
        as("ms.li", "first-pass-1", "GET", "/users", null).error(403, "forbidden");
        String token = as("ms.li", "first-pass-1", "POST", "/auth/token", null).expect(200).json().get("token")
                .asText();
        http.call("Bearer " + token, "GET", "/me", null).expect(200);

        // new roles apply at once: the cached sign-in is forgotten and the old token refused
        JsonNode changed = admin("PUT", "/users/ms.li", "{\"roles\":[\"security\"]}").expect(200).json();
        assertEquals(List.of("security"), texts(changed.get("roles")));
        assertEquals("t1", changed.get("personId").asText(), "a left-out personId keeps the link");
        http.call("Bearer " + token, "GET", "/me", null).error(401, "invalid-token");
        assertEquals(List.of("security"), texts(as("ms.li", "first-pass-1", "GET", "/me", null).expect(200).json()
                .get("roles")));

        admin("POST", "/users/ms.li/password", "{\"password\":\"no\"}").error(400, "invalid-password");
        admin("POST", "/users/ms.li/password", "{\"password\":\"second-pass-2\"}").expect(204);
        as("ms.li", "first-pass-1", "GET", "/me", null).error(401, "invalid-credentials");
        as("ms.li", "second-pass-2", "GET", "/me", null).expect(200);

        JsonNode unlinked = admin("PUT", "/users/ms.li", "{\"personId\":null}").expect(200).json();
        assertTrue(unlinked.get("personId").isNull());
        assertEquals(List.of("security"), texts(unlinked.get("roles")));
        admin("PUT", "/users/nobody", "{\"roles\":[]}").error(404, "unknown-user");

        admin("DELETE", "/users/ms.li", null).expect(204);
        as("ms.li", "second-pass-2", "GET", "/me", null).error(401, "invalid-credentials");
        admin("GET", "/users/ms.li", null).error(404, "unknown-user");

        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("# Karaf users: name = password, role, ...\n# this comment is kept\n"), text);
        assertTrue(text.contains("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh"), text);
        assertTrue(text.contains("karaf = karaf-pass-1,viewer"), text);
        assertFalse(text.contains("ms.li"), text);

        List<String> audit = new ArrayList<>();
        core.audit.query("user", "ms.li", null, 0, 100).items().forEach(e -> audit.add(e.action() + ":" + e.actor()
                + ":" + e.detail()));
        for (String action : List.of("user-created", "user-linked", "user-roles-changed", "password-reset",
                "user-unlinked", "user-deleted")) {
            assertTrue(audit.stream().anyMatch(a -> a.startsWith(action + ":admin:")), action + " in " + audit);
        }
        assertFalse(audit.toString().contains("pass-"), "no password in the audit trail: " + audit);
    }

    @Test
    void theLastAdminAndYourselfAreNotDeleted() throws Exception {
        admin("DELETE", "/users/admin", null).error(409, "self");
        admin("PUT", "/users/admin", "{\"roles\":[\"security\"]}").error(409, "last-admin");
        admin("POST", "/users", "{\"name\":\"boss\",\"password\":\"boss-pass-1\",\"roles\":[\"admin\"]}")
                .expect(201);
        as("boss", "boss-pass-1", "DELETE", "/users/admin", null).expect(204);
        as("boss", "boss-pass-1", "PUT", "/users/boss", "{\"roles\":[\"teacher\"]}").error(409, "last-admin");
        as("admin", "admin-secret", "GET", "/users", null).error(401, "invalid-credentials");
        JsonNode users = as("boss", "boss-pass-1", "GET", "/users", null).expect(200).json();
        assertEquals(List.of("karaf", "boss"), List.of(users.get(0).get("name").asText(),
                users.get(1).get("name").asText()));
    }

    @Test
    void aGroupIsKeptWhenItsRolesStayAndDroppedWhenTheyGo() throws Exception {
        admin("POST", "/users", "{\"name\":\"boss\",\"password\":\"boss-pass-1\",\"roles\":[\"admin\"]}")
                .expect(201);
        JsonNode kept = admin("PUT", "/users/admin", "{\"roles\":[\"admin\",\"teacher\"]}").expect(200).json();
        assertEquals(List.of("admingroup"), texts(kept.get("groups")));
        assertTrue(texts(kept.get("roles")).containsAll(List.of("admin", "teacher", "ssh")), kept.toString());
        JsonNode dropped = admin("PUT", "/users/admin", "{\"roles\":[\"teacher\"]}").expect(200).json();
        assertEquals(List.of(), texts(dropped.get("groups")));
        assertEquals(List.of("teacher"), texts(dropped.get("roles")));
        assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).contains("admin = admin-secret,teacher"));
    }
}
