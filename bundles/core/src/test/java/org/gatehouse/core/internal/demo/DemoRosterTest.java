package org.gatehouse.core.internal.demo;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DemoRosterTest {
    @Test
    void theDemoSchoolHasSomeoneOnEveryPostAroundTheClockAndTwoClasses() {
        Platform.Settings d = Platform.Settings.defaults();
        Platform p = new Platform(TestDb.newDataSource(), Publisher.NONE, new TestDb.Channels(),
                new Platform.Settings(true, d.escalationAfterMs(), d.escalationMaxLevel(), d.retryInitialMs(),
                        d.retryMaxMs(), d.maxAgeMs(), d.spineQueueCapacity(), d.waitForSubscribersMs(),
                        d.dispatchThreads()));
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
}
