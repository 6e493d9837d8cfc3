package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitRequest;
import org.gatehouse.api.visitor.Visitor;
import org.gatehouse.core.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:visits, visit-approve, visit-reject and visit-invite against core's real visits on Derby. */
class VisitCommandsTest {
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void listsApprovesRejectsAndInvites() throws Exception {
        core.persons.savePerson(new Person("t1", "Ms Li", PersonRole.STAFF, null, null, null, "3-2"), "t");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Visit a = core.visits.register(new VisitRequest(new Visitor("Zhang San", "13800000001", "11010519491231002X"),
                "t1", "meeting", from, from.plusSeconds(7200)), Visit.SOURCE_WALK_IN, "guard");
        Visit b = core.visits.register(new VisitRequest(new Visitor("Li Si", "13800000002", null), "t1", null,
                from.plusSeconds(3600), from.plusSeconds(7200)), Visit.SOURCE_WALK_IN, "guard");

        VisitsCommand list = new VisitsCommand();
        list.visits = core.visits;
        String[] out = Capture.run(list);
        assertEquals(2, out[0].lines().count(), out[0]);
        assertEquals("#" + b.id() + " PENDING Li Si -> t1 Ms Li " + Formats.time(b.from()) + ".."
                + Formats.time(b.to()) + " walk-in", out[0].lines().findFirst().orElseThrow());
        assertTrue(out[0].contains("(1101**********002X)"), "the ID number only masked: " + out[0]);

        VisitApproveCommand approve = new VisitApproveCommand();
        approve.visits = core.visits;
        approve.id = a.id();
        out = Capture.run(approve);
        assertTrue(out[0].startsWith("#" + a.id() + " APPROVED Zhang San"), out[0]);
        assertTrue(out[0].contains("decided by karaf"), out[0]);
        out = Capture.run(approve);
        assertTrue(out[1].contains("bad-state"), "a second approval is refused: " + out[1]);

        VisitRejectCommand reject = new VisitRejectCommand();
        reject.visits = core.visits;
        reject.id = b.id();
        reject.note = "host away";
        out = Capture.run(reject);
        assertTrue(out[0].startsWith("#" + b.id() + " REJECTED Li Si"), out[0]);
        assertTrue(out[0].contains("note \"host away\""), out[0]);
        reject.id = 9999;
        assertTrue(Capture.run(reject)[1].contains("unknown-visit"));

        list.state = "approved";
        assertEquals(1, Capture.run(list)[0].lines().count());
        list.state = "LOST";
        assertTrue(Capture.run(list)[1].contains("invalid-state"));
        list.state = null;
        list.date = "2000-01-01";
        assertEquals("No visits.", Capture.run(list)[0].strip());
        list.date = "yesterday";
        assertTrue(Capture.run(list)[1].contains("invalid-date"));

        VisitInviteCommand invite = new VisitInviteCommand();
        invite.visits = core.visits;
        invite.hostId = "t1";
        invite.from = from.plusSeconds(3600).toString();
        invite.to = from.plusSeconds(7200).toString();
        invite.purpose = "interview";
        invite.base = "https://school.example/";
        out = Capture.run(invite);
        String link = out[0].lines().findFirst().orElseThrow();
        assertTrue(link.startsWith("https://school.example/gatehouse/visit/"), out[0]);
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertEquals("t1", core.visits.invitation(token).orElseThrow().hostId());
        invite.hostId = "ghost";
        assertTrue(Capture.run(invite)[1].contains("unknown-host"));
        invite.hostId = "t1";
        invite.to = "tomorrow";
        assertTrue(Capture.run(invite)[1].contains("invalid-to"));
    }
}
