package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Home-school notices in the real distribution: a notice to one class, created by a teacher over REST, reaches exactly
 * the guardians of that class (each once, in their language) through the generic HTTP SMS plugin against a real HTTP
 * server standing for the SMS gateway; receipts and a read mark show in the notice's statistics. A template saved with
 * an unknown variable is refused with its code; the demo duty roster answers who is on duty.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NoticesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;
    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private OutboxService outbox;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    /** An SMS gateway: records each POST and answers {"code":0,"msgId":"m-<n>"}. */
    static final class Gateway implements AutoCloseable {
        record Sms(String to, String text, String msgId) {
        }

        final List<Sms> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final HttpServer server;

        Gateway() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sms", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    JsonNode body = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    String id = "m-" + ids.incrementAndGet();
                    received.add(new Sms(body.path("to").asText(), body.path("text").asText(), id));
                    byte[] answer = ("{\"code\":0,\"msgId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    private static String admin() {
        return Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
    }

    private static String teacher() {
        return Http.basic(GatehouseOptions.TEACHER, "teach");
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body());
        }
    }

    private static void ok(Http.Response r, int... statuses) {
        for (int s : statuses) {
            if (r.status() == s) {
                return;
            }
        }
        throw new AssertionError("HTTP " + r.status() + ": " + r.body());
    }

    private static void person(String id, String name, String role, String phone, String language, String group) {
        ok(Http.send("PUT", api() + "/persons/" + id, admin(), "{\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"role\":\"" + role + "\",\"phone\":" + (phone == null ? "null" : "\"" + phone + "\"")
                + ",\"language\":\"" + language + "\",\"group\":" + (group == null ? "null" : "\"" + group + "\"")
                + "}"), 200, 201);
    }

    private static void bind(String guardian, String student) {
        ok(Http.send("PUT", api() + "/persons/" + student + "/guardians/" + guardian, admin(),
                "{\"relation\":\"parent\",\"preferredChannel\":\"sms\",\"consent\":true}"), 200);
    }

    @Test
    public void aNoticeToAClassReachesExactlyItsGuardiansAndCountsDeliveries() throws Exception {
        Http.await("GET /health to answer UP", Duration.ofSeconds(90), () -> {
            Http.Response r = Http.send("GET", api() + "/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        Http.awaitDemoCampus(api(), Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD));
        features.installFeature("gatehouse-notify-sms-http");
        try (Gateway gateway = new Gateway()) {
            org.osgi.service.cm.Configuration sms = configAdmin.getFactoryConfiguration(
                    "org.gatehouse.notify.sms.http", "notices", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("url", gateway.url());
            props.put("provider", "it-sms");
            props.put("message.id.regex", "\"msgId\":\"([^\"]+)\"");
            sms.update(props);
            try {
                Http.await("the SMS channel", Duration.ofSeconds(60), () -> {
                    try {
                        return !context.getServiceReferences(NotificationChannel.class,
                                "(gatehouse.notify.provider=it-sms)").isEmpty();
                    } catch (org.osgi.framework.InvalidSyntaxException e) {
                        throw new AssertionError(e);
                    }
                });
                // class 9-1: three students, one guardian with two children there, one student with two guardians;
                // class 9-2: one more student whose guardian must not receive the notice
                person("it-s1", "学生一", "STUDENT", null, "zh-CN", "9-1");
                person("it-s2", "学生二", "STUDENT", null, "zh-CN", "9-1");
                person("it-s3", "Student Three", "STUDENT", null, "en", "9-1");
                person("it-s4", "学生四", "STUDENT", null, "zh-CN", "9-2");
                person("it-g1", "家长一", "GUARDIAN", "+8613900000001", "zh-CN", null);
                person("it-g3a", "Parent Three", "GUARDIAN", "+8613900000003", "en", null);
                person("it-g3b", "家长三", "GUARDIAN", "+8613900000033", "zh-CN", null);
                person("it-g4", "家长四", "GUARDIAN", "+8613900000004", "zh-CN", null);
                bind("it-g1", "it-s1");
                bind("it-g1", "it-s2");
                bind("it-g3a", "it-s3");
                bind("it-g3b", "it-s3");
                bind("it-g4", "it-s4");
                Http.Response preview = Http.send("GET", api() + "/notices/audience?q=class:9-1", teacher(), (String) null);
                ok(preview, 200);
                assertEquals(preview.body(), 3, json(preview).size());

                Http.Response created = Http.send("POST", api() + "/notices", teacher(), "{\"id\":\"it-pickup\","
                        + "\"audience\":\"class:9-1\",\"templateKind\":\"notice.pickup-change\",\"variables\":"
                        + "{\"date\":\"11月28日 / Nov 28\",\"time\":\"15:30\",\"place\":\"北门 / north gate\"}}");
                ok(created, 201);
                assertEquals("SCHEDULED", json(created).path("status").asText());

                Http.await("three SMS at the gateway", Duration.ofSeconds(60), () -> gateway.received.size() >= 3);
                Set<String> to = new HashSet<>();
                for (Gateway.Sms s : gateway.received) {
                    to.add(s.to());
                    if (s.to().equals("+8613900000003")) {
                        assertTrue(s.text(), s.text().contains("pick-up for Student Three is at 15:30"));
                    }
                    if (s.to().equals("+8613900000001")) {
                        assertTrue(s.text(), s.text().startsWith("家长一您好") && s.text().contains("学生一、学生二"));
                    }
                }
                assertEquals(Set.of("+8613900000001", "+8613900000003", "+8613900000033"), to);

                Http.await("three sent", Duration.ofSeconds(30), () -> json(Http.send("GET", api()
                        + "/notices/it-pickup", teacher(), (String) null)).path("stats").path("sent").asInt() == 3);
                for (Gateway.Sms s : gateway.received) {
                    // the gateway's delivery report, as a provider callback integration hands it to the outbox
                    assertTrue(s.msgId(), outbox.receipt("it-sms", s.msgId(), true, "DELIVRD"));
                }
                Http.Response read = Http.send("POST", api() + "/notices/it-pickup/read", admin(),
                        "{\"personId\":\"it-g3a\"}");
                ok(read, 200);
                assertTrue(read.body(), json(read).path("marked").asBoolean());
                JsonNode stats = json(Http.send("GET", api() + "/notices/it-pickup", teacher(), (String) null))
                        .path("stats");
                assertEquals(stats.toString(), 3, stats.path("recipients").asInt());
                assertEquals(stats.toString(), 3, stats.path("delivered").asInt());
                assertEquals(stats.toString(), 0, stats.path("queued").asInt());
                assertEquals(stats.toString(), 1, stats.path("read").asInt());
                assertEquals("DONE", json(Http.send("GET", api() + "/notices/it-pickup", teacher(), (String) null))
                        .path("notice").path("status").asText());
                Thread.sleep(3000);
                assertEquals("no duplicate after the scheduler ran again", 3, gateway.received.size());
            } finally {
                sms.delete();
            }
        }

        // a template with an undeclared variable is refused when it is saved
        Http.Response bad = Http.send("PUT", api() + "/templates/notice.closure/en", admin(),
                "{\"subject\":\"{{school}} closed\",\"body\":\"Closed {{date}} ({{reason}}), bring {{umbrella}}\"}");
        assertEquals(bad.body(), 400, bad.status());
        assertEquals(bad.body(), "template-unknown-variable", json(bad).path("error").asText());
        Http.Response missing = Http.send("PUT", api() + "/templates/notice.closure/zh-CN", admin(),
                "{\"subject\":\"{{school}}停课\",\"body\":\"{{date}}停课\"}");
        assertEquals(missing.body(), "template-missing-variable", json(missing).path("error").asText());
        Http.Response good = Http.send("PUT", api() + "/templates/notice.closure/en", admin(),
                "{\"subject\":\"{{school}}: closed {{date}}\",\"body\":\"No school on {{date}}: {{reason}}.\"}");
        ok(good, 200);
        assertTrue(json(Http.send("GET", api() + "/templates/notice.closure/en", teacher(), (String) null))
                .path("custom").asBoolean());
        assertEquals(403, Http.send("PUT", api() + "/templates/notice.closure/en", teacher(),
                "{\"subject\":\"{{school}}\",\"body\":\"{{date}} {{reason}}\"}").status());

        // the demo roster: a guard and a duty leader around the clock; 03:00 in Shanghai is the night shift
        JsonNode now = json(Http.send("GET", api() + "/duty/now", teacher(), (String) null));
        assertEquals(now.toString(), 2, now.size());
        JsonNode night = json(Http.send("GET", api() + "/duty/now?at=2026-11-23T19:00:00Z", teacher(), (String) null));
        Set<String> onDuty = new HashSet<>();
        night.forEach(d -> onDuty.add(d.path("person").path("id").asText()));
        assertEquals(Set.of("staff-zhao", "staff-sun"), onDuty);
    }
}
