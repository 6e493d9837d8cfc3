package org.gatehouse.rest.internal.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.PassageServiceImpl;
import org.gatehouse.core.internal.link.SignedLinksImpl;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /leave-passes, /me/children/{id}/leave-passes and /s/{token} on the real server with the core's leave pass,
 * signed link, person, account and passage services on Derby.
 */
class LeavePassResourceTest {
    static Platform core;
    static TestServer server;
    static Http http;
    static byte[] image;
    static long passage;
    static final Path DIR = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();
    static final String WINDOW = "\"from\":\"2026-03-02T09:00:00+08:00\",\"to\":\"2026-03-02T11:00:00+08:00\"";

    @BeforeAll
    static void start() throws Exception {
        core = MeResourceTest.school();
        InMemoryServices mem = new InMemoryServices();
        PassageServiceImpl passages = MeResourceTest.passages(core, mem, DIR);
        mem.faces.enroll("stu1", new Frame(FaceResourceTest.png(90, 90, 0x808080), "png"), "admin");
        image = FaceResourceTest.png(60, 50, 0x406080);
        passage = passages.capture("gate-1", new Frame(image, "png"), null, null).id();

        Services services = new Services(core.sites, core.events, mem.alarms, core.audit, core.outbox, mem.health,
                mem.control, core.persons, mem.faces, passages, core.accounts, core.leavePasses, core.links);
        server = TestServer.start(services);
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    private static long create(String user, String student) throws Exception {
        return http.as(user, "POST", "/leave-passes", "{\"studentId\":\"" + student + "\"," + WINDOW
                + ",\"reason\":\"dentist\"}").expect(201).json().get("id").asLong();
    }

    @Test
    void aTeacherAsksApprovesAndListsForItsOwnClassOnly() throws Exception {
        long id = create("teacher", "stu1");
        JsonNode approved = http.as("teacher", "POST", "/leave-passes/" + id + "/approve", null).expect(200).json();
        assertEquals("APPROVED", approved.get("state").asText());
        assertEquals("teacher", approved.get("decidedBy").asText());
        http.as("teacher", "POST", "/leave-passes/" + id + "/reject", null).error(409, "not-pending");

        http.as("teacher", "POST", "/leave-passes", "{\"studentId\":\"stu2\"," + WINDOW + ",\"reason\":\"x\"}")
                .error(403, "not-your-class");
        long other = create("admin", "stu2");
        http.as("teacher", "POST", "/leave-passes/" + other + "/approve", null).error(403, "not-your-class");
        http.as("teacher", "POST", "/leave-passes/" + other + "/cancel", null).error(403, "not-your-class");
        http.as("teacher", "GET", "/leave-passes?group=4-1", null).error(403, "not-your-class");

        JsonNode mine = http.as("teacher", "GET", "/leave-passes", null).expect(200).json();
        mine.get("items").forEach(i -> assertEquals("3-2", i.get("group").asText()));
        assertTrue(mine.get("total").asInt() >= 1);
        JsonNode all = http.as("guard", "GET", "/leave-passes?day=2026-03-02&state=approved", null).expect(200)
                .json();
        assertEquals(id, all.get("items").get(0).get("id").asLong());
        assertEquals("Student 1", all.get("items").get(0).get("studentName").asText());
        JsonNode cancelled = http.as("admin", "POST", "/leave-passes/" + other + "/cancel", null).expect(200).json();
        assertEquals("CANCELLED", cancelled.get("state").asText());
        http.as("parent", "GET", "/leave-passes", null).error(403, "forbidden");
    }

    @Test
    void badRequestsAreClearErrors() throws Exception {
        http.as("admin", "POST", "/leave-passes", "{\"studentId\":\"stu1\",\"from\":\"2026-03-02T11:00:00Z\","
                + "\"to\":\"2026-03-02T09:00:00Z\",\"reason\":\"x\"}").error(400, "bad-window");
        http.as("admin", "POST", "/leave-passes", "{\"studentId\":\"stu1\"," + WINDOW + "}").error(400,
                "missing-reason");
        http.as("admin", "POST", "/leave-passes", "{\"studentId\":\"t1\"," + WINDOW + ",\"reason\":\"x\"}")
                .error(400, "not-a-student");
        http.as("admin", "POST", "/leave-passes", "{\"studentId\":\"ghost\"," + WINDOW + ",\"reason\":\"x\"}")
                .error(404, "unknown-person");
        http.as("admin", "POST", "/leave-passes", "{" + WINDOW + ",\"reason\":\"x\"}").error(400, "missing-studentId");
        http.as("admin", "POST", "/leave-passes", "{\"studentId\":\"stu1\",\"from\":\"tomorrow\",\"to\":null,"
                + "\"reason\":\"x\"}").error(400, "invalid-parameter");
        http.as("admin", "POST", "/leave-passes/999999/approve", null).error(404, "unknown-pass");
        http.as("admin", "POST", "/leave-passes/abc/approve", null).error(404, "pass-not-found");
        http.as("admin", "GET", "/leave-passes?state=LOST", null).error(400, "bad-state");
        http.as("admin", "GET", "/leave-passes?day=yesterday", null).error(400, "bad-day");
    }

    @Test
    void aGuardianAsksForItsOwnChildOnly() throws Exception {
        JsonNode p = http.as("parent", "POST", "/me/children/stu1/leave-passes", "{" + WINDOW
                + ",\"reason\":\"grandma's birthday\"}").expect(201).json();
        assertEquals("PENDING", p.get("state").asText());
        assertEquals("parent", p.get("requestedBy").asText());
        JsonNode list = http.as("parent", "GET", "/me/children/stu1/leave-passes", null).expect(200).json();
        assertTrue(list.size() >= 1);
        list.forEach(x -> assertEquals("stu1", x.get("studentId").asText()));
        http.as("parent", "POST", "/me/children/stu2/leave-passes", "{" + WINDOW + ",\"reason\":\"x\"}")
                .error(403, "not-your-child");
        http.as("parent", "GET", "/me/children/stu2/leave-passes", null).error(403, "not-your-child");
        http.as("parent", "POST", "/me/children/stu1/leave-passes", "{\"studentId\":\"stu2\"," + WINDOW
                + ",\"reason\":\"x\"}").error(400, "student-mismatch");
        http.as("parent", "POST", "/leave-passes/" + p.get("id").asLong() + "/approve", null).error(403, "forbidden");
    }

    @Test
    void aSignedLinkOpensTheSnapshotWithoutLoginUntilItExpires() throws Exception {
        String token = core.links.sign("passage:" + passage, Duration.ofHours(72));
        Http.Res r = http.call(null, "GET", "/s/" + token, null).expect(200);
        assertArrayEquals(image, r.bytes());
        assertTrue(core.audit.query("passage", Long.toString(passage), null, 0, 10).items().stream()
                .anyMatch(a -> a.actor().equals("link") && a.action().equals("snapshot-read")));

        SignedLinksImpl past = new SignedLinksImpl(core.db, Clock.fixed(Instant.now().minus(Duration.ofDays(4)),
                ZoneOffset.UTC));
        http.call(null, "GET", "/s/" + past.sign("passage:" + passage, Duration.ofHours(72)), null)
                .error(410, "link-expired");
        http.call(null, "GET", "/s/not-a-token", null).error(404, "unknown-link");
        http.call(null, "GET", "/s/" + token.substring(0, token.length() - 2) + "xx", null).error(404, "unknown-link");
        http.call(null, "GET", "/s/" + core.links.sign("person:stu1", Duration.ofHours(1)), null)
                .error(404, "unknown-link");
        http.call(null, "GET", "/s/" + core.links.sign("passage:999999", Duration.ofHours(1)), null)
                .error(404, "unknown-passage");
    }
}
