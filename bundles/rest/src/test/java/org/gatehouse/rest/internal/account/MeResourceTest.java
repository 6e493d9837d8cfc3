package org.gatehouse.rest.internal.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Text;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.access.PassageServiceImpl;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /me and the server-side scoping of guardians and teachers, on the real server with the core's person, account,
 * passage and notice services on Derby: a guardian sees its own child only, a teacher its class only.
 */
class MeResourceTest {
    static Platform core;
    static TestServer server;
    static Http http;
    static long mine;
    static long other;
    static final Path DIR = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();

    /**
     * The school of the account tests on a new store: gate-1, students stu1 (3-2) and stu2 (4-1), guardians g1 (of
     * stu1) and g2 (of stu2), teacher t1 (3-2), watchlist w1; users parent -> g1, teacher -> t1, teacher2 -> g2.
     */
    static Platform school() {
        Platform core = TestDb.platform();
        TestDb.seedGate(core);
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("stu2", "Student 2", PersonRole.STUDENT, null, null, null, "4-1"), "t");
        core.persons.savePerson(new Person("g1", "Mother 1", PersonRole.GUARDIAN, "+8613800000001", null, "en", null),
                "t");
        core.persons.savePerson(new Person("g2", "Father 2", PersonRole.GUARDIAN, "+8613800000002", null, "en", null),
                "t");
        core.persons.savePerson(new Person("t1", "Ms Li", PersonRole.STAFF, null, null, "zh-CN", "3-2"), "t");
        core.persons.savePerson(new Person("w1", "Banned", PersonRole.WATCHLIST, null, null, null, "3-2"), "t");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", true), "t");
        core.persons.bind(new GuardianBinding("g2", "stu2", "father", "sms", true), "t");
        core.accounts.link("parent", "g1", "admin");
        core.accounts.link("teacher", "t1", "admin");
        core.accounts.link("teacher2", "g2", "admin"); // a teacher linked to a guardian record: no class
        return core;
    }

    /** The core's passage service over the store and the in-memory face service, snapshots under dir. */
    static PassageServiceImpl passages(Platform core, InMemoryServices mem, Path dir) {
        PassageServiceImpl passages = new PassageServiceImpl(core.db, core.audit, core.sites, mem.faces, core.events,
                core.persons, core.roster);
        passages.configure(new GateSettings(dir, 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        return passages;
    }

    @BeforeAll
    static void start() throws Exception {
        core = school();
        InMemoryServices mem = new InMemoryServices();
        PassageServiceImpl passages = passages(core, mem, DIR);
        Instant at = LocalDate.of(2026, 3, 2).atTime(7, 55).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        mem.faces.enroll("stu1", new Frame(FaceResourceTest.png(90, 90, 0x808080), "png"), "admin");
        mine = passages.capture("gate-1", new Frame(FaceResourceTest.png(60, 50, 0x406080), "png"), null, at).id();
        mem.faces.enroll("stu2", new Frame(FaceResourceTest.png(90, 90, 0x808081), "png"), "admin");
        other = passages.capture("gate-1", new Frame(FaceResourceTest.png(60, 50, 0x406081), "png"), null, at).id();

        core.notices.create(new Notice("n1", List.of(new Text("en", "Sports day", "Friday, bring shoes")), null,
                Map.of(), "class:3-2", null, null, null, null, null, null, 0), "admin");
        core.notices.fireDue(Instant.now().plusSeconds(1));

        Services services = new Services(core.sites, core.events, mem.alarms, core.audit, core.outbox, mem.health,
                mem.control, core.persons, mem.faces, core.notices, passages, core.accounts);
        server = TestServer.start(services);
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    private static String snapshotOf(long id) throws Exception {
        JsonNode p = http.as("admin", "GET", "/passages/" + id, null).expect(200).json();
        return p.get("snapshot").asText();
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void meNamesTheUserItsRolesItsPersonAndATeachersClass() throws Exception {
        JsonNode parent = http.as("parent", "GET", "/me", null).expect(200).json();
        assertEquals("parent", parent.get("user").asText());
        assertEquals("guardian", parent.get("roles").get(0).asText());
        assertEquals("g1", parent.get("person").get("id").asText());
        assertTrue(parent.get("homeroom").isNull());
        JsonNode teacher = http.as("teacher", "GET", "/me", null).expect(200).json();
        assertEquals("t1", teacher.get("person").get("id").asText());
        assertEquals("3-2", teacher.get("homeroom").asText());
        JsonNode admin = http.as("admin", "GET", "/me", null).expect(200).json();
        assertTrue(admin.get("person").isNull(), admin.toString());
        assertEquals(List.of("admin", "manager"), List.of(admin.get("roles").get(0).asText(),
                admin.get("roles").get(1).asText()));
        http.call(null, "GET", "/me", null).error(401, "missing-credentials");
    }

    @Test
    void aGuardianSeesItsOwnChildAndNoOther() throws Exception {
        JsonNode children = http.as("parent", "GET", "/me/children", null).expect(200).json();
        assertEquals(1, children.size(), children.toString());
        assertEquals("stu1", children.get(0).get("person").get("id").asText());
        assertEquals("mother", children.get(0).get("relation").asText());

        JsonNode page = http.as("parent", "GET", "/me/children/stu1/passages", null).expect(200).json();
        assertEquals(1, page.get("total").asInt());
        assertEquals(mine, page.get("items").get(0).get("id").asLong());
        http.as("parent", "GET", "/me/children/stu2/passages", null).error(403, "not-your-child");
        http.as("parent", "GET", "/me/children/stu2/passages/" + other + "/snapshot", null)
                .error(403, "not-your-child");
        http.as("parent", "GET", "/me/children/stu1/passages/" + other + "/snapshot", null)
                .error(403, "not-your-child");
        http.as("parent", "GET", "/me/children/stu2/attendance?date=2026-03-02", null).error(403, "not-your-child");

        JsonNode att = http.as("parent", "GET", "/me/children/stu1/attendance?date=2026-03-02", null).expect(200)
                .json();
        assertEquals(List.of("stu1"), ids(att, "personId"));
        assertFalse(att.get(0).get("absent").asBoolean());

        // the wide paths stay closed to a guardian; other roles cannot use the parents' paths
        http.as("parent", "GET", "/passages", null).error(403, "forbidden");
        http.as("parent", "GET", "/persons/stu1", null).error(403, "forbidden");
        http.as("guard", "GET", "/me/children", null).error(403, "forbidden");
        http.as("parent2", "GET", "/me/children", null).error(403, "no-person");
        http.as("parent2", "GET", "/me/notices", null).error(403, "no-person");
        http.as("admin", "GET", "/me/children", null).error(403, "no-person");
    }

    @Test
    void everySnapshotReadOfAGuardianIsAudited() throws Exception {
        long before = core.audit.query("passage", Long.toString(mine), null, 0, 100).total();
        Http.Res img = http.as("parent", "GET", "/me/children/stu1/passages/" + mine + "/snapshot", null).expect(200);
        assertTrue(img.type().startsWith("image/"), img.type());
        assertArrayEquals(Files.readAllBytes(DIR.resolve(snapshotOf(mine))), img.bytes());
        var entries = core.audit.query("passage", Long.toString(mine), null, 0, 100).items();
        assertEquals(before + 1, entries.size());
        assertTrue(entries.stream().anyMatch(e -> e.action().equals("snapshot-read") && e.actor().equals("parent")
                && "stu1".equals(e.detail())), entries.toString());
    }

    @Test
    void aGuardianReadsItsNoticesAndMarksThemRead() throws Exception {
        JsonNode page = http.as("parent", "GET", "/me/notices", null).expect(200).json();
        assertEquals(1, page.get("total").asInt(), page.toString());
        JsonNode n = page.get("items").get(0);
        assertEquals("n1", n.get("id").asText());
        assertEquals("Sports day", n.get("title").asText());
        assertEquals("Friday, bring shoes", n.get("body").asText());
        assertTrue(n.get("readAt").isNull());
        http.as("parent", "POST", "/me/notices/n1/read", null).expect(204);
        JsonNode again = http.as("parent", "GET", "/me/notices", null).expect(200).json();
        assertFalse(again.get("items").get(0).get("readAt").isNull());
        http.as("parent", "POST", "/me/notices/nope/read", null).error(404, "unknown-notice");
    }

    @Test
    void aTeacherSeesOnlyItsClassAndNeverTheWatchlist() throws Exception {
        JsonNode page = http.as("teacher", "GET", "/passages", null).expect(200).json();
        assertEquals(1, page.get("total").asInt(), page.toString());
        assertEquals("stu1", page.get("items").get(0).get("personId").asText());
        assertEquals(2, http.as("guard", "GET", "/passages", null).expect(200).json().get("total").asInt(),
                "security is not limited");
        http.as("teacher", "GET", "/passages?person=stu2", null).error(403, "not-your-class");
        http.as("teacher", "GET", "/passages/" + other, null).error(403, "not-your-class");
        http.as("teacher", "GET", "/passages/" + other + "/snapshot", null).error(403, "not-your-class");
        http.as("teacher", "GET", "/passages/" + mine, null).expect(200);
        http.as("teacher", "GET", "/passages/" + mine + "/snapshot", null).expect(200);

        assertEquals(List.of("stu1"), ids(http.as("teacher", "GET", "/attendance?date=2026-03-02", null).expect(200)
                .json(), "personId"));
        http.as("teacher", "GET", "/attendance?group=4-1", null).error(403, "not-your-class");

        JsonNode persons = http.as("teacher", "GET", "/persons", null).expect(200).json();
        assertEquals(List.of("stu1", "t1"), ids(persons.get("items"), "id"), "its class and itself, no watchlist");
        http.as("teacher", "GET", "/persons?role=WATCHLIST", null).error(403, "forbidden");
        http.as("teacher", "GET", "/persons?group=4-1", null).error(403, "not-your-class");
        http.as("teacher", "GET", "/persons/w1", null).error(403, "forbidden");
        http.as("teacher", "GET", "/persons/stu2", null).error(403, "not-your-class");
        http.as("teacher", "GET", "/persons/stu2/guardians", null).error(403, "not-your-class");
        assertEquals("stu1", http.as("teacher", "GET", "/persons/stu1", null).expect(200).json().get("id").asText());

        Http.Res none = http.as("teacher2", "GET", "/passages", null).error(403, "no-class");
        assertTrue(none.json().get("message").asText().contains("admin must link"), none.body());
        http.as("teacher", "GET", "/users", null).error(403, "forbidden");
        http.as("teacher", "DELETE", "/devices/gate-1", null).error(403, "forbidden");
    }
}
