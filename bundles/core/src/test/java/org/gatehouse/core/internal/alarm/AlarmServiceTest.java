package org.gatehouse.core.internal.alarm;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlarmServiceTest {
    private DataSource ds;
    private Platform p;
    private final List<String> transitions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        ds = TestDb.newDataSource();
        p = TestDb.platform(ds, new TestDb.Channels());
        TestDb.seed(p);
        p.alarms.subscribe((t, a) -> transitions.add(t + "#" + a.id()));
    }

    private SecurityEvent stored(String id, Severity sev, boolean restore) {
        return p.events.ingest(new SecurityEvent(id, null, null, "fence-1", null, "fence.intrusion", sev,
                restore ? Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE) : Map.of(), null, null)).event();
    }

    @Test
    void repeatsFoldAndTheLifeCycleIsAudited() {
        Alarm a = p.alarms.raise(stored("e1", Severity.WARNING, false), null);
        Alarm b = p.alarms.raise(stored("e2", Severity.MAJOR, false), null);
        assertEquals(a.id(), b.id());
        assertEquals(2, b.count());
        assertEquals(Severity.MAJOR, b.severity(), "severity rises to the highest seen");
        assertEquals("e2", b.lastEventId());

        Alarm acked = p.alarms.acknowledge(a.id(), "guard1", "on my way");
        assertEquals(AlarmState.ACKNOWLEDGED, acked.state());
        assertEquals("guard1", acked.ackBy());
        assertEquals("alarm-not-raised", assertThrows(GatehouseException.class,
                () -> p.alarms.acknowledge(a.id(), "guard2", null)).code());
        assertEquals(3, p.alarms.raise(stored("e3", Severity.MAJOR, false), null).count(),
                "an acknowledged alarm still folds repeats");

        Alarm resolved = p.alarms.resolve(a.id(), "guard1", "cat on the fence");
        assertEquals(AlarmState.RESOLVED, resolved.state());
        assertEquals("cat on the fence", resolved.note());
        assertEquals("alarm-closed", assertThrows(GatehouseException.class,
                () -> p.alarms.resolve(a.id(), "guard1", null)).code());
        assertEquals("unknown-alarm", assertThrows(GatehouseException.class,
                () -> p.alarms.resolve(999, "guard1", null)).code());

        Alarm next = p.alarms.raise(stored("e4", Severity.MAJOR, false), null);
        assertTrue(next.id() > a.id(), "after resolution the same source raises a new alarm");

        assertEquals(List.of("RAISED#1", "REPEATED#1", "ACKNOWLEDGED#1", "REPEATED#1", "RESOLVED#1", "RAISED#2"),
                transitions);
        var audit = p.audit.query("alarm", "1", null, 0, 50).items();
        assertEquals(List.of("alarm-resolve", "alarm-acknowledge", "alarm-raise"),
                audit.stream().map(e -> e.action()).toList());
        assertEquals("guard1", audit.get(0).actor());
    }

    @Test
    void alarmsAreFoundByTypeOrTypePrefix() {
        p.alarms.raise(stored("e1", Severity.MAJOR, false), null);
        p.alarms.raise(p.events.ingest(new SecurityEvent("g1", null, null, "fence-1", null, "gate.forced",
                Severity.MAJOR, Map.of(), null, null)).event(), null);
        assertEquals(2, p.alarms.query(new AlarmQuery(null, null, null, null, 0, 10)).total());
        assertEquals("fence.intrusion", p.alarms.query(new AlarmQuery(null, null, null, "fence.intrusion", 0, 10))
                .items().get(0).type());
        assertEquals(1, p.alarms.query(new AlarmQuery(null, null, null, "fence.intrusion", 0, 10)).total());
        assertEquals(1, p.alarms.query(new AlarmQuery(null, null, null, "gate.*", 0, 10)).total());
        assertEquals(0, p.alarms.query(new AlarmQuery(null, null, null, "danger.warning", 0, 10)).total());
    }

    @Test
    void restoreEventClearsTheActiveAlarm() {
        Alarm a = p.alarms.raise(stored("e1", Severity.MAJOR, false), null);
        Alarm cleared = p.alarms.clear(stored("r1", Severity.INFO, true)).orElseThrow();
        assertEquals(a.id(), cleared.id());
        assertEquals(AlarmState.CLEARED, cleared.state());
        assertEquals("system", cleared.closedBy());
        assertTrue(p.alarms.clear(stored("r2", Severity.INFO, true)).isEmpty(), "nothing left to clear");
    }

    @Test
    void unacknowledgedAlarmsEscalateUpToTheMaximum() throws Exception {
        p.alarms.configureEscalation(1, 2);
        Alarm a = p.alarms.raise(stored("e1", Severity.MAJOR, false), null);
        Thread.sleep(5);
        assertEquals(1, p.alarms.escalateDue());
        Thread.sleep(5);
        assertEquals(1, p.alarms.escalateDue());
        Thread.sleep(5);
        assertEquals(0, p.alarms.escalateDue(), "level 2 is the maximum");
        assertEquals(2, p.alarms.get(a.id()).orElseThrow().escalationLevel());
        p.alarms.acknowledge(a.id(), "guard", null);
        assertTrue(transitions.contains("ESCALATED#" + a.id()));
    }

    @Test
    void alarmsSurviveARestart() {
        Alarm a = p.alarms.raise(stored("e1", Severity.MAJOR, false), "fence cut");
        p.alarms.acknowledge(a.id(), "guard", null);
        Platform again = TestDb.platform(ds, new TestDb.Channels());
        Alarm reloaded = again.alarms.get(a.id()).orElseThrow();
        assertEquals(AlarmState.ACKNOWLEDGED, reloaded.state());
        assertEquals("fence cut", reloaded.message());
        assertEquals(1, again.alarms.query(AlarmQuery.active(10)).total());
        assertEquals(0, again.alarms.query(new AlarmQuery(java.util.Set.of(AlarmState.RESOLVED), null, null, 0, 10))
                .total());
    }

    @Test
    void transitionsArePublishedOnTopics() {
        List<String> topics = new CopyOnWriteArrayList<>();
        Platform q = new Platform(TestDb.newDataSource(), (t, props) -> topics.add(t), new TestDb.Channels(),
                Platform.Settings.defaults());
        TestDb.seed(q);
        SecurityEvent e = q.events.ingest(new SecurityEvent("x", null, null, "fence-1", null, "fence.cut",
                Severity.MAJOR, null, null, null)).event();
        Alarm a = q.alarms.raise(e, null);
        q.alarms.acknowledge(a.id(), "u", null);
        assertEquals(List.of("gatehouse/alarm/raised", "gatehouse/alarm/acknowledged"), topics);
        assertEquals(7, Transition.values().length);
    }
}
