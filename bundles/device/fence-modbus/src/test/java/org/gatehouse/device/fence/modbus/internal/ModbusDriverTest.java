package org.gatehouse.device.fence.modbus.internal;

import static org.gatehouse.device.fence.modbus.internal.TestConfigs.props;
import static org.gatehouse.device.fence.modbus.internal.TestConfigs.settings;
import static org.gatehouse.support.gate.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.support.gate.LogCapture;
import org.gatehouse.support.gate.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real Modbus TCP server of another implementation (Debian's python3-pymodbus) on loopback:
 * inputs toggled on the server become events and restores, commands change the server's coils, a stopped server
 * makes the device OFFLINE and a restarted one ONLINE, and an exception code is one clear WARN line.
 */
class ModbusDriverTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ModbusDriver> drivers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        drivers.forEach(ModbusDriver::detach);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private PyModbusServer server() throws Exception {
        PyModbusServer s = PyModbusServer.start();
        open.add(s);
        return s;
    }

    private Map<String, String> config(int port, String... more) {
        Map<String, String> p = props("device.id", "fence-m1", "host", "127.0.0.1", "port", Integer.toString(port),
                "poll.ms", "50", "timeout.ms", "1000", "backoff.max.ms", "400");
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    private ModbusDriver driver(Map<String, String> config, Path state) {
        ModbusDriver d = new ModbusDriver(settings(config), state, Clock.systemUTC());
        drivers.add(d);
        return d;
    }

    private static List<SecurityEvent> of(RecordingSink sink, String type) {
        return sink.events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Waits for a few more polls, so that a second (wrong) event would have come. */
    private static void polls(RecordingSink sink) throws InterruptedException {
        int seen = sink.events.size();
        Thread.sleep(400);
        assertEquals(seen, sink.events.size(), "no further events: " + sink.events);
    }

    @Test
    void inputsToggledGiveEventsAndRestores() throws Exception {
        PyModbusServer server = server();
        server.set("di", 2, 1); // the wire is cut before the driver starts: reported once
        server.set("hr", 10, 500); // tension in its band
        RecordingSink sink = new RecordingSink();
        ModbusDriver driver = driver(config(server.port(),
                "point.fence.intrusion", "di:0",
                "zone.fence.intrusion", "north-1",
                "point.fence.intrusion.z2", "di:5",
                "point.fence.wire.cut", "di:2",
                "point.fence.tension.low", "hr:10:<300",
                "point.fence.fault", "hr:11:3"), dir.resolve("m1.state"));
        driver.attach(sink);
        await("ONLINE", () -> sink.statuses.contains(DeviceStatus.ONLINE));
        await("the active wire cut", () -> of(sink, FenceEvents.WIRE_CUT).size() == 1);
        polls(sink);

        server.set("di", 0, 1);
        await("intrusion", () -> of(sink, FenceEvents.INTRUSION).size() == 1);
        SecurityEvent alarm = of(sink, FenceEvents.INTRUSION).get(0);
        assertEquals(Severity.MAJOR, alarm.severity());
        assertEquals("north-1", alarm.zoneId());
        assertEquals("fence-m1", alarm.deviceId());
        assertFalse(alarm.isRestore());
        assertEquals("di:0", alarm.attributes().get("modbus"));
        assertTrue(alarm.id().matches("modbus:fence-m1:fence\\.intrusion:1:\\d+"), alarm.id());
        server.set("di", 0, 0);
        await("restore", () -> of(sink, FenceEvents.INTRUSION).size() == 2);
        SecurityEvent restore = of(sink, FenceEvents.INTRUSION).get(1);
        assertTrue(restore.isRestore());
        assertEquals("north-1", restore.zoneId());

        server.set("di", 5, 1); // a second fence zone, no zone configured: the device's
        await("intrusion z2", () -> of(sink, FenceEvents.INTRUSION).size() == 3);
        SecurityEvent z2 = of(sink, FenceEvents.INTRUSION).get(2);
        assertEquals("z2", z2.attributes().get(FenceEvents.ATTR_PANEL_ZONE));
        assertNull(z2.zoneId());

        server.set("hr", 10, 120); // slack wire
        await("tension low", () -> of(sink, FenceEvents.TENSION_LOW).size() == 1);
        assertEquals("120", of(sink, FenceEvents.TENSION_LOW).get(0).attributes().get("value"));
        server.set("hr", 11, 0b1000); // bit 3 of the status register
        await("fault", () -> of(sink, FenceEvents.FAULT).size() == 1);
        assertEquals(Severity.WARNING, of(sink, FenceEvents.FAULT).get(0).severity());
        server.set("hr", 11, 0b0111); // other bits: the fault is over
        await("fault restore", () -> of(sink, FenceEvents.FAULT).size() == 2);
        assertTrue(of(sink, FenceEvents.FAULT).get(1).isRestore());
        polls(sink);
        assertEquals(1, of(sink, FenceEvents.WIRE_CUT).size());
        assertEquals(List.of(DeviceStatus.ONLINE), sink.statuses);
    }

    @Test
    void aRestartReportsOnlyWhatChangedMeanwhile() throws Exception {
        PyModbusServer server = server();
        server.set("di", 1, 1); // tamper active at the first start
        Path state = dir.resolve("m1.state");
        Map<String, String> config = config(server.port(), "point.fence.intrusion", "di:0", "point.fence.tamper",
                "di:1");
        RecordingSink first = new RecordingSink();
        ModbusDriver a = driver(config, state);
        a.attach(first);
        await("tamper", () -> of(first, FenceEvents.TAMPER).size() == 1);
        polls(first);
        a.detach();

        server.set("di", 0, 1); // while Gatehouse was down
        RecordingSink second = new RecordingSink();
        ModbusDriver b = driver(config, state);
        b.attach(second);
        await("intrusion after the restart", () -> of(second, FenceEvents.INTRUSION).size() == 1);
        polls(second);
        assertEquals(List.of(), of(second, FenceEvents.TAMPER), "the tamper already reported is not reported again");
    }

    @Test
    void aBrokenStateFileIsOneWarningAndTheFirstPollSetsTheBaseline() throws Exception {
        PyModbusServer server = server();
        Path state = dir.resolve("m1.state");
        java.nio.file.Files.writeString(state, "fence.intrusion|di:0=\\u12zz\n"); // a malformed \\u escape
        RecordingSink sink = new RecordingSink();
        ModbusDriver driver = driver(config(server.port(), "point.fence.intrusion", "di:0"), state);
        try (LogCapture log = new LogCapture()) {
            driver.attach(sink);
            await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
            assertEquals(1, log.lines("cannot be read"));
            assertEquals(0, log.lines("\tat "), "no stack trace");
        }
        server.set("di", 0, 1);
        await("intrusion", () -> of(sink, FenceEvents.INTRUSION).size() == 1);
        // the state is written after the event is reported (a crash in between reports it again, never loses it)
        await("the new state in the state file", () -> contains(state, "fence.intrusion|di\\:0=1"));
    }

    /** @return whether the file holds the text; false while it cannot be read (being replaced) */
    private static boolean contains(Path file, String text) {
        try {
            return java.nio.file.Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void armDisarmAndRelaysWriteTheServersCoils() throws Exception {
        PyModbusServer server = server();
        RecordingSink sink = new RecordingSink();
        ModbusDriver driver = driver(config(server.port(),
                "point.armed", "coil:10",
                "command.arm", "coil:10:1",
                "command.disarm", "coil:10:0",
                "relay.1", "coil:20",
                "relay.2", "hr:30",
                "relay.9", "coil:500"), null);
        assertEquals(java.util.Set.of("arm", "disarm", "relay", "relay.1", "relay.2", "relay.9"),
                driver.info().capabilities());
        driver.attach(sink);
        await("ONLINE", () -> sink.statuses.contains(DeviceStatus.ONLINE));

        assertTrue(run(driver, "arm", Map.of()).ok());
        assertEquals(1, server.get("co", 10));
        await("armed", () -> of(sink, FenceEvents.ARMED).size() == 1);
        assertTrue(run(driver, "disarm", Map.of()).ok());
        assertEquals(0, server.get("co", 10));
        await("disarmed", () -> of(sink, FenceEvents.DISARMED).size() == 1);

        assertTrue(run(driver, "relay", Map.of("relay", "1", "state", "on")).ok());
        assertEquals(1, server.get("co", 20));
        assertTrue(run(driver, "relay.1", Map.of("state", "off")).ok());
        assertEquals(0, server.get("co", 20));
        assertTrue(run(driver, "relay", Map.of("relay", "2", "state", "on")).ok());
        assertEquals(1, server.get("hr", 30));

        // bad commands: a clear refusal, nothing written
        assertEquals("no relay 7 (relays: 1, 2, 9)", run(driver, "relay", Map.of("relay", "7", "state", "on"))
                .message());
        assertEquals("relay 1: parameter state must be on or off, not 'maybe'",
                run(driver, "relay", Map.of("relay", "1", "state", "maybe")).message());
        assertTrue(run(driver, "open", Map.of()).message().startsWith("unsupported command open"));
        try (LogCapture log = new LogCapture()) {
            CommandResult refused = run(driver, "relay", Map.of("relay", "9", "state", "on"));
            assertFalse(refused.ok());
            assertEquals("device refused relay (coil:500): exception 2 (illegal data address)", refused.message());
            assertEquals(1, log.lines("exception 2 (illegal data address)"));
            assertEquals(0, log.lines("\tat "), "no stack trace");
        }
        assertEquals(DeviceStatus.ONLINE, sink.last());
    }

    @Test
    void aStoppedServerIsOfflineOnceThenOnlineAgain() throws Exception {
        PyModbusServer server = server();
        int port = server.port();
        RecordingSink sink = new RecordingSink();
        ModbusDriver driver = driver(config(port, "point.fence.intrusion", "di:0", "relay.1", "coil:20"), null);
        try (LogCapture log = new LogCapture()) {
            driver.attach(sink);
            await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
            open.remove(server);
            server.close();
            await("OFFLINE", () -> sink.last() == DeviceStatus.OFFLINE);
            await("device.offline", () -> of(sink, ModbusDriver.EVENT_OFFLINE).size() == 1);
            assertEquals(Severity.MAJOR, of(sink, ModbusDriver.EVENT_OFFLINE).get(0).severity());
            CommandResult offline = run(driver, "relay", Map.of("relay", "1", "state", "on"));
            assertFalse(offline.ok());
            Thread.sleep(1500); // several reconnect attempts with back-off
            assertEquals(1, log.lines("does not answer"), "one log line, not one per attempt");
            assertEquals(List.of(DeviceStatus.ONLINE, DeviceStatus.OFFLINE), sink.statuses);
            assertEquals(1, of(sink, ModbusDriver.EVENT_OFFLINE).size());
            assertEquals(0, log.lines("\tat "), "no stack trace");

            PyModbusServer again = PyModbusServer.start(port);
            open.add(again);
            again.set("di", 0, 1); // changed while the link was down
            await("ONLINE again", () -> sink.last() == DeviceStatus.ONLINE);
            await("offline restore", () -> of(sink, ModbusDriver.EVENT_OFFLINE).size() == 2);
            assertTrue(of(sink, ModbusDriver.EVENT_OFFLINE).get(1).isRestore());
            await("the intrusion seen after the reconnect", () -> of(sink, FenceEvents.INTRUSION).size() == 1);
            assertEquals(1, log.lines("answers again"));
        }
    }

    @Test
    void anExceptionCodeIsOneClearWarningAndTheOtherPointsGoOn() throws Exception {
        PyModbusServer server = server();
        RecordingSink sink = new RecordingSink();
        ModbusDriver driver = driver(config(server.port(), "point.fence.intrusion", "di:0", "point.fence.tamper",
                "di:200"), null);
        try (LogCapture log = new LogCapture()) {
            driver.attach(sink);
            await("FAULT", () -> sink.last() == DeviceStatus.FAULT);
            server.set("di", 0, 1);
            await("intrusion", () -> of(sink, FenceEvents.INTRUSION).size() == 1);
            Thread.sleep(300);
            assertEquals(1, log.lines("point fence.tamper (di:200) answered exception 2 (illegal data address)"));
            assertEquals(0, log.lines("\tat "), "no stack trace");
            assertEquals(List.of(DeviceStatus.FAULT), sink.statuses);
            assertEquals(List.of(), of(sink, FenceEvents.TAMPER));
        }
    }

    @Test
    void anEventTheCoreRefusesIsRetriedWithTheSameId() throws Exception {
        PyModbusServer server = server();
        AtomicInteger refusals = new AtomicInteger(3);
        RecordingSink sink = new RecordingSink() {
            @Override
            public IngestResult event(SecurityEvent event) {
                if (refusals.getAndDecrement() > 0) {
                    throw GatehouseException.invalid("unknown-device", "device fence-m1 is not registered");
                }
                return super.event(event);
            }
        };
        ModbusDriver driver = driver(config(server.port(), "point.fence.intrusion", "di:0"), null);
        try (LogCapture log = new LogCapture()) {
            driver.attach(sink);
            await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
            server.set("di", 0, 1);
            await("intrusion stored at last", () -> of(sink, FenceEvents.INTRUSION).size() == 1);
            assertEquals(1, log.lines("not stored (device fence-m1 is not registered); retried at the next poll"));
        }
        polls(sink);
    }

    private static CommandResult run(ModbusDriver driver, String name, Map<String, String> params)
            throws Exception {
        return driver.execute(new DeviceCommand(name, params)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
