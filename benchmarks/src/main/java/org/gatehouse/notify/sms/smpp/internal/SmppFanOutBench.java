package org.gatehouse.notify.sms.smpp.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Stats;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.internal.Publisher;
import org.jsmpp.util.DeliveryReceiptState;

/**
 * Fan-out of one home-school notice to N guardians through the SMPP channel against the jsmpp test SMSC of the
 * sms-smpp module (real SMPP 3.4 over loopback): audience expansion and queueing (one outbox message each), delivery
 * by the outbox worker through {@code SmppChannel} (UCS-2, segmented), the count at the SMSC, then a delivery receipt
 * per message back into the outbox and the notice's statistics. In the benchmarks module, in the plugin's package,
 * to use its package-private channel and the test SMSC.
 *
 * <p>Usage: {@code SmppFanOutBench [guardians=3000] [max.per.second=1000]}
 */
public final class SmppFanOutBench {
    private SmppFanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "smpp-db");
        javax.sql.DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());

        int port = Smsc.freePort();
        try (Smsc smsc = new Smsc("school", "secret", port).start()) {
            Platform[] platform = new Platform[1];
            SmppSettings settings = new SmppSettings("127.0.0.1", port, "school", "secret", "", "GATEHOUSE", 5, 0, 1, 1,
                    Duration.ofSeconds(5), Duration.ofSeconds(10), 30, rate, true, "bench-smpp");
            SmppChannel channel = new SmppChannel(settings, r -> platform[0].outbox.receipt(r.provider(),
                    r.providerMessageId(), r.delivered(), r.detail()));
            ChannelDirectory one = new ChannelDirectory() {
                @Override
                public List<Found> find(String kind, String filter) {
                    return "sms".equals(kind) ? List.of(new Found("bench-smpp", channel)) : List.of();
                }

                @Override
                public void checkFilter(String filter) {
                }
            };
            Platform p = new Platform(ds, Publisher.NONE, one, Platform.Settings.defaults());
            platform[0] = p;
            p.sites.saveSite(new Site("bench", "示范学校", "Asia/Shanghai", null), "bench");
            long s0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String stu = String.format("s%05d", i);
                String gdn = String.format("g%05d", i);
                boolean en = i % 5 == 0; // one guardian in five reads English
                p.persons.savePerson(new Person(stu, "学生" + i, PersonRole.STUDENT, null, null, "zh-CN",
                        "5-" + (1 + i % 60)), "bench");
                p.persons.savePerson(new Person(gdn, "家长" + i, PersonRole.GUARDIAN, String.format("+86139%08d", i),
                        null, en ? "en" : "zh-CN", null), "bench");
                p.persons.bind(new GuardianBinding(gdn, stu, "parent", "sms", true), "bench");
            }
            System.out.printf("seeded %d students and guardians in %.1f s%n", n, (System.nanoTime() - s0) / 1e9);

            p.notices.create(new Notice("summer", null, "notice.safety.drowning", Map.of(), "guardians", null, null,
                    null, null, null, null, 0), "bench");
            long t0 = System.nanoTime();
            p.notices.fireDue(Instant.now()); // audience expansion + one stored message per guardian
            long queuedNs = System.nanoTime() - t0;
            Stats st = p.notices.stats("summer");
            if (st.recipients() != n) {
                throw new IllegalStateException("expected " + n + " recipients, got " + st);
            }

            long t1 = System.nanoTime();
            p.start();
            while (smsc.messages.size() < n || p.notices.stats("summer").sent() + p.notices.stats("summer").delivered() < n) {
                if (System.nanoTime() - t1 > 600e9) {
                    throw new IllegalStateException("not delivered in 10 min: " + p.notices.stats("summer")
                            + ", at SMSC " + smsc.messages.size());
                }
                Thread.sleep(100);
            }
            long sentNs = System.nanoTime() - t1;
            Set<String> dest = new HashSet<>();
            int segments = 0;
            for (Smsc.Message m : smsc.messages) {
                dest.add(m.dest());
                segments += m.segments();
            }

            long t2 = System.nanoTime();
            for (Smsc.Message m : smsc.messages) {
                smsc.sendReceipt(m.messageId(), DeliveryReceiptState.DELIVRD);
            }
            while (p.notices.stats("summer").delivered() < n && System.nanoTime() - t2 < 120e9) {
                Thread.sleep(100);
            }
            long receiptNs = System.nanoTime() - t2;
            Stats end = p.notices.stats("summer");
            p.stop();
            channel.close();

            System.out.printf("guardians=%d max.per.second=%d%n", n, rate);
            System.out.printf("expand + queue : %.2f s (%.0f messages/s)%n", queuedNs / 1e9, n / (queuedNs / 1e9));
            System.out.printf("send via SMPP  : %.2f s (%.0f messages/s, %d submit_sm PDUs, %.1f per message)%n",
                    sentNs / 1e9, n / (sentNs / 1e9), segments, segments / (double) n);
            System.out.printf("receipts       : %.2f s for %d delivery receipts%n", receiptNs / 1e9, end.delivered());
            System.out.printf("total          : %.2f s from send to the last submit_sm_resp%n", (queuedNs + sentNs) / 1e9);
            System.out.printf("at the SMSC    : %d messages, %d distinct numbers, submits %d (no loss: %s, no duplicate: %s)%n",
                    smsc.messages.size(), dest.size(), smsc.submits.size(), dest.size() == n,
                    smsc.messages.size() == n);
            System.out.printf("notice stats   : %s%n", end);
        }
        System.exit(0);
    }
}
