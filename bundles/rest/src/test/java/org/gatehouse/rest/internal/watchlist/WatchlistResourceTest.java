package org.gatehouse.rest.internal.watchlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.watchlist.WatchlistServiceTest;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.account.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /watchlist and /alarms/{id}/feedback on the real server with the core's services on Derby (the deterministic test
 * engine): security only, photos and the enrolled-person refusal, a gate hit's alarm hidden from teachers, feedback,
 * figures and a zip import.
 */
class WatchlistResourceTest {
    static Platform core;
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        core = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
        core.passages.configure(new GateSettings(Path.of("target/test-snapshots/" + UUID.randomUUID())
                .toAbsolutePath(), 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        core.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        core.sites.saveDevice(new Device("gate-in", "s1", "main-gate", "facegate", "http", "Gate in",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "test");
        core.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN",
                null), "admin");
        core.persons.savePerson(new Person("stu1", "Student One", PersonRole.STUDENT, null, null, null, "3-2"),
                "admin");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", false), "admin");
        core.faces.recordConsent("stu1", "g1", true, "admin");
        core.faces.enroll("stu1", face(1, 0), "admin");
        Services services = new Services(core.sites, core.events, core.alarms, core.audit, core.persons, core.faces,
                core.passages, core.accounts, core.watchlist);
        server = TestServer.start(services);
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    static Frame face(int identity, int photo) {
        return new Frame(png(identity, photo), "png");
    }

    static byte[] png(int identity, int photo) {
        return TestEngine.png(TestEngine.face(identity, photo));
    }

    private static String create(String name) throws Exception {
        return http.as("guard", "POST", "/watchlist", "{\"name\":\"" + name + "\",\"reason\":\"police notice\","
                + "\"risk\":\"high\",\"source\":\"GA-7\"}").expect(201).json().get("id").asText();
    }

    @Test
    void onlySecurityAndAdminSeeTheWatchlist() throws Exception {
        String id = create("Only Security");
        for (String user : List.of("teacher", "parent", "integ")) {
            http.as(user, "GET", "/watchlist", null).error(403, "forbidden");
            http.as(user, "GET", "/watchlist/" + id, null).error(403, "forbidden");
            http.as(user, "POST", "/watchlist", "{\"name\":\"x\",\"reason\":\"y\"}").error(403, "forbidden");
            http.as(user, "GET", "/watchlist/stats", null).error(403, "forbidden");
        }
        http.as("teacher", "GET", "/persons/" + id, null).error(403, "forbidden");
        http.send("teacher", "POST", "/faces/identify?use=watchlist", "image/png", png(1, 1)).error(403, "forbidden");
        assertTrue(http.as("admin", "GET", "/watchlist?q=only", null).expect(200).json().get("total").asInt() >= 1);
        JsonNode one = http.as("guard", "GET", "/watchlist/" + id, null).expect(200).json();
        assertEquals("GA-7", one.get("source").asText());
        http.as("guard", "GET", "/watchlist/wl-999", null).error(404, "unknown-entry");
        http.as("guard", "POST", "/watchlist", "{\"name\":\"x\",\"reason\":\"y\",\"risk\":\"extreme\"}")
                .error(400, "bad-risk");
        http.as("guard", "POST", "/watchlist", "{\"reason\":\"y\"}").error(400, "missing-name");
        http.as("guard", "GET", "/watchlist?active=maybe", null).error(400, "invalid-parameter");
    }

    @Test
    void aHitIsAlarmedHiddenFromTeachersAndGetsTheStaffsVerdict() throws Exception {
        String id = create("Zhang San");
        JsonNode t = http.send("guard", "POST", "/watchlist/" + id + "/faces", "image/png", png(9, 0)).expect(201)
                .json();
        http.send("guard", "POST", "/watchlist/" + id + "/faces", "image/png", png(1, 3))
                .error(409, "enrolled-person");
        http.send("guard", "POST", "/watchlist/" + id + "/faces", "image/png", TestEngine.png())
                .error(422, "no-face");
        assertEquals(1, http.as("guard", "GET", "/watchlist/" + id + "/faces", null).expect(200).json().size());
        Http.Res photo = http.as("guard", "GET", "/watchlist/" + id + "/faces/" + t.get("id").asLong() + "/photo",
                null).expect(200);
        assertEquals("image/png", photo.type());

        GateDecision d = core.passages.decide("gate-in", face(9, 1), null, null);
        assertEquals(GateDecision.REASON_WATCHLIST, d.reason());
        JsonNode hits = http.as("guard", "GET", "/watchlist/hits?entry=" + id, null).expect(200).json();
        assertEquals(1, hits.get("total").asInt());
        long hitId = hits.get("items").get(0).get("id").asLong();
        Alarm alarm = core.alarms.raise(core.events.get("watchlist-hit-" + hitId).orElseThrow(), "Watchlist");

        assertTrue(ids(http.as("guard", "GET", "/alarms", null).expect(200).json()).contains(alarm.id()));
        assertFalse(ids(http.as("teacher", "GET", "/alarms", null).expect(200).json()).contains(alarm.id()));
        http.as("teacher", "GET", "/alarms/" + alarm.id(), null).error(403, "forbidden");
        assertEquals(0, http.as("integ", "GET", "/events?type=watchlist.*", null).expect(200).json().get("items")
                .size());
        assertEquals(1, http.as("guard", "GET", "/events?type=watchlist.*", null).expect(200).json().get("items")
                .size());
        http.as("integ", "GET", "/events/watchlist-hit-" + hitId, null).error(403, "forbidden");

        http.as("teacher", "POST", "/alarms/" + alarm.id() + "/feedback", "{\"verdict\":\"false\"}")
                .error(403, "forbidden");
        http.as("guard", "POST", "/alarms/" + alarm.id() + "/feedback", "{\"verdict\":\"nope\"}")
                .error(400, "bad-verdict");
        http.as("guard", "POST", "/alarms/99999/feedback", "{\"verdict\":\"false\"}").error(404, "alarm-not-found");
        core.sites.saveDevice(new Device("fence-1", "s1", "main-gate", "fence", "sim", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        Alarm fence = core.alarms.raise(new SecurityEvent(null, null, null, "fence-1", null, "fence.intrusion",
                Severity.MAJOR, Map.of(), null, null), null);
        http.as("guard", "POST", "/alarms/" + fence.id() + "/feedback", "{\"verdict\":\"false\"}")
                .error(400, "not-a-watchlist-alarm");
        JsonNode marked = http.as("guard", "POST", "/alarms/" + alarm.id() + "/feedback",
                "{\"verdict\":\"false\",\"note\":\"his brother\"}").expect(200).json();
        assertEquals("false", marked.get("verdict").asText());
        assertEquals("guard", marked.get("verdictBy").asText());
        assertEquals(alarm.id(), marked.get("alarmId").asLong());

        JsonNode stats = http.as("guard", "GET", "/watchlist/stats", null).expect(200).json();
        assertEquals(1, stats.get("falseHits").asInt());
        assertTrue(stats.get("bins").size() >= 1);
        assertEquals(1, http.as("guard", "GET", "/watchlist/" + id, null).expect(200).json().get("falseHits")
                .asInt());

        http.as("guard", "DELETE", "/watchlist/" + id + "/faces/" + t.get("id").asLong(), null).expect(204);
        http.as("guard", "DELETE", "/watchlist/" + id, null).expect(204);
        http.as("guard", "GET", "/watchlist/" + id, null).error(404, "unknown-entry");
    }

    @Test
    void aZipImportRunsInTheBackgroundAndReportsItsBadRows() throws Exception {
        byte[] zip = WatchlistServiceTest.zip(Map.of("list.csv", ("name,reason,risk,source,expires,photo\nLi Si,notice,low,,,li.png\n"
                + "Bad,notice,extreme,,,\n").getBytes(StandardCharsets.UTF_8), "li.png", png(31, 0)));
        JsonNode job = http.send("guard", "POST", "/watchlist/import", "application/zip", zip).expect(202).json();
        assertEquals(2, job.get("total").asInt());
        JsonNode done = job;
        for (int i = 0; i < 200 && !done.hasNonNull("finished"); i++) {
            Thread.sleep(50);
            done = http.as("guard", "GET", "/watchlist/import/" + job.get("id").asText(), null).expect(200).json();
        }
        assertEquals("done", done.get("state").asText());
        assertEquals(1, done.get("created").asInt());
        assertTrue(done.get("errors").get(0).asText().startsWith("3: bad-risk"), done.toString());
        http.send("guard", "POST", "/watchlist/import", "application/zip", "no zip".getBytes(StandardCharsets.UTF_8))
                .error(400, "bad-zip");
        http.send("guard", "POST", "/watchlist/import", "text/csv", zip).error(415, "unsupported-media-type");
        http.as("guard", "GET", "/watchlist/import/imp-404", null).error(404, "unknown-import");
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> out = new java.util.ArrayList<>();
        page.get("items").forEach(a -> out.add(a.get("id").asLong()));
        return out;
    }
}
