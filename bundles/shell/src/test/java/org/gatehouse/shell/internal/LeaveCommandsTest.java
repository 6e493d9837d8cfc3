package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.core.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:leave-passes, leave-approve and leave-reject against core's real leave passes on Derby. */
class LeaveCommandsTest {
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void listsApprovesAndRejects() throws Exception {
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("stu2", "Student 2", PersonRole.STUDENT, null, null, null, "4-1"), "t");
        Instant from = Instant.parse("2026-03-02T01:00:00Z");
        LeavePass a = core.leavePasses.request("stu1", from, from.plusSeconds(7200), "dentist", "parent");
        LeavePass b = core.leavePasses.request("stu2", from, from.plusSeconds(3600), "fever", "parent2");

        LeavePassesCommand list = new LeavePassesCommand();
        list.passes = core.leavePasses;
        String[] out = Capture.run(list);
        assertEquals(2, out[0].lines().count(), out[0]);
        assertEquals("#" + b.id() + " PENDING stu2 2026-03-02T01:00:00Z..2026-03-02T02:00:00Z by parent2 \"fever\"",
                out[0].lines().findFirst().orElseThrow());

        LeaveApproveCommand approve = new LeaveApproveCommand();
        approve.passes = core.leavePasses;
        approve.id = a.id();
        out = Capture.run(approve);
        assertTrue(out[0].startsWith("#" + a.id() + " APPROVED stu1"), out[0]);
        assertTrue(out[0].contains("decided by karaf"), out[0]);
        out = Capture.run(approve);
        assertTrue(out[1].contains("not-pending"), "a second approval is refused: " + out[1]);

        LeaveRejectCommand reject = new LeaveRejectCommand();
        reject.passes = core.leavePasses;
        reject.id = b.id();
        assertTrue(Capture.run(reject)[0].startsWith("#" + b.id() + " REJECTED stu2"));
        reject.id = 9999;
        assertTrue(Capture.run(reject)[1].contains("unknown-pass"));

        list.state = "approved";
        out = Capture.run(list);
        assertEquals(1, out[0].lines().count(), out[0]);
        list.state = null;
        list.group = "4-1";
        assertTrue(Capture.run(list)[0].contains("REJECTED stu2"));
        list.group = "9-9";
        assertEquals("No leave passes.", Capture.run(list)[0].strip());
        list.group = null;
        list.state = "LOST";
        assertTrue(Capture.run(list)[1].contains("bad-state"));
    }
}
