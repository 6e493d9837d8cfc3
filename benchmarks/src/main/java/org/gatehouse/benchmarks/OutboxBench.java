package org.gatehouse.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage.Status;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.internal.Publisher;

/**
 * Outbox overhead per message: a notice to N guardians is queued (one stored message each, as the outbox does for
 * every recipient), then delivered by the outbox worker through a channel that only counts. Measures the store and
 * delivery bookkeeping of the outbox itself, not a gateway.
 *
 * <p>Usage: {@code OutboxBench [messages=3000]}
 */
public final class OutboxBench {
    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "outbox-db");
        javax.sql.DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        AtomicLong delivered = new AtomicLong();
        NotificationChannel counting = new NotificationChannel() {
            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.TEXT);
            }

            @Override
            public DeliveryReceipt send(Notification notification) {
                delivered.incrementAndGet();
                return new DeliveryReceipt("p-" + notification.id(), false, "counted");
            }
        };
        ChannelDirectory one = new ChannelDirectory() {
            @Override
            public List<Found> find(String kind, String filter) {
                return List.of(new Found("bench-sms", counting));
            }

            @Override
            public void checkFilter(String filter) {
            }
        };
        Platform p = new Platform(ds, Publisher.NONE, one, Platform.Settings.defaults());
        String text = "【示范学校】暑期防溺水安全提醒：请家长提醒孩子不私自下水游泳。Summer safety notice: no swimming without adults.";

        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            p.outbox.enqueue(new OutboxService.Request("sms", null, "notice", String.format("+86139%08d", i), "zh-CN",
                    "安全提醒", text, Map.of("noticeId", "summer-1"), "notice-summer-1-" + i,
                    OutboxService.Priority.NORMAL, null, null));
        }
        long queuedNs = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        p.start();
        while (p.outbox.query(Status.SENT, 0, 1).total() < n) {
            Thread.sleep(50);
        }
        long deliveredNs = System.nanoTime() - t1;
        p.stop();
        System.out.printf("messages=%d%n", n);
        System.out.printf("queue (store) : %.0f messages/s, %.2f ms each%n", n / (queuedNs / 1e9), queuedNs / 1e6 / n);
        System.out.printf("deliver       : %.0f messages/s, %.2f ms each (status bookkeeping, no gateway)%n",
                n / (deliveredNs / 1e9), deliveredNs / 1e6 / n);
        System.out.printf("total         : %.1f s for the whole notice; channel calls %d (no loss, no duplicate: %s)%n",
                (queuedNs + deliveredNs) / 1e9, delivered.get(), delivered.get() == n);
        System.exit(0);
    }
}
