package org.gatehouse.device.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorDriverTest {

    private SimulatorDriver driver;
    private final RecordingSink sink = new RecordingSink();

    private SimulatorDriver driver(long intervalMillis, long restoreMillis) {
        driver = new SimulatorDriver(new SimulatorSettings("fence-1", "fence", "fence.intrusion", Severity.MAJOR,
                intervalMillis, restoreMillis, "1.2.3"));
        return driver;
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.detach();
        }
    }

    private static CommandResult run(DeviceDriver d, String name) throws Exception {
        return d.execute(new DeviceCommand(name, Map.of())).toCompletableFuture().get();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void infoDescribesTheDevice() {
        DeviceInfo info = driver(0, 0).info();
        assertEquals(new DeviceInfo("fence-1", "fence", "simulator", "Gatehouse simulator", "1.2.3",
                Set.of("trigger", "restore")), info);
    }

    @Test
    void attachReportsOnline() {
        driver(0, 0).attach(sink);
        assertEquals(java.util.List.of(DeviceStatus.ONLINE), sink.statuses);
        assertEquals("simulator started", sink.reasons.get(0));
    }

    @Test
    void triggerEmitsOneEvent() throws Exception {
        driver(0, 0).attach(sink);
        Instant before = Instant.now();
        assertTrue(run(driver, "trigger").ok());
        assertEquals(1, sink.events.size());
        SecurityEvent e = sink.events.get(0);
        assertTrue(e.id().matches("fence-1-1-\\d+"), e.id());
        assertEquals("fence-1", e.deviceId());
        assertEquals("fence.intrusion", e.type());
        assertEquals(Severity.MAJOR, e.severity());
        assertEquals(Map.of("simulated", "true", "seq", "1"), e.attributes());
        assertFalse(e.isRestore());
        assertFalse(e.time().isBefore(before.minusMillis(1)));
        assertTrue(run(driver, "trigger").ok());
        assertEquals("2", sink.events.get(1).attributes().get("seq"));
    }

    @Test
    void restoreEmitsRestoreEvent() throws Exception {
        driver(0, 0).attach(sink);
        assertTrue(run(driver, "restore").ok());
        assertEquals(1, sink.events.size());
        SecurityEvent e = sink.events.get(0);
        assertTrue(e.isRestore());
        assertEquals("fence.intrusion", e.type());
        assertEquals("true", e.attributes().get("simulated"));
    }

    @Test
    void triggerIsFollowedByRestoreWhenConfigured() throws Exception {
        driver(0, 50).attach(sink);
        assertTrue(run(driver, "trigger").ok());
        await(() -> sink.events.size() == 2);
        assertFalse(sink.events.get(0).isRestore());
        assertTrue(sink.events.get(1).isRestore());
    }

    @Test
    void unknownCommandFails() throws Exception {
        driver(0, 0).attach(sink);
        CommandResult r = run(driver, "open");
        assertFalse(r.ok());
        assertEquals("unsupported command: open", r.message());
        assertTrue(sink.events.isEmpty());
    }

    @Test
    void commandBeforeAttachFails() throws Exception {
        assertFalse(run(driver(0, 0), "trigger").ok());
    }

    @Test
    void emitsPeriodicallyWithRestores() throws Exception {
        driver(40, 10).attach(sink);
        await(() -> sink.events.size() >= 4);
        assertFalse(sink.events.get(0).isRestore());
        assertTrue(sink.events.get(1).isRestore());
    }

    @Test
    void detachStopsEmission() throws Exception {
        driver(20, 0).attach(sink);
        await(() -> sink.events.size() >= 2);
        driver.detach();
        driver.detach(); // idempotent
        int count = sink.events.size();
        Thread.sleep(150);
        assertEquals(count, sink.events.size());
        assertFalse(run(driver, "trigger").ok());
    }

    @Test
    void sinkExceptionDoesNotStopTheScheduler() throws Exception {
        sink.failure = e -> GatehouseException.notFound("unknown-device", "device 'fence-1' is not registered");
        driver(20, 0).attach(sink);
        await(() -> sink.calls >= 3);
        sink.failure = e -> null;
        await(() -> sink.events.size() >= 2);
        assertNotNull(sink.events.get(0).id());
    }

    @Test
    void commandReportsSinkFailure() throws Exception {
        sink.failure = e -> GatehouseException.notFound("unknown-device", "device 'fence-1' is not registered");
        driver(0, 0).attach(sink);
        CommandResult r = run(driver, "trigger");
        assertFalse(r.ok());
        assertEquals("unknown-device: device 'fence-1' is not registered", r.message());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatorSettings(" ", "fence", "fence.intrusion", Severity.MAJOR, 0, 0, "1"));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatorSettings("d", "fence", "Fence Intrusion", Severity.MAJOR, 0, 0, "1"));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatorSettings("d", "fence", "fence.intrusion", Severity.MAJOR, -1, 0, "1"));
    }

    @Test
    void servicePropertiesComeFromTheConfiguration() {
        var props = SimulatorComponent.serviceProperties(new SimulatorSettings("gate-2", "facegate", "gate.passage",
                Severity.INFO, 0, 0, "1"));
        assertEquals("facegate", props.get(DeviceDriver.TYPE));
        assertEquals("simulator", props.get(DeviceDriver.VENDOR));
        assertEquals("gate-2", props.get(DeviceDriver.DEVICE_ID));
    }
}
