package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.device.fence.dc09.internal.Panel;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The DC-09 receiver in the real distribution: a receiver configured by the test on a free port, a panel (the test's
 * sender) reports an intrusion on the north fence over TCP, gets its ACK once the event is stored, the alarm is
 * raised and its notification is handed to a webhook channel; an encrypted account gets an encrypted ACK; a bad frame
 * gets NAK, an unknown account DUH, and the receiver goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FenceDc09IT {
    private static final String SECRET = "itest-dc09-hmac";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = HexFormat.of().parseHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");

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

    private org.osgi.service.cm.Configuration factory(String pid, Dictionary<String, Object> props) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(pid, "dc09it", "?");
        c.update(props);
        return c;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String body(String reply) {
        return reply.substring(8);
    }

    @Test
    public void panelAlarmIsAckedAndNotified() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        int port = Http.freePort();
        Dictionary<String, Object> dc09 = new Hashtable<>();
        dc09.put("device.id", "dc09-it");
        dc09.put("host", "127.0.0.1");
        dc09.put("port", String.valueOf(port));
        dc09.put("zone.4321.001", "fence-n1");
        dc09.put("account.8765.key", HexFormat.of().formatHex(KEY));
        dc09.put("zone.8765.*", "fence-n1");
        Dictionary<String, Object> hook = new Hashtable<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            hook.put("url", receiver.url());
            hook.put("secret", SECRET);
            hook.put("provider", "itest-dc09");
            org.osgi.service.cm.Configuration webhook = factory("org.gatehouse.notify.webhook", hook);
            org.osgi.service.cm.Configuration cfg = factory("org.gatehouse.device.fence.dc09", dc09);
            try {
                Http.await("the receiver listening on " + port, Duration.ofSeconds(60), () -> listening(port));
                Instant at = Instant.now();
                try (Panel panel = new Panel(port)) {
                    String ack = panel.send(Panel.cid("4321", "0001", "1130", "001", null, at));
                    assertTrue(ack, body(ack).startsWith("\"ACK\"0001R0L0#4321[]_"));
                    // acknowledged: stored already
                    SecurityEvent e = events.get("dc09-4321-0001-" + at.getEpochSecond()).orElseThrow();
                    assertEquals("fence-n1", e.deviceId());
                    assertEquals("fence.intrusion", e.type());
                    assertEquals("001", e.attributes().get("panel.zone"));

                    Http.await("the fence alarm to reach the webhook", Duration.ofSeconds(60),
                            () -> receiver.hits.stream().anyMatch(h -> h.body().contains("fence-n1")));
                    WebhookReceiver.Hit hit = receiver.hits.stream().filter(h -> h.body().contains("fence-n1"))
                            .findFirst().orElseThrow();
                    assertEquals(WebhookReceiver.sign(SECRET, hit.timestamp(), hit.body()), hit.signature());
                    JsonNode data = JSON.readTree(hit.body()).path("data");
                    long alarmId = data.path("alarmId").asLong();
                    assertEquals("RAISED", alarms.get(alarmId).orElseThrow().state().name());

                    // encrypted account: encrypted ACK, the event stored
                    String enc = panel.send(Panel.cid("8765", "0002", "1137", "003", KEY));
                    assertTrue(enc, body(enc).startsWith("\"*ACK\"0002R0L0#8765["));
                    assertEquals("ACK", Panel.replyId(enc, KEY));

                    // bad frames: NAK for a wrong CRC, DUH for an unknown account; the connection goes on
                    byte[] bad = Panel.cid("4321", "0003", "1130", "001", null);
                    bad[1] = (byte) (bad[1] == 'A' ? 'B' : 'A');
                    assertTrue(body(panel.send(bad)).startsWith("\"NAK\"0000R0L0A0[]_"));
                    assertTrue(body(panel.send(Panel.cid("1111", "0004", "1130", "001", null)))
                            .startsWith("\"DUH\"0004"));
                    assertTrue(body(panel.send(Panel.link("4321", "0005", null))).startsWith("\"ACK\"0005"));
                }
                // a new connection is served too, and the receiver is ONLINE
                try (Panel again = new Panel(port)) {
                    assertTrue(body(again.send(Panel.sia("4321", "0006", "BR001", null))).startsWith("\"ACK\"0006"));
                }
                Http.Response device = Http.send("GET", api() + "/devices/dc09-it", admin(), (String) null);
                assertEquals(device.body(), 200, device.status());
                assertEquals(device.body(), "ONLINE", JSON.readTree(device.body()).path("status").asText());
            } finally {
                cfg.delete();
                webhook.delete();
            }
        }
    }
}
