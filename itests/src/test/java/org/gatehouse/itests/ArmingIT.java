package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Perimeter arming in the real distribution, through REST and the alarm rules route: the demo's north fence disarmed
 * by hand -> a fence.intrusion on fence-n1 is stored but raises nothing, a fence.tamper still raises; armed again -> an
 * intrusion raises; bypassed -> an intrusion is only recorded. "Raises nothing" is checked in order: the events of
 * one device reach the route in order, so once the tamper sent after an intrusion has its alarm, the intrusion was
 * judged.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArmingIT {
    private static final String ZONE = "/perimeter/zones/north-fence";

    @Inject
    private EventService events;
    @Inject
    private AlarmService alarms;
    @Inject
    private ArmingService arming;
    /** The boot features (the alarm rules route among them) are installed. */
    @Inject
    private org.apache.karaf.features.BootFinished bootFinished;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    private static JsonNode call(String method, String path, String body) {
        Http.Response r = Http.send(method, api() + path, admin(), body);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static void post(String id, String type) {
        Http.Response r = Http.send("POST", api() + "/events", admin(), "{\"id\":\"" + id
                + "\",\"deviceId\":\"fence-n1\",\"type\":\"" + type + "\",\"severity\":\"MAJOR\"}");
        assertEquals(r.body(), 201, r.status());
    }

    private List<Alarm> active(String type) {
        return alarms.query(new AlarmQuery(EnumSet.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), null, null, 0,
                500)).items().stream().filter(a -> "fence-n1".equals(a.deviceId()) && type.equals(a.type()))
                .toList();
    }

    private void awaitAlarm(String type, String eventId) {
        Http.await("alarm " + type + " of " + eventId, Duration.ofSeconds(30),
                () -> active(type).stream().anyMatch(a -> eventId.equals(a.lastEventId())));
    }

    private void resolveAll() {
        for (String type : List.of("fence.intrusion", "fence.tamper")) {
            for (Alarm a : active(type)) {
                alarms.resolve(a.id(), "itest", "ArmingIT");
            }
        }
    }

    @Test
    public void disarmedAndBypassedZonesOnlyRecordIntrusions() {
        Http.awaitDemoCampus(api(), admin());
        // the rules route is live once an event raises (on a loaded machine the spine may start before the routes)
        resolveAll();
        int[] probe = {0};
        Http.await("the alarm rules route", Duration.ofSeconds(120), () -> {
            post("arming-it-probe-" + probe[0]++, "fence.tamper");
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !active("fence.tamper").isEmpty();
        });
        resolveAll();
        JsonNode start = call("GET", ZONE, null);
        assertTrue(start.toString(), start.get("armed").asBoolean());

        // disarmed: the intrusion is stored, no alarm; tamper always alarms
        JsonNode off = call("POST", ZONE + "/disarm", "{\"reason\":\"ArmingIT: fence repair\"}");
        assertFalse(off.toString(), off.get("armed").asBoolean());
        assertEquals("manual", off.get("source").asText());
        post("arming-it-1", "fence.intrusion");
        post("arming-it-2", "fence.tamper");
        awaitAlarm("fence.tamper", "arming-it-2");
        assertTrue(events.get("arming-it-1").isPresent());
        assertTrue("no alarm for an intrusion in a disarmed zone", active("fence.intrusion").isEmpty());

        // armed again: the intrusion raises
        assertTrue(call("POST", ZONE + "/arm", "{}").get("armed").asBoolean());
        post("arming-it-3", "fence.intrusion");
        awaitAlarm("fence.intrusion", "arming-it-3");

        // bypassed: only recorded
        resolveAll();
        JsonNode bypass = call("POST", ZONE + "/bypass", "{\"reason\":\"ArmingIT: gardener\",\"until\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\"}");
        assertFalse(bypass.toString(), bypass.get("alarming").asBoolean());
        post("arming-it-4", "fence.intrusion");
        post("arming-it-5", "fence.tamper");
        awaitAlarm("fence.tamper", "arming-it-5");
        assertTrue(events.get("arming-it-4").isPresent());
        assertTrue("no alarm for an intrusion in a bypassed zone", active("fence.intrusion").isEmpty());
        call("DELETE", ZONE + "/bypass", null);
        assertTrue(arming.zone("north-fence").alarming());

        // every change reached the spine as an event of the zone
        for (String type : List.of("zone.disarmed", "zone.armed", "zone.bypassed", "zone.bypass.ended")) {
            Http.await(type + " event", Duration.ofSeconds(30), () -> {
                JsonNode page = json(Http.send("GET", api() + "/events?type=" + type + "&limit=10", admin(),
                        (String) null).body());
                for (JsonNode e : page.path("items")) {
                    if ("north-fence".equals(e.path("zoneId").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
        resolveAll();
    }
}
