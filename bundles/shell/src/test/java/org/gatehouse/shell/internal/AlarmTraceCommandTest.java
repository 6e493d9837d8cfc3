package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:alarm-trace against the core's real alarm service on Derby. */
class AlarmTraceCommandTest {
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void printsTheAlarmAndItsStepsAsATable() throws Exception {
        TestDb.seed(core);
        Alarm a = core.alarms.raise(core.events.ingest(new SecurityEvent("e1", null, null, "fence-1", null,
                "fence.intrusion", Severity.CRITICAL, Map.of(), null, null)).event(), "north fence cut");
        core.messages.alarm(a, Transition.RAISED, new Delivery("webhook", null, null, null, "en", null, null, null));
        core.alarms.remindDue(System.currentTimeMillis() + 10 * 60_000);
        core.alarms.acknowledge(a.id(), "guard1", "on my way");
        core.alarms.resolve(a.id(), "guard1", "cat on the fence");

        AlarmTraceCommand cmd = new AlarmTraceCommand();
        cmd.alarms = core.alarms;
        cmd.id = a.id();
        String[] out = Capture.run(cmd);
        List<String> lines = out[0].strip().lines().toList();
        assertTrue(lines.get(0).startsWith("#" + a.id() + " RESOLVED"), out[0]);
        assertTrue(lines.get(1).matches("TIME +STEP +WHO +DETAIL"), lines.get(1));
        List<String> steps = lines.subList(2, lines.size()).stream().map(l -> l.split(" +")[1]).toList();
        assertEquals(List.of("event", "raised", "message", "reminded", "acknowledged", "resolved"), steps, out[0]);
        assertTrue(lines.get(2).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +event +fence-1 +CRITICAL "
                + "fence.intrusion at fence-1"), lines.get(2));
        assertTrue(lines.get(4).contains("RAISED message to the webhook channel"), lines.get(4));
        assertTrue(lines.get(5).contains(" system ") && lines.get(5).contains("reminder 1: not acknowledged for 10 min"),
                lines.get(5));
        assertTrue(lines.get(6).contains(" guard1 ") && lines.get(6).endsWith("on my way"), lines.get(6));
        assertEquals("", out[1]);

        cmd.id = 4711;
        out = Capture.run(cmd);
        assertEquals("Error: unknown-alarm: alarm #4711 does not exist", out[1].strip());
        assertEquals("", out[0]);
    }
}
