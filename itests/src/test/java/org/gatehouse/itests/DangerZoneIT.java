package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.notify.NotificationChannel;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Danger zones end to end in the real distribution, on the demo campus's rules (the pond is never allowed, its
 * responsible staff is staff-wang): a presence reported by a PIR detector in the pond zone raises a danger.warning
 * alarm at any hour, and the danger-zones route hands a message to staff-wang to a real SMS channel (sms-http against
 * a receiver on loopback). One method per path; the helpers ({@link #presence}, {@link #awaitWarning},
 * {@link #smsChannel}) are there for more (a camera's presence with a live view).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DangerZoneIT {
    /** staff-wang's phone in the demo campus. */
    static final String WANG_PHONE = "+8613800000101";

    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, admin(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    /** Registers a device of the demo school in a zone (201, or 200 when it exists). */
    static void device(String id, String zone, String type) {
        Http.Response r = Http.send("POST", api() + "/devices", admin(), "{\"id\":\"" + id + "\",\"siteId\":"
                + "\"demo-school\",\"zoneId\":\"" + zone + "\",\"type\":\"" + type + "\",\"vendor\":\"http\","
                + "\"name\":\"" + id + "\"}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 200);
    }

    /** Reports a presence as a device does through the REST ingress. */
    static void presence(String id, String device, String sensor) {
        Http.Response r = Http.send("POST", api() + "/events", admin(), "{\"id\":\"" + id + "\",\"deviceId\":\""
                + device + "\",\"type\":\"zone.presence\",\"attributes\":{\"sensor\":\"" + sensor + "\"}}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 200);
    }

    /** @return the danger.warning alarm of a zone, once there is one */
    static JsonNode awaitWarning(String zone) {
        JsonNode[] found = new JsonNode[1];
        Http.await("a danger.warning alarm in " + zone, Duration.ofSeconds(60), () -> {
            for (JsonNode a : get("/alarms?zone=" + zone + "&limit=100").path("items")) {
                if ("danger.warning".equals(a.path("type").asText())) {
                    found[0] = a;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Installs the sms-http channel and points an instance at a receiver on loopback. */
    org.osgi.service.cm.Configuration smsChannel(WebhookReceiver gateway) throws Exception {
        features.installFeature("gatehouse-notify-sms-http");
        org.osgi.service.cm.Configuration c = configs.getFactoryConfiguration("org.gatehouse.notify.sms.http",
                "danger-it", "?");
        c.update(new Hashtable<>(Map.of("url", gateway.url(), "provider", "it-danger-sms")));
        Http.await("the sms channel it-danger-sms", Duration.ofSeconds(60), () -> {
            try {
                return !context.getServiceReferences(NotificationChannel.class, "(&(" + NotificationChannel.CHANNEL
                        + "=sms)(" + NotificationChannel.PROVIDER + "=it-danger-sms))").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        return c;
    }

    /** @return the outbox message of a kind to a recipient, null while there is none */
    static JsonNode outbox(String kind, String recipient) {
        for (JsonNode m : get("/outbox?limit=200").path("items")) {
            if (kind.equals(m.path("kind").asText()) && recipient.equals(m.path("recipient").asText())) {
                return m;
            }
        }
        return null;
    }

    /**
     * The demo's pond rule is there; a PIR presence in the pond zone (never allowed) raises a MAJOR danger.warning
     * alarm folded by zone, and staff-wang, the pond's responsible staff, gets an SMS through the channel.
     */
    @Test
    public void a_pirPresenceAtThePondWarnsItsStaffThroughTheSmsChannel() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        Http.await("the demo's pond rule", Duration.ofSeconds(60), () -> Http.send("GET", api() + "/danger-zones/pond",
                admin(), (String) null).status() == 200);
        JsonNode rule = get("/danger-zones/pond");
        assertEquals(rule.toString(), "WATER", rule.path("kind").asText());
        assertEquals(rule.toString(), 0, rule.path("allowed").size());
        try (WebhookReceiver gateway = new WebhookReceiver()) {
            org.osgi.service.cm.Configuration channel = smsChannel(gateway);
            try {
                device("pir-pond-it", "pond", "pir");
                presence("pir-it-1", "pir-pond-it", "pir");
                JsonNode alarm = awaitWarning("pond");
                assertEquals(alarm.toString(), "MAJOR", alarm.path("severity").asText());
                assertEquals(alarm.toString(), "pir-pond-it/danger.warning/danger-pond",
                        alarm.path("sourceKey").asText());
                JsonNode warning = get("/events/danger-pir-it-1");
                assertEquals(warning.toString(), "WATER", warning.path("attributes").path("kind").asText());
                assertEquals(warning.toString(), "cam-pond", warning.path("attributes").path("camera").asText());

                Http.await("the SMS to staff-wang at the gateway", Duration.ofSeconds(60), () -> gateway.hits.stream()
                        .anyMatch(h -> h.body().contains("池塘")));
                JsonNode sms = json(gateway.hits.stream().filter(h -> h.body().contains("池塘")).findFirst()
                        .orElseThrow().body());
                assertEquals(sms.toString(), WANG_PHONE, sms.path("to").asText().replace(" ", ""));
                assertTrue(sms.toString(), sms.path("text").asText().contains("危险区域"));
                Http.await("the message marked sent", Duration.ofSeconds(30), () -> {
                    JsonNode m = outbox("danger.warning", WANG_PHONE);
                    return m != null && "SENT".equals(m.path("status").asText());
                });
                assertEquals("CRITICAL", outbox("danger.warning", WANG_PHONE).path("priority").asText());
            } finally {
                channel.delete();
            }
        }
    }
}
