package org.gatehouse.device.gate.zkteco.internal;

import static org.gatehouse.support.gate.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.support.gate.LogCapture;
import org.gatehouse.support.gate.MemoryRoster;
import org.gatehouse.support.gate.RecordingPassages;
import org.gatehouse.support.gate.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver behind its servlet on Jetty 9.4 (the container of Karaf 4.4's Pax Web 8) on a free loopback port,
 * talked to by {@link StubTerminal} over HTTP as a ZKTeco terminal would.
 */
class ZkDriverTest {
    static final String SN = "CN7001234567";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final RecordingPassages passages = new RecordingPassages();
    final MemoryRoster roster = new MemoryRoster();
    final RecordingSink sink = new RecordingSink();
    Server jetty;
    ZkDriver driver;
    StubTerminal stub;
    int syncPerSecond = 50;
    int inFlight = 50;
    int perRequest = 50;

    /** Starts the servlet with one terminal; heartbeat and command timeouts in milliseconds. */
    @TempDir
    Path data;

    void start(long heartbeatMillis, long commandMillis, long photoWaitMillis) throws Exception {
        start(heartbeatMillis, commandMillis, photoWaitMillis, "");
    }

    void start(long heartbeatMillis, long commandMillis, long photoWaitMillis, String addresses) throws Exception {
        ZkSettings settings = new ZkSettings("gate-zk-1", SN, ZkSettings.addresses(addresses), SHANGHAI,
                heartbeatMillis, commandMillis, syncPerSecond, inFlight, perRequest, 1024 * 1024, 10, photoWaitMillis,
                false, "AC_UNLOCK", "test");
        driver = new ZkDriver(settings, passages, roster, data.resolve("stamps"));
        jetty = ZkJetty.serve(driver);
        stub = new StubTerminal(ZkJetty.base(jetty), SN);
        driver.attach(sink);
    }

    void start() throws Exception {
        start(60_000, 5_000, 1_000);
    }

    /** Starts, and the terminal calls in and polls every 20 ms. */
    void startPolling() throws Exception {
        start();
        stub.handshake();
        stub.start(20);
    }

    @AfterEach
    void stop() throws Exception {
        if (stub != null) {
            stub.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (jetty != null) {
            jetty.stop();
        }
    }

    static String line(String pin, String time) {
        return pin + "\t" + time + "\t0\t15\t0\t0\t0";
    }

    @Test
    void handshakeAnswersTheOptionsAndBringsTheTerminalOnline() throws Exception {
        start();
        HttpResponse<String> answer = stub.handshake();
        assertEquals(200, answer.statusCode());
        String body = answer.body();
        assertTrue(body.startsWith("GET OPTION FROM: " + SN + "\n"), body);
        for (String option : new String[] {"ATTLOGStamp=None", "OPERLOGStamp=None", "ATTPHOTOStamp=None",
                "ErrorDelay=30", "Delay=10", "TransInterval=1", "TimeZone=8", "Realtime=1", "Encrypt=None"}) {
            assertTrue(body.contains("\n" + option + "\n"), option + " in " + body);
        }
        assertTrue(body.contains("TransFlag=TransData AttLog OpLog AttPhoto"), body);
        assertNotNull(answer.headers().firstValue("Date").orElse(null), "Date header for the terminal's clock");
        await("ONLINE", () -> sink.statuses.contains(DeviceStatus.ONLINE));
    }

    @Test
    void punchesBecomeTerminalEventsBeforeTheAnswer() throws Exception {
        start();
        HttpResponse<String> answer = stub.attlog("9001", line("1001", "2026-03-02 07:31:05"),
                line("1002", "2026-03-02 07:31:09"));
        assertEquals(200, answer.statusCode());
        assertEquals("OK: 2", answer.body());
        assertEquals(2, passages.events.size());
        TerminalEvent first = passages.event(SN + "-1001-20260302073105");
        assertNotNull(first, passages.events.toString());
        assertEquals("gate-zk-1", first.deviceId());
        assertEquals("1001", first.personId());
        assertTrue(first.matched());
        assertNull(first.picture());
        assertEquals(OffsetDateTime.of(2026, 3, 2, 7, 31, 5, 0, ZoneOffset.ofHours(8)).toInstant(), first.time());

        // the terminal sends them again (it missed the answer): recorded once
        assertEquals("OK: 2", stub.attlog("9001", line("1001", "2026-03-02 07:31:05"),
                line("1002", "2026-03-02 07:31:09")).body());
        assertEquals(2, passages.events.size());
        // the next handshake tells the terminal where it got to
        assertTrue(stub.handshake().body().contains("\nATTLOGStamp=9001\n"));
        // kept across a restart of the server
        assertEquals("9001", new ZkStamps(data.resolve("stamps")).get("ATTLOG"));
        // a stamp that would add lines to the options block is not kept
        stub.post("/iclock/cdata?SN=" + SN + "&table=ATTLOG&Stamp=1%0AEncrypt%3D1",
                (line("1001", "2026-03-02 07:31:05") + "\n").getBytes(StandardCharsets.UTF_8));
        String options = stub.handshake().body();
        assertTrue(options.contains("\nATTLOGStamp=9001\n") && !options.contains("Encrypt=1"), options);
    }

    @Test
    void malformedLinesAreSkippedWithOneWarningAndTheGoodOnesKept() throws Exception {
        start();
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> answer = stub.attlog("1", line("1001", "2026-03-02 07:31:05"),
                    "garbage without tabs", line("1003", "2026-13-45 99:00:00"), line("1002", "2026-03-02 07:32:00"));
            assertEquals("OK: 2", answer.body());
            assertEquals(1, log.lines("malformed ATTLOG"));
            assertEquals(0, log.lines("Exception"));
        }
        assertNotNull(passages.event(SN + "-1001-20260302073105"));
        assertNotNull(passages.event(SN + "-1002-20260302073200"));
    }

    @Test
    void aRefusingCoreLosesNothing() throws Exception {
        start();
        passages.failure = GatehouseException.notFound("unknown-device", "no device gate-zk-1");
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> first = stub.attlog("5", line("1001", "2026-03-02 07:31:05"));
            HttpResponse<String> second = stub.attlog("5", line("1001", "2026-03-02 07:31:05"));
            assertEquals(503, first.statusCode());
            assertEquals("ERROR: unknown-device", first.body());
            assertEquals(503, second.statusCode());
            assertEquals(1, log.lines("cannot record punches"));
        }
        assertTrue(stub.handshake().body().contains("ATTLOGStamp=None"), "stamp not advanced");
        // a picture that came with the refused punch is still there when the punch comes again
        byte[] photo = StubTerminal.jpeg("refused punch");
        stub.attphoto("1002", LocalDateTime.of(2026, 3, 2, 7, 33, 0), photo);
        assertEquals(503, stub.attlog("6", line("1002", "2026-03-02 07:33:00")).statusCode());
        passages.failure = null;
        assertEquals("OK: 1", stub.attlog("5", line("1001", "2026-03-02 07:31:05")).body());
        assertEquals("OK: 1", stub.attlog("6", line("1002", "2026-03-02 07:33:00")).body());
        assertEquals(2, passages.events.size());
        assertArrayEquals(photo, passages.event(SN + "-1002-20260302073300").picture());
    }

    @Test
    void picturesArePairedWithTheirPunches() throws Exception {
        start(60_000, 5_000, 5_000);
        LocalDateTime t1 = LocalDateTime.of(2026, 3, 2, 7, 40, 0);
        byte[] photo1 = StubTerminal.jpeg("punch one");
        // picture first, then the punch
        assertEquals("OK", stub.attphoto("1001", t1, photo1).body());
        assertEquals("OK: 1", stub.attlog("2", line("1001", "2026-03-02 07:40:00")).body());
        TerminalEvent e1 = passages.event(SN + "-1001-20260302074000");
        assertArrayEquals(photo1, e1.picture());
        assertEquals("jpg", e1.pictureFormat());

        // the punch first: it waits for its picture, which comes on another connection
        byte[] photo2 = StubTerminal.jpeg("punch two");
        CompletableFuture<HttpResponse<String>> punch = CompletableFuture.supplyAsync(() -> {
            try {
                return stub.attlog("3", line("1002", "2026-03-02 07:41:00"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the punch to wait", () -> !punch.isDone() && passages.events.size() == 1);
        assertEquals("OK", stub.attphoto("1002", LocalDateTime.of(2026, 3, 2, 7, 41, 0), photo2).body());
        assertEquals("OK: 1", punch.get(20, TimeUnit.SECONDS).body());
        assertArrayEquals(photo2, passages.event(SN + "-1002-20260302074100").picture());
    }

    @Test
    void aPunchWhosePictureNeverComesIsRecordedWithout() throws Exception {
        start(60_000, 5_000, 200);
        stub.attphoto("1001", LocalDateTime.of(2026, 3, 2, 7, 40, 0), StubTerminal.jpeg("other punch"));
        assertEquals("OK: 1", stub.attlog("2", line("1003", "2026-03-02 07:45:00")).body());
        assertNull(passages.event(SN + "-1003-20260302074500").picture());
    }

    @Test
    void aTerminalThatSendsPicturesAfterItsPunchesIsNoticedOnce() throws Exception {
        start(60_000, 5_000, 200);
        stub.attphoto("1001", LocalDateTime.of(2026, 3, 2, 7, 40, 0), StubTerminal.jpeg("first"));
        stub.attlog("2", line("1001", "2026-03-02 07:40:00"));
        try (LogCapture log = new LogCapture()) {
            assertEquals("OK: 1", stub.attlog("3", line("1002", "2026-03-02 07:50:00")).body());
            assertEquals("OK", stub.attphoto("1002", LocalDateTime.of(2026, 3, 2, 7, 50, 0),
                    StubTerminal.jpeg("late")).body());
            assertEquals("OK: 1", stub.attlog("4", line("1003", "2026-03-02 07:51:00")).body());
            assertEquals("OK", stub.attphoto("1003", LocalDateTime.of(2026, 3, 2, 7, 51, 0),
                    StubTerminal.jpeg("late too")).body());
            assertEquals(1, log.lines("sends pictures after their punches"));
        }
        assertEquals(3, passages.events.size());
        assertNull(passages.event(SN + "-1003-20260302075100").picture());
    }

    @Test
    void aBrokenPictureUploadIsRefusedAndLosesNothing() throws Exception {
        start();
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> answer = stub.post("/iclock/cdata?SN=" + SN + "&table=ATTPHOTO&Stamp=1",
                    "PIN=notatime-1001.jpg\nSN=x\nsize=3\nCMD=uploadphoto".getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, answer.statusCode());
            assertTrue(answer.body().startsWith("ERROR: bad ATTPHOTO"), answer.body());
            assertEquals(1, log.lines("not one"));
            assertEquals(0, log.lines("Exception"));
        }
        assertEquals("OK: 1", stub.attlog("2", line("1001", "2026-03-02 07:45:00")).body());
        assertEquals(400, stub.post("/iclock/devicecmd?SN=" + SN, "nonsense".getBytes()).statusCode());
    }

    @Test
    void unknownTerminalsAreRefusedAndLoggedOnce() throws Exception {
        start();
        StubTerminal ghost = new StubTerminal(stub.base, "GHOST0001");
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> first = ghost.handshake();
            HttpResponse<String> second = ghost.attlog("1", line("1001", "2026-03-02 07:31:05"));
            ghost.pollOnce();
            assertEquals(403, first.statusCode());
            assertEquals("ERROR: unknown terminal", first.body());
            assertEquals(403, second.statusCode());
            assertEquals(1, log.lines("unknown ZKTeco terminal GHOST0001"));
        }
        assertTrue(passages.events.isEmpty());
        assertEquals(400, stub.get("/iclock/cdata?options=all").statusCode());
    }

    @Test
    void aKnownSerialFromAnotherAddressIsRefused() throws Exception {
        start(60_000, 5_000, 1_000, "192.0.2.7");
        try (LogCapture log = new LogCapture()) {
            assertEquals(403, stub.handshake().statusCode());
            assertEquals(403, stub.attlog("1", line("1001", "2026-03-02 07:31:05")).statusCode());
            assertEquals(1, log.lines("not one of its addresses"));
        }
        assertTrue(passages.events.isEmpty());
        stop();
        start(60_000, 5_000, 1_000, "192.0.2.7, 127.0.0.1");
        assertEquals(200, stub.handshake().statusCode());
    }

    @Test
    void usersAndFacesAreWrittenToTheTerminalAndReportedSynced() throws Exception {
        roster.put("1001", "张三", StubTerminal.jpeg("face 1001"));
        roster.put("1002", "Li\tSi", StubTerminal.jpeg("face 1002"));
        startPolling();
        await("both synced", () -> roster.state("1001") == SyncState.SYNCED
                && roster.state("1002") == SyncState.SYNCED);
        assertEquals("张三", stub.users.get("1001"));
        assertEquals("Li Si", stub.users.get("1002"));
        assertArrayEquals(roster.photos.get("1001"), stub.faces.get("1001"));
        assertArrayEquals(roster.photos.get("1002"), stub.faces.get("1002"));
        assertEquals(roster.entries.get("1001").faceHash(), roster.status.get("1001").faceHash());
        assertTrue(stub.commands.stream().anyMatch(c -> c.startsWith("DATA UPDATE BIOPHOTO PIN=1001\tType=9\t")));
        await("the pass reported", () -> roster.runs().contains("null"));
    }

    @Test
    void twoHundredPersonsSyncInAHandfulOfPolls() throws Exception {
        syncPerSecond = 1000;
        for (int i = 1; i <= 200; i++) {
            String pin = Integer.toString(3000 + i);
            roster.put(pin, "P" + pin, StubTerminal.jpeg("face " + pin));
        }
        roster.put("1 x", "Bad Pin", StubTerminal.jpeg("face bad")); // refused at once, does not hold the others up
        start();
        stub.refuseFace.put("3007", -1004);
        stub.handshake();
        stub.start(100);
        await("all synced", () -> roster.status.size() == 201 && roster.status.values().stream()
                .allMatch(st -> st.state() != null));
        await("the pass reported", () -> roster.runs().contains("null"));
        assertEquals(199, roster.status.values().stream().filter(st -> st.state() == SyncState.SYNCED).count());
        assertEquals("zk:-1004", roster.status.get("3007").error());
        assertEquals("zk:bad-pin", roster.status.get("1 x").error());
        assertEquals(200, stub.users.size());
        assertEquals(199, stub.faces.size());
        // 400 commands (user + face each), 50 at most per answer: a handful of polls, not one per person
        assertTrue(stub.batches.stream().allMatch(n -> n <= 50), stub.batches.toString());
        assertTrue(stub.batches.size() <= 30, stub.batches.toString());
        assertEquals(400, stub.batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(roster.runs().stream().allMatch("null"::equals), roster.runs().toString());
    }

    @Test
    void aDoorOpenDoesNotWaitBehindASync() throws Exception {
        syncPerSecond = 1000;
        perRequest = 4;
        for (int i = 1; i <= 20; i++) {
            roster.put(Integer.toString(4000 + i), "P", StubTerminal.jpeg("face " + i));
        }
        start();
        stub.handshake();
        await("the sync queued its commands", () -> driver.queued() >= 8);
        CompletableFuture<CommandResult> open = driver.execute(new DeviceCommand("open", Map.of()))
                .toCompletableFuture();
        stub.pollOnce();
        assertEquals("AC_UNLOCK", stub.commands.get(0));
        assertTrue(open.get(20, TimeUnit.SECONDS).ok());
        stub.start(20);
        await("all synced", () -> roster.status.size() == 20 && roster.status.values().stream()
                .allMatch(st -> st.state() == SyncState.SYNCED));
        assertTrue(stub.batches.stream().allMatch(n -> n <= 4), stub.batches.toString());
    }

    @Test
    void aRefusedFaceStaysFailedAndIsNotRetriedUntilItChanges() throws Exception {
        roster.put("1001", "Zhang", StubTerminal.jpeg("face 1001"));
        roster.put("1002", "Li", StubTerminal.jpeg("blurred"));
        start();
        stub.refuseFace.put("1002", -1004);
        stub.handshake();
        stub.start(20);
        await("1002 failed", () -> roster.state("1002") == SyncState.FAILED);
        assertEquals("zk:-1004", roster.status.get("1002").error());
        await("1001 synced", () -> roster.state("1001") == SyncState.SYNCED);

        // another change: 1003 is pushed, 1002 is not tried again
        roster.put("1003", "Wang", StubTerminal.jpeg("face 1003"));
        await("1003 synced", () -> roster.state("1003") == SyncState.SYNCED);
        assertEquals(1, stub.commands.stream().filter(c -> c.startsWith("DATA UPDATE BIOPHOTO PIN=1002\t")).count());
        assertEquals(SyncState.FAILED, roster.state("1002"));

        // a new photo is pushed again
        stub.refuseFace.remove("1002");
        roster.put("1002", "Li", StubTerminal.jpeg("sharp"));
        await("1002 synced", () -> roster.state("1002") == SyncState.SYNCED);
    }

    @Test
    void aPersonLeavingTheRosterIsRemovedFromTheTerminal() throws Exception {
        roster.put("1001", "Zhang", StubTerminal.jpeg("face 1001"));
        roster.put("1002", "Li", StubTerminal.jpeg("face 1002"));
        startPolling();
        await("both on the terminal", () -> stub.faces.size() == 2 && roster.state("1002") == SyncState.SYNCED);
        roster.drop("1001");
        await("1001 removed", () -> roster.state("1001") == SyncState.REMOVED);
        assertFalse(stub.users.containsKey("1001"));
        assertFalse(stub.faces.containsKey("1001"));
        assertTrue(stub.users.containsKey("1002"));
        assertTrue(stub.commands.contains("DATA DELETE USERINFO PIN=1001"));
    }

    @Test
    void aTerminalSilentDuringSyncGoesOfflineAndTheSyncResumesWhenItReturns() throws Exception {
        roster.put("1001", "Zhang", StubTerminal.jpeg("face 1001"));
        roster.put("1002", "Li", StubTerminal.jpeg("face 1002"));
        start(400, 1_500, 1_000);
        stub.silent = true;
        stub.handshake(); // online for a moment: the sync starts, then nobody fetches its commands
        stub.start(20);
        await("the pass to stop", () -> roster.runs().stream().anyMatch(r -> r.contains("did not fetch")));
        await("OFFLINE", () -> sink.statuses.contains(DeviceStatus.OFFLINE));
        SecurityEvent offline = sink.events.get(0);
        assertEquals(ZkDriver.EVENT_OFFLINE, offline.type());
        assertEquals("MAJOR", offline.severity().name());
        assertFalse(offline.isRestore());
        assertTrue(stub.users.isEmpty());

        stub.silent = false;
        await("both synced", () -> roster.state("1001") == SyncState.SYNCED
                && roster.state("1002") == SyncState.SYNCED);
        assertEquals(2, stub.faces.size());
        assertEquals(DeviceStatus.ONLINE, sink.statuses.get(sink.statuses.size() - 1));
        assertTrue(sink.events.stream().anyMatch(e -> e.type().equals(ZkDriver.EVENT_OFFLINE) && e.isRestore()));
    }

    @Test
    void doorOpenReachesTheTerminal() throws Exception {
        startPolling();
        CommandResult result = driver.execute(new DeviceCommand("open", Map.of())).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertTrue(result.ok(), String.valueOf(result.message()));
        assertEquals(1, stub.doorOpens.get());
        assertTrue(stub.commands.contains("AC_UNLOCK"));
        assertEquals("Ver 8.0.4.2-stub", driver.info().firmware());
        assertEquals(java.util.Set.of("open"), driver.info().capabilities());

        stub.openCode = -1;
        CommandResult refused = driver.execute(new DeviceCommand("open", Map.of())).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertFalse(refused.ok());
        assertEquals("terminal refused: zk:-1", refused.message());

        CommandResult unknown = driver.execute(new DeviceCommand("arm", Map.of())).toCompletableFuture().get();
        assertEquals("unsupported command: arm", unknown.message());
    }

    @Test
    void doorOpenToASilentTerminalFailsAfterTheTimeout() throws Exception {
        start(60_000, 300, 1_000);
        CommandResult result = driver.execute(new DeviceCommand("open", Map.of())).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertFalse(result.ok());
        // the withdrawn command is not handed out later
        stub.pollOnce();
        assertEquals(0, stub.doorOpens.get());
    }
}
