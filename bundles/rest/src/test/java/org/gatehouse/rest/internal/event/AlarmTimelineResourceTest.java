package org.gatehouse.rest.internal.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.account.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /alarms/{id}/timeline on the real server with the core's services on Derby: the steps with who and when, the
 * role filtering of GET /alarms/{id} (a watchlist alarm only for admin and security), 404 for an unknown alarm.
 */
class AlarmTimelineResourceTest {
    static Platform core;
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seed(core);
        server = TestServer.start(new Services(core.sites, core.events, core.alarms, core.audit, core.outbox));
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    private static Alarm raise(String id, String type, Severity severity) {
        return core.alarms.raise(core.events.ingest(new SecurityEvent(id, null, null, "fence-1", null, type, severity,
                Map.of(), null, null)).event(), null);
    }

    private static List<String> kinds(JsonNode steps) {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.get("kind").asText()));
        return out;
    }

    @Test
    void theTimelineShowsTheStepsWithWhoAndWhen() throws Exception {
        Alarm a = raise("e1", "fence.intrusion", Severity.MAJOR);
        core.messages.alarm(a, Transition.RAISED, new Delivery("webhook", null, null, null, "en", null, null, null));
        http.as("guard", "POST", "/alarms/" + a.id() + "/ack", "{\"note\":\"on my way\"}").expect(200);
        JsonNode steps = http.as("teacher", "GET", "/alarms/" + a.id() + "/timeline", null).expect(200).json();
        assertEquals(List.of("event", "raised", "message", "acknowledged"), kinds(steps), steps.toString());
        JsonNode ack = steps.get(3);
        assertEquals("guard", ack.get("actor").asText());
        assertEquals("on my way", ack.get("detail").asText());
        assertTrue(ack.get("time").asText().endsWith("Z"), ack.toString());
        assertEquals("e1", steps.get(0).get("data").get("eventId").asText());
        assertEquals("webhook", steps.get(2).get("data").get("channel").asText());
        assertEquals("RAISED", steps.get(2).get("data").get("transition").asText());
        http.as("integ", "GET", "/alarms/" + a.id() + "/timeline", null).expect(200);
        http.as("admin", "GET", "/alarms/" + a.id() + "/timeline", null).expect(200);
        http.as("parent", "GET", "/alarms/" + a.id() + "/timeline", null).error(403, "forbidden");
    }

    @Test
    void aWatchlistAlarmIsTracedByAdminAndSecurityOnly() throws Exception {
        Alarm a = raise("w1", "watchlist.hit", Severity.CRITICAL);
        for (String user : List.of("teacher", "integ", "parent")) {
            http.as(user, "GET", "/alarms/" + a.id() + "/timeline", null).error(403, "forbidden");
        }
        assertEquals("raised", http.as("guard", "GET", "/alarms/" + a.id() + "/timeline", null).expect(200).json()
                .get(1).get("kind").asText());
        http.as("admin", "GET", "/alarms/" + a.id() + "/timeline", null).expect(200);
    }

    @Test
    void anUnknownAlarmIs404() throws Exception {
        http.as("guard", "GET", "/alarms/999999/timeline", null).error(404, "unknown-alarm");
        http.as("guard", "GET", "/alarms/abc/timeline", null).error(404, "alarm-not-found");
    }
}
