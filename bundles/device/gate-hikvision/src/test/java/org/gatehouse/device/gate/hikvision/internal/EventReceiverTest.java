package org.gatehouse.device.gate.hikvision.internal;

import static org.gatehouse.support.gate.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.support.gate.RecordingPassages;
import org.gatehouse.support.gate.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushes from a terminal through the real servlet on Jetty into the driver and the (recording) passage service. */
class EventReceiverTest {
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,
            (byte) 0xff, (byte) 0xd9};
    static final String T = "2026-12-02T07:31:05+08:00";

    private final RecordingPassages passages = new RecordingPassages();
    private final RecordingSink sink = new RecordingSink();
    private HikvisionDriver driver;
    private Receiver receiver;

    private URI start(String terminalUrl, String token, Duration heartbeat) throws Exception {
        HikvisionSettings settings = new HikvisionSettings("gate-1", URI.create(terminalUrl), "admin", "pw", 1, "in",
                null, token, heartbeat, Duration.ofHours(1), 5, Duration.ofMillis(500));
        driver = new HikvisionDriver(settings, passages, null, null);
        driver.attach(sink);
        receiver = new Receiver(driver);
        return receiver.url(null);
    }

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (driver != null) {
            driver.detach();
        }
    }

    @Test
    void aPassedFaceBecomesARecordedPassageWithPictureTemperatureAndTime() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        HttpResponse<String> r = HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(41, 75, "s-1001", 36.4, false, T), JPEG);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"statusCode\":1"));
        TerminalEvent e = passages.events.get(0);
        assertEquals("gate-1", e.deviceId());
        assertEquals("s-1001", e.personId());
        assertTrue(e.matched());
        assertEquals(36.4f, e.temperature());
        assertEquals(Boolean.FALSE, e.feverFlag());
        assertArrayEquals(JPEG, e.picture());
        assertEquals("jpg", e.pictureFormat());
        assertEquals(Instant.parse("2026-12-01T23:31:05Z"), e.time());
        assertEquals("sn41@" + T, e.eventKey());
        // the terminal sends it again (no answer reached it): one passage
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(41, 75, "s-1001", 36.4, false, T), JPEG).statusCode());
        assertEquals(1, passages.events.size());
    }

    @Test
    void aFailedMatchIsRecordedAsNotMatchedAndEventLogIsAccepted() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        assertEquals(200, HikvisionStub.push(url, "event_log",
                HikvisionStub.accessEvent(42, 76, null, 38.1, true, T), null).statusCode());
        TerminalEvent e = passages.events.get(0);
        assertFalse(e.matched());
        assertNull(e.personId());
        assertEquals(Boolean.TRUE, e.feverFlag());
        assertNull(e.picture());
        assertNull(e.pictureFormat());
    }

    @Test
    void jsonAloneAsTheBodyIsAccepted() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        String json = HikvisionStub.accessEvent(43, 75, "s-1002", null, null, T).replace(",\"serialNo\":43", "");
        assertEquals(200, HikvisionStub.post(url, "application/json; charset=utf-8",
                json.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(T + "/s-1002", passages.events.get(0).eventKey());
        assertNull(passages.events.get(0).temperature());
    }

    @Test
    void otherEventsAreAnsweredAndNotRecorded() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        String doorOpened = HikvisionStub.accessEvent(44, 21, null, null, null, T).replace("\"majorEventType\":5",
                "\"majorEventType\":3");
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent", doorOpened, null).statusCode());
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(45, 1, null, null, null, T), null).statusCode());
        assertTrue(passages.events.isEmpty());
    }

    @Test
    void aPicturePartThatIsNotAnImageStillGoesToTheCore() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        byte[] notAnImage = "hello, not a jpeg".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(46, 75, "s-1001", null, null, T), notAnImage).statusCode());
        assertArrayEquals(notAnImage, passages.events.get(0).picture());
    }

    @Test
    void silenceRaisesTheOfflineAlarmAndAHeartbeatClearsIt() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofMillis(300)); // nothing answers at port 1
        await(() -> !sink.events.isEmpty()); // silence
        SecurityEvent alarm = sink.events.get(0);
        assertEquals("device.offline", alarm.type());
        assertEquals(Severity.MAJOR, alarm.severity());
        assertFalse(alarm.isRestore());
        assertEquals(DeviceStatus.OFFLINE, sink.last());
        assertFalse(sink.statuses.contains(DeviceStatus.ONLINE));

        assertEquals(200, HikvisionStub.push(url, "event_log", HikvisionStub.heartbeat(T), null).statusCode());
        assertTrue(sink.statuses.contains(DeviceStatus.ONLINE));
        SecurityEvent restore = sink.events.get(1); // published before the terminal got its answer
        assertEquals("device.offline", restore.type());
        assertTrue(restore.isRestore()); // clears the alarm
        assertTrue(passages.events.isEmpty()); // a heartbeat is no passage
    }

    @Test
    void anotherAddressIsRefusedUnlessItHasTheToken() throws Exception {
        // the terminal is at 127.0.0.2; the test pushes from 127.0.0.1
        URI url = start("http://127.0.0.2:1", "s3cret", Duration.ofHours(1));
        String event = HikvisionStub.accessEvent(47, 75, "s-1001", null, null, T);
        HttpResponse<String> r = HikvisionStub.push(url, "AccessControllerEvent", event, null);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"forbidden\""), r.body());
        assertEquals(403, HikvisionStub.push(receiver.url("wrong"), "AccessControllerEvent", event, null)
                .statusCode());
        assertTrue(passages.events.isEmpty());
        assertEquals(200, HikvisionStub.push(receiver.url("s3cret"), "AccessControllerEvent", event, null)
                .statusCode());
        assertEquals(1, passages.events.size());
    }

    @Test
    void garbageIsRefusedWith400AndLosesNothing() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        HttpResponse<String> r = HikvisionStub.post(url, "application/json", "{not json".getBytes());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"invalid\""), r.body());
        assertEquals(400, HikvisionStub.post(url, "multipart/form-data; boundary=xyz", "garbage".getBytes())
                .statusCode());
        assertEquals(400, HikvisionStub.post(url, "multipart/form-data", "garbage".getBytes()).statusCode());
        assertEquals(400, HikvisionStub.post(url, "image/jpeg", JPEG).statusCode());
        assertEquals(400, HikvisionStub.post(url, "application/json", "[1,2]".getBytes()).statusCode());
        assertEquals(400, HikvisionStub.push(url, "Other", "{}", JPEG).statusCode()); // no event part
        assertEquals(400, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(48, 75, "s-1", null, null, "yesterday"), null).statusCode());
        String hot = HikvisionStub.accessEvent(49, 75, "s-1", null, null, T).replace("\"majorEventType\"",
                "\"currTemperature\":\"hot\",\"majorEventType\"");
        assertEquals(400, HikvisionStub.push(url, "AccessControllerEvent", hot, null).statusCode());
        // the core refuses an event as bad input: 400 with its code
        passages.failure = GatehouseException.invalid("bad-event-key", "the event key is too long");
        HttpResponse<String> refused = HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(50, 75, "s-1", null, null, T), null);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("bad-event-key"), refused.body());
        assertTrue(passages.events.isEmpty());
        passages.failure = null;
        // and the next good event goes through
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(51, 75, "s-1", 36.5, null, T), null).statusCode());
        assertEquals(1, passages.events.size());
    }

    @Test
    void aCoreThatCannotStoreAnswers503SoTheTerminalSendsAgain() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        passages.failure = GatehouseException.unavailable("database", "database unavailable", null);
        assertEquals(503, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(52, 75, "s-1", null, null, T), null).statusCode());
        passages.failure = null;
        assertEquals(200, HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(52, 75, "s-1", null, null, T), null).statusCode());
        assertEquals(1, passages.events.size());
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        URI url = start("http://127.0.0.1:1", "", Duration.ofHours(1));
        byte[] huge = new byte[EventServlet.MAX_BODY + 1];
        HttpResponse<String> r = HikvisionStub.push(url, "AccessControllerEvent",
                HikvisionStub.accessEvent(53, 75, "s-1", null, null, T), huge);
        assertEquals(413, r.statusCode());
        assertTrue(passages.events.isEmpty());
    }
}
