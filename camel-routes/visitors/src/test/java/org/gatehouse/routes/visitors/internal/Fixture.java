package org.gatehouse.routes.visitors.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.camel.internal.AlarmComponent;
import org.gatehouse.camel.internal.EventComponent;
import org.gatehouse.camel.internal.NotifyComponent;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;

/**
 * The routes on a real CamelContext behind the platform's real gatehouse-event, gatehouse-alarm and gatehouse-notify
 * components, over the core's real services on Derby: events go through the spine, messages are rendered from the
 * shipped templates by the message service and stored in the outbox (nothing is delivered: no channel is started).
 * Site s1 with gate-1 ("Gate 1"); host-1 (STAFF, phone, zh-CN), visitor-12 (VISITOR, phone), visitor-13 (VISITOR,
 * neither phone nor e-mail), guard-1 (guard room), sec-1 (security), leader-1 (duty leader all day, e-mail only, en).
 */
final class Fixture implements AutoCloseable {
    static final String BASE = "https://school.example";

    /** A message in the outbox, as stored. */
    record Sent(String kind, String channel, String recipient, String language, String subject, String body,
                String dedupeKey, String priority) {
    }

    final Platform core = TestDb.platform();
    final CamelContext context = new DefaultCamelContext();

    Fixture() {
        TestDb.seedGate(core);
        person("host-1", "王老师", PersonRole.STAFF, "+8613800000001", null, "zh-CN");
        person("visitor-12", "张三", PersonRole.VISITOR, "+8613900000012", null, null);
        person("visitor-13", "李四", PersonRole.VISITOR, null, null, null);
        person("guard-1", "门卫老刘", PersonRole.STAFF, "+8613800000003", null, "zh-CN");
        person("sec-1", "保卫处小陈", PersonRole.STAFF, "+8613800000004", null, null);
        person("leader-1", "Duty Leader", PersonRole.STAFF, null, "leader@school.example", "en");
        core.duty.save(new Shift(null, "s1", "leader-1", "leader", List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                null, null), "t");
        context.addComponent("gatehouse-event", new EventComponent(core.events));
        context.addComponent("gatehouse-alarm", new AlarmComponent(core.alarms));
        context.addComponent("gatehouse-notify", new NotifyComponent(core.outbox, core.messages));
    }

    private void person(String id, String name, PersonRole role, String phone, String email, String language) {
        core.persons.savePerson(new Person(id, name, role, phone, email, language, null), "t");
    }

    /** Settings as the default cfg with the base URL, guard room and security staff set. */
    static Settings settings() {
        return Settings.of(true, BASE + "/", 72, "guard-1", "sec-1", "leader", "zh-CN", "Asia/Shanghai");
    }

    void start(RoutesBuilder... builders) throws Exception {
        for (RoutesBuilder b : builders) {
            context.addRoutes(b);
        }
        context.start();
        core.events.start();
    }

    /** Publishes an event of gate-1 on the spine. */
    void publish(String id, String type, Severity severity, Instant time, Map<String, String> attributes) {
        core.events.ingest(new SecurityEvent(id, time, null, "gate-1", null, type, severity, attributes, null, null));
    }

    /** @return the outbox, oldest first */
    List<Sent> sent() {
        return core.db.tx(c -> Db.list(c, "SELECT * FROM OUTBOX ORDER BY CREATED_MS, DEDUPE_KEY", rs -> new Sent(
                rs.getString("KIND"), rs.getString("CHANNEL"), rs.getString("RECIPIENT"), rs.getString("LANGUAGE"),
                rs.getString("SUBJECT"), rs.getString("BODY"), rs.getString("DEDUPE_KEY"), rs.getString("PRIORITY"))));
    }

    /** @return the messages of a dedupe key prefix once there are {@code n} in the outbox (the spine is async) */
    List<Sent> await(String dedupePrefix, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<Sent> s = sent().stream().filter(m -> m.dedupeKey().startsWith(dedupePrefix)).toList();
            if (s.size() >= n) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                fail("expected " + n + " messages " + dedupePrefix + "*, the outbox holds " + sent());
            }
            Thread.sleep(20);
        }
    }

    /** A configuration of the PID as DS would give it: the defaults, with some keys set. */
    static VisitorRoutesConfig config(Map<String, Object> set) {
        return (VisitorRoutesConfig) Proxy.newProxyInstance(Fixture.class.getClassLoader(),
                new Class<?>[] {VisitorRoutesConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    return set.containsKey(key) ? set.get(key) : method.getDefaultValue();
                });
    }

    /** Runs the action and returns what was logged (slf4j-simple writes to System.err). */
    static String logOf(Runnable action) {
        return logOf(action, null);
    }

    /**
     * Runs the action and returns what was logged (slf4j-simple writes to System.err), once it holds {@code expected}
     * (the routes run on the spine's threads) or 20 s passed.
     */
    static String logOf(Runnable action, String expected) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
            long deadline = System.currentTimeMillis() + 20_000;
            while (expected != null && !out.toString(StandardCharsets.UTF_8).contains(expected)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setErr(err);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        err.print(log);
        return log;
    }

    @Override
    public void close() throws Exception {
        context.stop();
        core.stop();
    }
}
