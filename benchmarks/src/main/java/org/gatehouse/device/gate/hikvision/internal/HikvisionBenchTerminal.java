package org.gatehouse.device.gate.hikvision.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.gatehouse.benchmarks.RosterSyncBench;
import org.gatehouse.core.internal.Platform;

/**
 * For {@code RosterSyncBench}: one {@link HikvisionStub} terminal and the real {@link HikvisionDriver} in front of it,
 * attached through the core's device manager with the core's {@code RosterService} and {@code PassageService}, at a
 * given {@code sync.max.per.second} (the other settings at their defaults; no heartbeat timeout during the run).
 */
public final class HikvisionBenchTerminal implements RosterSyncBench.Terminal {
    private final Platform platform;
    private final HikvisionStub stub;
    private final HikvisionDriver driver;

    private HikvisionBenchTerminal(Platform platform, String deviceId, int perSecond) throws IOException {
        this.platform = platform;
        stub = new HikvisionStub("admin", "Pa55word");
        HikvisionSettings settings = new HikvisionSettings(deviceId, stub.url(), "admin", "Pa55word", 1, "in", null,
                "", Duration.ofHours(1), Duration.ofSeconds(60), perSecond, Duration.ofSeconds(10));
        driver = new HikvisionDriver(settings, platform.passages, platform.roster, platform.sites::device);
    }

    /** Starts the stub and attaches the driver: its first sync pass starts at once. */
    public static HikvisionBenchTerminal attach(Platform platform, String deviceId, int perSecond)
            throws IOException {
        HikvisionBenchTerminal t = new HikvisionBenchTerminal(platform, deviceId, perSecond);
        platform.devices.add(t.driver, Map.of(), "bench");
        return t;
    }

    @Override
    public int faces() {
        return stub.faces().size();
    }

    @Override
    public String extra() {
        return ", " + stub.requests().size() + " ISAPI requests";
    }

    @Override
    public void close() {
        platform.devices.remove(driver);
        stub.close();
    }
}
