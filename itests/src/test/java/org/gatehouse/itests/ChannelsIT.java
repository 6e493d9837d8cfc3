package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
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
 * The channel plugins shipped in system/ install at run time and their configured instances register as channels;
 * a CRITICAL message whose webhook is down falls back to SMS through the generic HTTP SMS plugin, against a real
 * HTTP server standing for the SMS gateway.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChannelsIT {
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

    private org.osgi.service.cm.Configuration instance(String pid, String alias, Map<String, String> values)
            throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(pid, alias, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        values.forEach(props::put);
        c.update(props);
        return c;
    }

    private boolean channelPresent(String kind, String provider) {
        try {
            return !context.getServiceReferences(NotificationChannel.class, "(&(" + NotificationChannel.CHANNEL + "="
                    + kind + ")(" + NotificationChannel.PROVIDER + "=" + provider + "))").isEmpty();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static final String AUTH = Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);

    /** A call to the REST API of the container as the test's admin user. */
    private static Http.Response rest(String method, String path, String body) {
        return Http.send(method, api() + path, AUTH, body);
    }

    private static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("not JSON (" + r.status() + "): " + r.body(), e);
        }
    }

    private static void awaitApi() {
        Http.await("the API", Duration.ofSeconds(60), () -> Http.send("GET", api() + "/health", null, (String) null)
                .status() == 200);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    /** The plugins page's REST: features listed, a small Gatehouse feature uninstalled and installed again. */
    @Test
    public void featuresAreListedInstalledAndUninstalledThroughRest() throws Exception {
        awaitApi();
        JsonNode list = json(rest("GET", "/plugins/features", null));
        assertTrue(list.toString(), find(list, "name", "gatehouse").path("required").asBoolean());
        assertTrue(list.toString(), find(list, "name", "gatehouse-core").path("required").asBoolean());
        String name = "gatehouse-notify-mqtt";
        boolean before = find(list, "name", name).path("installed").asBoolean();
        assertEquals(409, rest("DELETE", "/plugins/features/gatehouse-rest", null)
                .status());
        assertEquals(404, rest("POST", "/plugins/features/gatehouse-nothing", null)
                .status());
        for (boolean install : List.of(!before, before)) {
            Http.Response r = Http.send(install ? "POST" : "DELETE", api() + "/plugins/features/" + name, AUTH,
                    (String) null);
            assertTrue(r.body(), r.status() == 200 || r.status() == 202);
            Http.await(name + (install ? " installed" : " uninstalled"), Duration.ofSeconds(120), () -> {
                JsonNode f = find(json(rest("GET", "/plugins/features", null)),
                        "name", name);
                return f.path("installed").asBoolean() == install && f.path("state").isMissingNode();
            });
            assertEquals(install, features.isInstalled(features.getFeature(name)));
        }
        assertEquals(403, Http.send("GET", api() + "/plugins/features", Http.basic(GatehouseOptions.TEACHER,
                "teach"), (String) null).status());
    }

    /** An instance of the webhook channel made from its metatype: a real channel, its cfg file, its secret masked. */
    @Test
    public void aChannelInstanceIsCreatedFromItsMetatypeThroughRest() throws Exception {
        awaitApi();
        JsonNode factories = json(rest("GET", "/plugins/factories", null));
        JsonNode webhook = find(factories, "factoryPid", "org.gatehouse.notify.webhook");
        assertTrue(factories.toString(), webhook != null);
        JsonNode url = find(webhook.path("attributes"), "id", "url");
        assertTrue(webhook.toString(), url.path("required").asBoolean());
        assertTrue(webhook.toString(), find(webhook.path("attributes"), "id", "secret").path("secret").asBoolean());
        assertEquals("long", find(webhook.path("attributes"), "id", "connect.timeout.ms").path("type").asText());
        Http.Response bad = rest("POST", "/plugins/instances", "{\"factoryPid\":\"org.gatehouse.notify.webhook\","
                + "\"alias\":\"rest-it\",\"properties\":{\"connect.timeout.ms\":\"x\"}}");
        assertEquals(bad.body(), 400, bad.status());
        assertEquals("invalid-config", json(bad).path("error").asText());
        Http.Response created = rest("POST", "/plugins/instances", "{\"factoryPid\":"
                + "\"org.gatehouse.notify.webhook\",\"alias\":\"rest-it\",\"properties\":{\"url\":"
                + "\"http://127.0.0.1:" + Http.freePort() + "/hook\",\"provider\":\"it-rest\","
                + "\"secret\":\"s3cret-value\"}}");
        assertEquals(created.body(), 201, created.status());
        String pid = json(created).path("pid").asText();
        java.io.File cfg = new java.io.File(context.getProperty("karaf.etc"),
                "org.gatehouse.notify.webhook-rest-it.cfg");
        try {
            Http.await("the webhook channel it-rest", Duration.ofSeconds(60), () -> channelPresent("webhook",
                    "it-rest"));
            Http.await("etc/org.gatehouse.notify.webhook-rest-it.cfg", Duration.ofSeconds(30), cfg::isFile);
            Http.await("the instance active", Duration.ofSeconds(30), () -> "active".equals(find(json(rest("GET",
                    "/plugins/instances", null)), "pid", pid).path("status").asText()));
            Http.Response listed = rest("GET", "/plugins/instances", null);
            JsonNode mine = find(json(listed), "pid", pid);
            assertEquals("rest-it", mine.path("alias").asText());
            assertEquals("********", mine.path("properties").path("secret").asText());
            assertTrue("the secret never leaves the server", !listed.body().contains("s3cret-value"));
            Http.Response kept = rest("PUT", "/plugins/instances/" + pid, "{\"properties\":"
                    + "{\"url\":\"http://127.0.0.1:" + Http.freePort() + "/hook2\",\"provider\":\"it-rest\","
                    + "\"secret\":\"********\"}}");
            assertEquals(kept.body(), 200, kept.status());
            assertEquals("s3cret-value", configAdmin.listConfigurations("(service.pid=" + pid + ")")[0]
                    .getProperties().get("secret"));
        } finally {
            assertEquals(204, rest("DELETE", "/plugins/instances/" + pid, null)
                    .status());
        }
        Http.await("the webhook channel it-rest gone", Duration.ofSeconds(30), () -> !channelPresent("webhook",
                "it-rest"));
        Http.await("etc/org.gatehouse.notify.webhook-rest-it.cfg removed", Duration.ofSeconds(30),
                () -> !cfg.exists());
    }

    /**
     * The live stream in the real container: the servlet at /gatehouse/api/stream wins over CXF's /gatehouse/*,
     * streams in async mode, and refuses a device account.
     */
    @Test
    public void theLiveStreamIsServedBesideTheApi() throws Exception {
        awaitApi();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> r = client.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(api() + "/stream")).header("Authorization", AUTH).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type")
                .orElse("").startsWith("text/event-stream"));
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertEquals("id: 1", lines.poll(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("event: hello", lines.poll(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(lines.poll(5, java.util.concurrent.TimeUnit.SECONDS).contains("\"user\":\"itest\""));
            rest("POST", "/sites", "{\"id\":\"it-stream\",\"name\":\"Stream\","
                    + "\"timezone\":\"Asia/Shanghai\"}");
            rest("POST", "/devices", "{\"id\":\"it-stream-fence\",\"siteId\":\"it-stream\","
                    + "\"type\":\"fence\",\"vendor\":\"http\",\"name\":\"Stream fence\"}");
            Http.Response posted = rest("POST", "/events", "{\"deviceId\":\"it-stream-fence\","
                    + "\"type\":\"fence.stream.check\"}");
            assertEquals(posted.body(), 201, posted.status());
            String id = json(posted).path("id").asText();
            Http.await("the event on the stream", Duration.ofSeconds(30), () -> {
                String line;
                while ((line = lines.poll()) != null) {
                    if (line.startsWith("data: ") && line.contains(id)) {
                        return true;
                    }
                }
                return false;
            });
        } finally {
            r.body().close();
        }
        assertEquals(401, Http.send("GET", api() + "/stream", null, (String) null).status());
    }

    @Test
    public void pluginsInstallAtRunTimeAndCriticalMessagesFallBackToSms() throws Exception {
        for (String f : List.of("gatehouse-notify-email", "gatehouse-notify-mqtt", "gatehouse-notify-sms-http",
                "gatehouse-notify-sms-smpp")) {
            features.installFeature(f);
            assertTrue(f + " installed", features.isInstalled(features.getFeature(f)));
        }
        // a freshly installed channel is listed before its cfg exists, with the file that creates an instance
        org.gatehouse.api.service.HealthService health = context.getService(
                context.getServiceReference(org.gatehouse.api.service.HealthService.class));
        Http.await("sms-smpp listed as installed with no instance", Duration.ofSeconds(30), () -> health.plugins()
                .stream().anyMatch(p -> "sms-smpp".equals(p.id()) && ("installed, no instance: add"
                        + " etc/org.gatehouse.notify.sms.smpp-<alias>.cfg").equals(p.status())));
        int closed = Http.freePort();
        try (WebhookReceiver gateway = new WebhookReceiver()) {
            List<org.osgi.service.cm.Configuration> configs = List.of(
                    instance("org.gatehouse.notify.email", "it", Map.of("host", "127.0.0.1", "port", "" + closed,
                            "from", "Gatehouse <guard@school.example>", "provider", "it-mail")),
                    instance("org.gatehouse.notify.mqtt", "it", Map.of("broker.url", "tcp://127.0.0.1:" + closed,
                            "provider", "it-mqtt")),
                    instance("org.gatehouse.notify.sms.http", "it", Map.of("url", gateway.url(), "provider", "it-sms")),
                    instance("org.gatehouse.notify.sms.smpp", "it", Map.of("host", "127.0.0.1", "port", "" + closed,
                            "system.id", "school", "source.address", "Gatehouse", "provider", "it-smpp")),
                    instance("org.gatehouse.notify.webhook", "down", Map.of("url",
                            "http://127.0.0.1:" + closed + "/hook", "provider", "it-down")));
            try {
                Http.await("the four channel instances", Duration.ofSeconds(60), () -> channelPresent("email", "it-mail")
                        && channelPresent("mqtt", "it-mqtt") && channelPresent("sms", "it-sms")
                        && channelPresent("sms", "it-smpp")
                        && channelPresent("webhook", "it-down"));
                assertTrue(health.plugins().toString(), health.plugins().stream().noneMatch(p -> "sms-smpp".equals(p.id())
                        && p.status() != null && p.status().startsWith("installed, no instance")));

                OutboxMessage m = outbox.enqueue(new Request("webhook", "(gatehouse.notify.provider=it-down)", "alarm",
                        null, "zh-CN", "告警 #9 [危急]", "池塘有人 pond: person in the danger zone", Map.of("alarmId", "9"),
                        null, Priority.CRITICAL, "sms", "+86 138-0000-0001"));
                Http.await("the SMS gateway to receive the fallback", Duration.ofSeconds(60),
                        () -> !gateway.hits.isEmpty());
                JsonNode sms = JSON.readTree(gateway.hits.get(0).body());
                assertEquals("+8613800000001", sms.path("to").asText().replace(" ", "").replace("-", ""));
                assertTrue(sms.path("text").asText(), sms.path("text").asText().contains("池塘有人"));
                Http.await("the message marked sent through sms", Duration.ofSeconds(20), () -> outbox.get(m.id())
                        .map(x -> x.status() == OutboxMessage.Status.SENT).orElse(false));
                OutboxMessage sent = outbox.get(m.id()).orElseThrow();
                assertEquals("sms", sent.channelUsed());
                assertEquals("it-sms", sent.provider());
                assertTrue("the webhook was tried first", sent.attempts() >= 2);
            } finally {
                for (org.osgi.service.cm.Configuration c : configs) {
                    c.delete();
                }
            }
        }
    }
}
