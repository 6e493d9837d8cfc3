package org.gatehouse.device.gate.hikvision.internal;

import static org.gatehouse.support.gate.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.support.gate.MemoryRoster;
import org.gatehouse.support.gate.RecordingPassages;
import org.gatehouse.support.gate.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against the stub terminal: Digest, roster and face sync, door commands, HTTP listening. */
class TerminalSyncTest {
    private final MemoryRoster roster = new MemoryRoster();
    private final RecordingSink sink = new RecordingSink();
    private HikvisionStub stub;
    private HikvisionDriver driver;

    @BeforeEach
    void startStub() throws IOException {
        stub = new HikvisionStub("admin", "Pa55word");
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.detach();
        }
        stub.close();
    }

    private HikvisionDriver attach(String password, URI listen) {
        HikvisionSettings settings = new HikvisionSettings("gate-1", stub.url(), "admin", password, 1, "in", listen,
                "", Duration.ofHours(1), Duration.ofHours(1), 50, Duration.ofSeconds(2));
        driver = new HikvisionDriver(settings, new RecordingPassages(), roster, null);
        driver.attach(sink);
        return driver;
    }

    private static String face(String s) {
        return "\u00ff\u00d8" + s; // the stub looks at the bytes only
    }

    @Test
    void theRosterReachesTheTerminalAsUsersAndFaces() throws Exception {
        roster.put("s-1001", face("one"));
        roster.put("s-1002", face("two"));
        attach("Pa55word", null);
        await(() -> stub.faces().size() == 2);
        assertEquals(Map.of("s-1001", "Name s-1001", "s-1002", "Name s-1002"), stub.users());
        assertArrayEquals(face("two").getBytes(), stub.faces().get("s-1002"));
        await(() -> roster.state("s-1002") == SyncState.SYNCED);
        await(() -> sink.statuses.contains(DeviceStatus.ONLINE)); // deviceInfo answered
        assertEquals("DS-K1T671TM-3XF", driver.info().model());
        assertEquals("V3.2.30", driver.info().firmware());
        // the nonce of the first challenge is reused with nc++ (two threads may start without it at once)
        assertTrue(stub.challenges() <= 2 && stub.requests().size() >= 5, stub.challenges() + " challenges");
    }

    @Test
    void aNewPhotoReplacesUserAndFaceThroughModify() throws Exception {
        roster.put("s-1001", face("one"));
        attach("Pa55word", null);
        await(() -> roster.state("s-1001") == SyncState.SYNCED);
        roster.put("s-1001", face("one, newer"));
        await(() -> new String(stub.faces().get("s-1001"), StandardCharsets.ISO_8859_1).endsWith("newer"));
        assertEquals(1, stub.requests("PUT /ISAPI/AccessControl/UserInfo/Modify s-1001").size());
        assertEquals(1, stub.requests("PUT /ISAPI/Intelligent/FDLib/FDModify s-1001").size());
    }

    @Test
    void aRefusedFaceIsKeptAsFailedWithoutRetryStormAndRemovedWhenItLeaves() throws Exception {
        roster.put("s-1003", face("BAD-FACE blurred"));
        roster.put("s-1004", face("fine"));
        attach("Pa55word", null);
        await(() -> roster.state("s-1003") == SyncState.FAILED);
        assertEquals("faceQualityTooLow", roster.status.get("s-1003").error());
        await(() -> roster.state("s-1004") == SyncState.SYNCED);
        for (int i = 0; i < 3; i++) { // more roster changes, more passes
            roster.put("x-" + i, face("x" + i));
            String id = "x-" + i;
            await(() -> roster.state(id) == SyncState.SYNCED);
        }
        assertEquals(1, stub.requests("POST /ISAPI/Intelligent/FDLib/FaceDataRecord s-1003").size());
        assertTrue(stub.users().containsKey("s-1003")); // the user went in, the face did not
        assertFalse(stub.faces().containsKey("s-1003"));

        roster.drop("s-1003"); // e.g. consent withdrawn
        roster.drop("s-1004");
        await(() -> roster.state("s-1003") == SyncState.REMOVED && roster.state("s-1004") == SyncState.REMOVED);
        assertFalse(stub.users().containsKey("s-1003"));
        assertFalse(stub.users().containsKey("s-1004"));
        assertFalse(stub.faces().containsKey("s-1004"));
    }

    @Test
    void anOfflineTerminalResumesWhenItSpeaksAgain() throws Exception {
        roster.put("s-1001", face("one"));
        attach("Pa55word", null);
        await(() -> roster.state("s-1001") == SyncState.SYNCED);
        stub.down(true);
        roster.put("s-1005", face("five"));
        await(() -> roster.runs().stream().anyMatch(r -> !r.equals("null")));
        assertFalse(stub.users().containsKey("s-1005"));
        stub.down(false);
        // the terminal's heartbeat reaches the driver: the sync resumes at once, not after its back-off
        assertEquals(200, driver.receive("127.0.0.1", "application/json",
                HikvisionStub.heartbeat(EventReceiverTest.T).getBytes(StandardCharsets.UTF_8)).status());
        await(() -> roster.state("s-1005") == SyncState.SYNCED);
        assertNotNull(stub.faces().get("s-1005"));
    }

    @Test
    void doorCommandsReachTheTerminal() throws Exception {
        attach("Pa55word", null);
        CommandResult open = driver.execute(new DeviceCommand("open", null)).toCompletableFuture().get();
        assertTrue(open.ok(), open.message());
        CommandResult always = driver.execute(new DeviceCommand("alwaysOpen", Map.of("door", "2")))
                .toCompletableFuture().get();
        assertTrue(always.ok(), always.message());
        assertEquals(List.of("1:open", "2:alwaysOpen"), stub.doorCommands());
        assertFalse(driver.execute(new DeviceCommand("explode", null)).toCompletableFuture().get().ok());
        CommandResult badDoor = driver.execute(new DeviceCommand("close", Map.of("door", "x")))
                .toCompletableFuture().get();
        assertFalse(badDoor.ok());
        stub.down(true);
        CommandResult down = driver.execute(new DeviceCommand("close", null)).toCompletableFuture().get();
        assertFalse(down.ok());
        assertTrue(down.message().startsWith("terminal unreachable"), down.message());
    }

    @Test
    void theListenUrlIsSetAsTheTerminalsHttpHost() throws Exception {
        attach("Pa55word", URI.create("http://192.168.1.10:8181/gatehouse/api/devices/gate-1/isapi/events"));
        await(() -> stub.httpHosts() != null);
        String xml = stub.httpHosts();
        assertTrue(xml.contains("<url>/gatehouse/api/devices/gate-1/isapi/events</url>"), xml);
        assertTrue(xml.contains("<ipAddress>192.168.1.10</ipAddress>"), xml);
        assertTrue(xml.contains("<portNo>8181</portNo>"), xml);
        assertTrue(xml.contains("<parameterFormatType>JSON</parameterFormatType>"), xml);
    }

    @Test
    void aWrongPasswordIsATerminalErrorNotAPersonsRefusal() throws Exception {
        roster.put("s-1001", face("one"));
        attach("wrong", null);
        await(() -> roster.runs().stream().anyMatch(r -> r.contains("401")));
        assertTrue(roster.status.isEmpty()); // nobody marked FAILED
        await(() -> sink.last() == DeviceStatus.OFFLINE);
        IsapiClient client = new IsapiClient(stub.url(), "admin", "wrong", Duration.ofSeconds(2),
                java.time.ZoneId.of("Asia/Shanghai"));
        IOException e = assertThrows(IOException.class, client::deviceInfo);
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
