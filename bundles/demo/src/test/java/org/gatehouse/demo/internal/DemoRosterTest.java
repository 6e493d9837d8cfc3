package org.gatehouse.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo campus seeded into core's real services on Derby. */
class DemoRosterTest {
    private final Platform p = TestDb.platform();

    @AfterEach
    void stop() {
        p.stop();
    }

    @Test
    void theDemoSchoolHasSomeoneOnEveryPostAroundTheClockAndTwoClasses() {
        assertTrue(DemoComponent.seed(p.sites, p.persons, p.duty, p.attendance, p.dangerZones));
        // the danger zones: the pond never, the chemical store on school days and for its teacher
        assertEquals(List.of("cam-pond"), p.dangerZones.rule("pond").orElseThrow().cameraIds());
        assertTrue(p.dangerZones.rule("pond").orElseThrow().allowed().isEmpty());
        assertEquals(List.of("staff-li"), p.dangerZones.rule("chem-store").orElseThrow().allowedPersons());
        assertEquals("school", p.dangerZones.rule("chem-store").orElseThrow().allowed().get(0).days());
        Instant t = Instant.parse("2026-11-23T00:00:00Z");
        for (int h = 0; h < 48; h++) {
            List<String> posts = p.duty.onDuty(t.plus(Duration.ofMinutes(30L * h))).stream()
                    .map(x -> x.shift().post()).toList();
            assertEquals(List.of("guard-room", "leader"), posts, "at " + t.plus(Duration.ofMinutes(30L * h)));
        }
        assertEquals(List.of("staff-zhao", "staff-sun"), p.duty.onDuty(Instant.parse("2026-11-23T19:00:00Z"))
                .stream().map(x -> x.person().id()).toList(), "03:00 in Shanghai: the night shift");
        // the Zhang parents have a child in each class and are reached once each
        assertEquals(List.of("gdn-0301a", "gdn-0301b", "gdn-0302a", "gdn-0312a"),
                p.notices.audience("guardians").stream().map(c -> c.person().id()).toList());
        assertEquals(List.of("gdn-0301a", "gdn-0301b", "gdn-0312a"),
                p.notices.audience("class:3-1").stream().map(c -> c.person().id()).toList());
    }

    /** Moved from core's PersonServiceTest: the demo campus is its data. */
    @Test
    void zoneContactsAreItsResponsibleStaff() {
        assertTrue(DemoData.seedIfEmpty(p.sites, p.persons));
        List<Contact> pond = p.persons.zoneContacts("pond");
        assertEquals(List.of("sms", "email"), pond.stream().map(Contact::channel).toList());
        assertEquals("staff-wang", pond.get(0).person().id());
        assertEquals(1, p.persons.guardianContacts("stu-0302").size());
        assertEquals("unknown-zone", code(() -> p.persons.zoneContacts("nope")));
    }

    @Test
    void demoDataIsCreatedOnlyOnce() {
        assertTrue(DemoData.seedIfEmpty(p.sites, p.persons));
        assertEquals(6, p.sites.devices(DemoData.SITE).size());
        assertTrue(!DemoData.seedIfEmpty(p.sites, p.persons));
        assertTrue(!DemoComponent.seed(p.sites, p.persons, p.duty, p.attendance, p.dangerZones), "a store with a site is left as it is");
    }

    private static String code(Runnable r) {
        return assertThrows(GatehouseException.class, r::run).code();
    }
}
