package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.gatehouse.api.service.AlarmService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Reminders and the alarm timeline in the real distribution: a CRITICAL fence event posted to REST raises an alarm,
 * the webhook channel (a real HTTP server) receives it, then a reminder every period (5 s here through
 * {@code alarm.remind.critical.seconds}, checked every second) until the alarm is acknowledged through REST, then no
 * more; GET /alarms/{id}/timeline shows the event, the raise, the messages and their deliveries, the reminders and the
 * acknowledgement.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AlarmTimelineIT {
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private AlarmService alarms;

    @Configuration
    public Option[] config() {
        return CoreOptions.options(CoreOptions.composite(GatehouseOptions.options(Http.freePort())),
                KarafDistributionOption.editConfigurationFilePut("etc/org.gatehouse.core.cfg",
                        "alarm.remind.critical.seconds", "5"),
                KarafDistributionOption.editConfigurationFilePut("etc/org.gatehouse.core.cfg",
                        "escalation.check.seconds", "1"));
    }

    /** @return the webhook hits about one alarm and transition, as the data of their bodies */
    private static List<JsonNode> hits(WebhookReceiver receiver, long alarm, String transition) {
        List<JsonNode> out = new ArrayList<>();
        for (WebhookReceiver.Hit h : receiver.hits) {
            JsonNode data = Http.json(h.body()).path("data");
            if (data.path("alarmId").asText().equals(Long.toString(alarm))
                    && data.path("transition").asText().equals(transition)) {
                out.add(data);
            }
        }
        return out;
    }

    @Test
    public void aCriticalAlarmIsRemindedUntilAcknowledgedAndItsTimelineTellsTheStory() throws Exception {
        Http.await("GET /health to answer UP", Duration.ofSeconds(90), () -> {
            Http.Response r = Http.send("GET", Http.api() + "/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        Http.awaitDemoCampus(Http.api(), Http.admin());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            org.osgi.service.cm.Configuration hook = configAdmin.getFactoryConfiguration("org.gatehouse.notify.webhook",
                    "itest-timeline", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("url", receiver.url());
            props.put("secret", "itest-hmac-key");
            props.put("provider", "itest-hook");
            hook.update(props);
            try {
                Http.Response posted = Http.send("POST", Http.api() + "/events", Http.admin(),
                        "{\"id\":\"timeline-1\",\"deviceId\":\"fence-n1\",\"type\":\"fence.intrusion\","
                                + "\"severity\":\"CRITICAL\"}");
                assertEquals(posted.body(), 201, posted.status());
                long[] alarm = new long[1];
                Http.await("the alarm of the event", Duration.ofSeconds(30), () -> {
                    alarm[0] = alarms.query(org.gatehouse.api.AlarmQuery.active(50)).items().stream()
                            .filter(a -> "timeline-1".equals(a.lastEventId())).mapToLong(a -> a.id()).findFirst()
                            .orElse(0);
                    return alarm[0] > 0;
                });
                long id = alarm[0];
                Http.await("the RAISED alarm at the webhook", Duration.ofSeconds(30),
                        () -> !hits(receiver, id, "RAISED").isEmpty());
                Http.await("two reminders at the webhook", Duration.ofSeconds(60),
                        () -> hits(receiver, id, "REMINDED").size() >= 2);
                JsonNode first = hits(receiver, id, "REMINDED").get(0);
                assertEquals("1", first.path("reminder").asText());

                Http.Response ack = Http.send("POST", Http.api() + "/alarms/" + id + "/ack", Http.admin(),
                        "{\"note\":\"guard on the way\"}");
                assertEquals(ack.body(), 200, ack.status());
                Thread.sleep(2_000); // a reminder fired just before the acknowledgement may still be on its way
                int reminders = hits(receiver, id, "REMINDED").size();
                Thread.sleep(12_000); // more than two reminder periods
                assertEquals("no reminder after the acknowledgement", reminders,
                        hits(receiver, id, "REMINDED").size());

                Http.Response r = Http.send("GET", Http.api() + "/alarms/" + id + "/timeline", Http.admin(),
                        (String) null);
                assertEquals(r.body(), 200, r.status());
                List<String> kinds = new ArrayList<>();
                Http.json(r.body()).forEach(s -> kinds.add(s.path("kind").asText()));
                for (String kind : List.of("event", "raised", "message", "delivered", "reminded", "acknowledged")) {
                    assertTrue(kind + " in " + r.body(), kinds.contains(kind));
                }
                assertTrue(r.body(), kinds.indexOf("event") < kinds.indexOf("raised"));
                assertTrue(r.body(), kinds.indexOf("raised") < kinds.indexOf("reminded"));
                assertTrue(r.body(), kinds.lastIndexOf("reminded") < kinds.indexOf("acknowledged"));
                assertTrue(r.body(), r.body().contains("guard on the way"));
                assertTrue(r.body(), r.body().contains("\"actor\":\"" + GatehouseOptions.USER + "\""));
            } finally {
                hook.delete();
            }
        }
    }
}
