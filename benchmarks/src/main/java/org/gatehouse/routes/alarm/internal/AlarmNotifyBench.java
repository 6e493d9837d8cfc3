package org.gatehouse.routes.alarm.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.camel.internal.AlarmComponent;
import org.gatehouse.camel.internal.EventComponent;
import org.gatehouse.camel.internal.NotifyComponent;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.routes.rules.internal.RulesForBench;

/**
 * Fence alarm -> first notification handed to a channel, in one plain JVM with the real parts: the core on an embedded
 * Derby on disk (spine, alarms, message service, templates, outbox with its delivery thread), a Camel context with the
 * platform's gatehouse-event, gatehouse-alarm and gatehouse-notify components, the routes gatehouse-alarm-rules and
 * gatehouse-alarm-notify as shipped (default rules; channels webhook, transitions RAISED,ESCALATED), and an in-process
 * webhook channel that records when its send is called. Each fence event gets its own alarm source, so each raises a
 * new alarm. Latency: from the call of {@code EventService#ingest} (what POST /events calls) to the channel's send.
 *
 * <p>Arguments: events per second (paced), seconds, then a back-to-back burst of N events (0 for none).
 */
public final class AlarmNotifyBench {
    private AlarmNotifyBench() {
    }

    /** The webhook channel: notes the time of each send by alarm id. */
    static final class Recording implements NotificationChannel {
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        volatile CountDownLatch expected = new CountDownLatch(0);

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.TEXT);
        }

        @Override
        public DeliveryReceipt send(Notification n) {
            long now = System.nanoTime();
            if (sentAt.putIfAbsent(n.data().get("alarmId"), now) == null) {
                expected.countDown();
            }
            return new DeliveryReceipt("bench-" + n.id(), false, "200");
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.setProperty("derby.stream.error.file", "target/derby-alarm-notify-bench.log");
        File dir = new File("target/bench-db/alarm-notify-" + System.nanoTime());
        TestDb.Channels channels = new TestDb.Channels();
        Recording webhook = new Recording();
        channels.add("webhook", "bench-hook", webhook);
        Platform core = new Platform(TestDb.dataSource(dir.getAbsolutePath()), Publisher.NONE, channels,
                Platform.Settings.defaults());
        TestDb.seed(core); // site s1, device fence-1
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("gatehouse-event", new EventComponent(core.events));
        camel.addComponent("gatehouse-alarm", new AlarmComponent(core.alarms));
        camel.addComponent("gatehouse-notify", new NotifyComponent(core.outbox, core.messages));
        camel.addRoutes(RulesForBench.routes(Severity.WARNING));
        camel.addRoutes(new AlarmNotifyRoutes(new NotifyPlan(List.of("webhook"), List.of(), "RAISED,ESCALATED",
                "zh-CN", Severity.WARNING), null, null, null, true));
        camel.start();
        core.start();
        try {
            run(core, webhook, "warm-up", Math.max(1, rate), 3, 0);
            run(core, webhook, "paced", rate, seconds, 0);
            if (burst > 0) {
                run(core, webhook, "burst", 0, 0, burst);
            }
        } finally {
            camel.stop();
            core.stop();
        }
    }

    private static int seq;

    /** Posts events paced at {@code rate}/s for {@code seconds}, or {@code burst} back to back; prints the latencies. */
    private static void run(Platform core, Recording webhook, String name, int rate, int seconds, int burst)
            throws InterruptedException {
        int n = burst > 0 ? burst : rate * seconds;
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        webhook.expected = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (burst == 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            String id = "bench-" + (++seq);
            long t0 = System.nanoTime();
            core.events.ingest(new SecurityEvent(id, null, null, "fence-1", null, "fence.intrusion", Severity.MAJOR,
                    Map.of("alarm.source", id), null, null));
            // the alarm id is known once raised; match by the event id through the alarm afterwards
            postedAt.put(id, t0);
        }
        long posted = System.nanoTime();
        if (!webhook.expected.await(120, TimeUnit.SECONDS)) {
            System.out.printf("%s: only %d of %d notifications within 120 s%n", name, n - webhook.expected.getCount(),
                    n);
        }
        long done = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        for (var a : core.alarms.query(new org.gatehouse.api.AlarmQuery(Set.of(), null, null, 0, 1000)).items()) {
            Long t0 = postedAt.get(a.lastEventId());
            Long t1 = webhook.sentAt.get(Long.toString(a.id()));
            if (t0 != null && t1 != null) {
                latencies.add(t1 - t0);
            }
        }
        if (n > 1000) {
            System.out.println("(latencies of the newest 1000 alarms)");
        }
        latencies.sort(null);
        if (latencies.isEmpty()) {
            System.out.println(name + ": no latencies");
            return;
        }
        System.out.printf("%s: %d fence events (%s), all handed to the channel in %.1f s; ingest calls %.0f/s;"
                        + " event -> channel send p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name, n,
                burst > 0 ? "back to back" : rate + "/s paced", (done - start) / 1e9,
                n / ((posted - start) / 1e9), ms(latencies, 0.50), ms(latencies, 0.99),
                latencies.get(latencies.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
