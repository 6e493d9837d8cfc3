package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration.ConfigurationAttribute;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The platform end to end in the real distribution: bundles, REST, spine, alarm route, outbox and the webhook
 * channel against a real HTTP server, bad input, and hot deploy of the channel while events flow. One container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatehouseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "itest-hmac-key";

    @Inject
    private BundleContext context;
    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private EventService events;
    @Inject
    private AlarmService alarms;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    private static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    private static String auth() {
        return Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body());
        }
    }

    private void awaitUp() {
        Http.await("GET /health to answer UP", Duration.ofSeconds(90), () -> {
            Http.Response r = Http.send("GET", api() + "/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        Http.awaitDemoCampus(api(), auth());
    }

    private static String event(String id, String device, String type, String severity) {
        return "{\"id\":\"" + id + "\",\"deviceId\":\"" + device + "\",\"type\":\"" + type + "\",\"severity\":\""
                + severity + "\",\"attributes\":{\"zone\":\"3\"}}";
    }

    private org.osgi.service.cm.Configuration webhook(String url) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration("org.gatehouse.notify.webhook",
                "itest", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("url", url);
        props.put("secret", SECRET);
        props.put("provider", "itest-hook");
        c.update(props);
        return c;
    }

    private Set<Long> alarmIds(WebhookReceiver receiver) {
        Set<Long> ids = new HashSet<>();
        for (WebhookReceiver.Hit h : receiver.hits) {
            try {
                ids.add(Long.parseLong(JSON.readTree(h.body()).path("data").path("alarmId").asText()));
            } catch (IOException | NumberFormatException e) {
                throw new AssertionError("webhook body without data.alarmId: " + h.body());
            }
        }
        return ids;
    }

    @Test
    public void platformRunsEndToEnd() throws Exception {
        // every Gatehouse bundle becomes active (boot features may still be starting when the probe runs)
        List<String> gatehouse = new ArrayList<>();
        Http.await("every Gatehouse bundle ACTIVE", Duration.ofSeconds(90), () -> {
            gatehouse.clear();
            boolean allActive = true;
            for (Bundle b : context.getBundles()) {
                if (b.getSymbolicName().startsWith("org.gatehouse")) {
                    gatehouse.add(b.getSymbolicName());
                    allActive &= b.getState() == Bundle.ACTIVE;
                }
            }
            return allActive && gatehouse.size() >= 9;
        });
        assertTrue("bundles: " + gatehouse, gatehouse.containsAll(List.of("org.gatehouse.api", "org.gatehouse.core",
                "org.gatehouse.camel", "org.gatehouse.rest", "org.gatehouse.shell", "org.gatehouse.routes.rules",
                "org.gatehouse.routes.alarm", "org.gatehouse.notify.webhook", "org.gatehouse.device.simulator")));
        awaitUp();
        JsonNode health = json(Http.send("GET", api() + "/health", null, (String) null));
        assertEquals("UP", health.path("components").path("store").asText());

        // the web console is served by the console bundle at /gatehouse/; the old status-page addresses redirect there
        String root = "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http");
        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = browser.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/gatehouse/"))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<div id=\"app\"></div>") && page.body().contains("/gatehouse/assets/"));
        for (String old : new String[] {api() + "/console", root + "/gatehouse/console/", root + "/gatehouse"}) {
            java.net.http.HttpResponse<String> moved = browser.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(old)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(old, 302, moved.statusCode());
            assertTrue(old, moved.headers().firstValue("Location").orElse("").endsWith("/gatehouse/"));
        }
        // an unknown API path is a JSON 404, not CXF's HTML
        Http.Response unknown = Http.send("GET", api() + "/no-such-path", null, (String) null);
        assertEquals(unknown.body(), 404, unknown.status());
        assertEquals(unknown.body(), "not-found", json(unknown).path("error").asText());

        // demo persons, guardians and the audited read of a child's record
        JsonNode students = json(Http.send("GET", api() + "/persons?role=STUDENT", auth(), (String) null));
        assertEquals(students.toString(), 4, students.path("total").asInt()); // classes 3-2 and 3-1
        JsonNode guardians = json(Http.send("GET", api() + "/persons/stu-0301/guardians", auth(), (String) null));
        assertEquals("gdn-0301a", guardians.path(0).path("guardianId").asText());
        assertEquals(200, Http.send("GET", api() + "/persons/stu-0301", auth(), (String) null).status());
        JsonNode reads = json(Http.send("GET", api() + "/audit?subjectType=person&subjectId=stu-0301", auth(),
                (String) null));
        assertTrue(reads.toString(), reads.toString().contains("person-read"));

        // the demo site is there
        JsonNode devices = json(Http.send("GET", api() + "/devices", auth(), (String) null));
        assertTrue(devices.toString(), devices.toString().contains("fence-n1"));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            org.osgi.service.cm.Configuration cfg = webhook(receiver.url());
            try {
                Http.Response posted = Http.send("POST", api() + "/events", auth(),
                        event("it-e2e-1", "fence-n1", "fence.intrusion", "MAJOR"));
                assertEquals(posted.body(), 201, posted.status());
                assertTrue(events.get("it-e2e-1").isPresent());

                Http.await("the alarm to reach the webhook", Duration.ofSeconds(60), () -> !receiver.hits.isEmpty());
                WebhookReceiver.Hit hit = receiver.hits.get(0);
                assertEquals("HMAC signature", WebhookReceiver.sign(SECRET, hit.timestamp(), hit.body()), hit.signature());
                JsonNode body = JSON.readTree(hit.body());
                assertEquals("fence-n1", body.path("data").path("deviceId").asText());
                long alarmId = body.path("data").path("alarmId").asLong();
                assertEquals("RAISED", alarms.get(alarmId).orElseThrow().state().name());

                // a repeat folds into the same alarm
                assertEquals(201, Http.send("POST", api() + "/events", auth(),
                        event("it-e2e-2", "fence-n1", "fence.intrusion", "MAJOR")).status());
                Http.await("the repeat to fold", Duration.ofSeconds(20),
                        () -> alarms.get(alarmId).orElseThrow().count() == 2);

                // acknowledge and resolve over REST; the audit trail names the user
                Http.Response ack = Http.send("POST", api() + "/alarms/" + alarmId + "/ack", auth(), "{\"note\":\"on my way\"}");
                assertEquals(ack.body(), 200, ack.status());
                assertEquals("ACKNOWLEDGED", json(ack).path("state").asText());
                Http.Response res = Http.send("POST", api() + "/alarms/" + alarmId + "/resolve", auth(), "{\"note\":\"cat\"}");
                assertEquals(res.body(), 200, res.status());
                JsonNode audit = json(Http.send("GET", api() + "/audit?subjectType=alarm&subjectId=" + alarmId, auth(),
                        (String) null));
                assertTrue(audit.toString(), audit.toString().contains("alarm-resolve")
                        && audit.toString().contains(GatehouseOptions.USER));

                // a danger-zone alarm reaches the zone's responsible staff (demo: staff-wang at the pond) by SMS,
                // critical, with e-mail as fallback; it waits in the outbox because no SMS account is configured
                assertEquals(201, Http.send("POST", api() + "/events", auth(),
                        event("it-pond-1", "cam-pond", "danger.presence", "CRITICAL")).status());
                Http.await("an SMS to the pond's responsible staff", Duration.ofSeconds(30), () -> json(Http.send(
                        "GET", api() + "/outbox?limit=200", auth(), (String) null)).toString().contains("+8613800000101"));
                String outboxJson = json(Http.send("GET", api() + "/outbox?limit=200", auth(), (String) null)).toString();
                assertTrue(outboxJson, outboxJson.contains("\"priority\":\"CRITICAL\"")
                        && outboxJson.contains("\"fallbackChannel\":\"email\""));
                // a CRITICAL alarm also goes to everyone on duty (the demo roster: the duty leader is staff-chen by day
                // and staff-sun by night, Shanghai time)
                Http.await("an SMS to the duty leader", Duration.ofSeconds(30), () -> {
                    String o = json(Http.send("GET", api() + "/outbox?limit=200", auth(), (String) null)).toString();
                    return o.contains("+8613800000104") || o.contains("+8613800000105");
                });

                // a restore event clears an active alarm through the rules route
                assertEquals(201, Http.send("POST", api() + "/events", auth(),
                        event("it-e2e-3", "gate-1", "gate.forced", "MAJOR")).status());
                Http.await("gate alarm", Duration.ofSeconds(20), () -> alarms.query(
                        org.gatehouse.api.AlarmQuery.active(100)).items().stream().anyMatch(a -> "gate-1".equals(a.deviceId())));
                assertEquals(201, Http.send("POST", api() + "/events", auth(),
                        "{\"id\":\"it-e2e-4\",\"deviceId\":\"gate-1\",\"type\":\"gate.forced\",\"attributes\":{\"state\":\"restore\"}}").status());
                Http.await("gate alarm cleared", Duration.ofSeconds(20), () -> alarms.query(
                        org.gatehouse.api.AlarmQuery.active(100)).items().stream().noneMatch(a -> "gate-1".equals(a.deviceId())));
            } finally {
                cfg.delete();
            }
        }
    }

    @Test
    public void badInputGetsAClearErrorAndStoresNothing() throws Exception {
        awaitUp();
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        long logStart = Files.size(log);
        long before = events.query(org.gatehouse.api.EventQuery.latest(1)).total();

        Http.Response malformed = Http.send("POST", api() + "/events", auth(), "{\"deviceId\": \"fence-n1\", ");
        assertEquals(400, malformed.status());
        assertEquals("malformed-json", json(malformed).path("error").asText());

        Http.Response unknown = Http.send("POST", api() + "/events", auth(), event("bad-1", "no-such-device",
                "fence.intrusion", "MAJOR"));
        assertEquals(404, unknown.status());
        assertEquals("unknown-device", json(unknown).path("error").asText());

        Http.Response missing = Http.send("POST", api() + "/events", auth(), "{\"deviceId\":\"fence-n1\"}");
        assertEquals(400, missing.status());
        assertEquals("missing-type", json(missing).path("error").asText());

        byte[] huge = ("{\"deviceId\":\"fence-n1\",\"type\":\"x\",\"attributes\":{\"pad\":\""
                + "a".repeat(1_100_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
        Http.Response tooBig = Http.send("POST", api() + "/events", auth(), huge);
        assertEquals(413, tooBig.status());
        assertFalse(json(tooBig).path("error").asText().isEmpty());

        Http.Response batch = Http.send("POST", api() + "/events", auth(), "[" + event("batch-ok", "fence-n1",
                "fence.intrusion", "INFO") + "," + event("batch-bad", "nope", "fence.intrusion", "INFO") + "]");
        assertEquals(404, batch.status());
        assertFalse("a rejected batch stores none of its events", events.get("batch-ok").isPresent());

        Http.Response wrong = Http.send("GET", api() + "/alarms", Http.basic(GatehouseOptions.USER, "wrong"), (String) null);
        assertEquals(401, wrong.status());
        assertFalse(json(wrong).path("error").asText().isEmpty());
        Http.Response none = Http.send("GET", api() + "/alarms", null, (String) null);
        assertEquals(401, none.status());
        Http.Response forbidden = Http.send("POST", api() + "/sites", Http.basic(GatehouseOptions.TEACHER, "teach"),
                "{\"id\":\"x\",\"name\":\"x\"}");
        assertEquals(403, forbidden.status());

        assertEquals("nothing was stored", before, events.query(org.gatehouse.api.EventQuery.latest(1)).total());
        String logged = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) logStart);
        assertTrue("one line per rejection: " + logged, logged.contains("unknown-device"));
        assertFalse("no stack trace for expected bad input:\n" + logged, logged.contains("\tat "));
    }

    @Test
    public void channelHotDeployLosesNothing() throws Exception {
        awaitUp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            org.osgi.service.cm.Configuration cfg = webhook(receiver.url());
            try {
                List<String> posted = new CopyOnWriteArrayList<>();
                List<String> failures = new CopyOnWriteArrayList<>();
                AtomicBoolean flowing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> {
                    for (int i = 0; flowing.get() && i < 2000; i++) {
                        String id = "hot-" + i;
                        Http.Response r = Http.send("POST", api() + "/events", auth(),
                                event(id, "fence-n1", "hot.n" + i, "MAJOR"));
                        if (r.status() == 201) {
                            posted.add(id);
                        } else {
                            failures.add(id + ": " + r.status() + " " + r.body());
                        }
                        try {
                            Thread.sleep(40);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "itest-producer");
                producer.start();
                Http.await("a first delivery", Duration.ofSeconds(30), () -> !receiver.hits.isEmpty());

                features.uninstallFeature("gatehouse-notify-webhook");
                assertFalse(features.isInstalled(features.getFeature("gatehouse-notify-webhook")));
                int whileAbsent = posted.size();
                Http.await("events while the channel is absent", Duration.ofSeconds(30),
                        () -> posted.size() > whileAbsent + 20);
                features.installFeature("gatehouse-notify-webhook");
                Thread.sleep(1000);
                flowing.set(false);
                producer.join(30_000);
                assertTrue("every POST was accepted: " + failures, failures.isEmpty());

                for (String id : posted) {
                    assertTrue("event " + id + " is stored", events.get(id).isPresent());
                }
                // one alarm per event type; each reaches the webhook once the channel is back
                Set<Long> raised = new HashSet<>();
                Http.await("every alarm raised", Duration.ofSeconds(60), () -> {
                    raised.clear();
                    alarms.query(new org.gatehouse.api.AlarmQuery(Set.of(), null, null, 0, 1000)).items().stream()
                            .filter(a -> a.type().startsWith("hot.")).forEach(a -> raised.add(a.id()));
                    return raised.size() == posted.size();
                });
                Http.await("every alarm delivered after the channel returned", Duration.ofSeconds(90),
                        () -> alarmIds(receiver).containsAll(raised));
                assertNotNull(cfg);
            } finally {
                cfg.delete();
            }
        }
    }
}
