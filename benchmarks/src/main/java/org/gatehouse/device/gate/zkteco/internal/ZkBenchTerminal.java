package org.gatehouse.device.gate.zkteco.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.server.Server;
import org.gatehouse.benchmarks.RosterSyncBench;
import org.gatehouse.core.internal.Platform;

/**
 * For {@code RosterSyncBench}: the real {@link ZkDriver} behind its {@link ZkServlet} on Jetty 9.4 (a free loopback
 * port), attached through the core's device manager with the core's {@code RosterService} and {@code PassageService},
 * and the test module's {@link StubTerminal} calling in over HTTP: a handshake, then one poll every
 * {@code pollMillis} (fetch the commands, carry them out, post the results), as a terminal with {@code Delay} does.
 * Settings are the defaults of the reference cfg but for {@code sync.max.per.second} and {@code poll.seconds}.
 */
public final class ZkBenchTerminal implements RosterSyncBench.Terminal {
    private final Platform platform;
    private final ZkDriver driver;
    private final Server jetty;
    private final StubTerminal stub;
    private final AtomicInteger polls = new AtomicInteger();
    private final Thread poller;
    private final long pollMillis;

    private ZkBenchTerminal(Platform platform, String deviceId, String serial, int perSecond, long pollMillis,
                            Path data) throws Exception {
        this.platform = platform;
        this.pollMillis = pollMillis;
        ZkSettings settings = new ZkSettings(deviceId, serial, Set.of(), ZoneId.of("Asia/Shanghai"), 120_000,
                60_000, perSecond, 50, 50, 1024 * 1024, (int) Math.max(1, pollMillis / 1000), 3000, false,
                "AC_UNLOCK", "bench");
        driver = new ZkDriver(settings, platform.passages, platform.roster, data.resolve("zkteco-" + serial
                + ".stamps"));
        jetty = ZkJetty.serve(driver);
        stub = new StubTerminal(ZkJetty.base(jetty), serial);
        platform.devices.add(driver, Map.of(), "bench");
        stub.handshake();
        poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    stub.pollOnce();
                    polls.incrementAndGet();
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    System.out.println("poll failed: " + e);
                }
            }
        }, "zk-bench-terminal-" + serial);
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts Jetty with the driver's servlet, attaches the driver, and lets the stub terminal call in and poll. */
    public static ZkBenchTerminal attach(Platform platform, String deviceId, String serial, int perSecond,
                                         long pollMillis, Path data) throws Exception {
        return new ZkBenchTerminal(platform, deviceId, serial, perSecond, pollMillis, data);
    }

    @Override
    public int faces() {
        return stub.faces.size();
    }

    @Override
    public String extra() {
        return String.format(Locale.ROOT, ", %d polls every %d ms, %d of them with commands, at most %d commands in"
                + " one answer", polls.get(), pollMillis, stub.batches.size(),
                stub.batches.stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    @Override
    public void close() throws Exception {
        poller.interrupt();
        poller.join(5000);
        platform.devices.remove(driver);
        driver.close();
        jetty.stop();
    }
}
