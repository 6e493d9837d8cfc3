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
