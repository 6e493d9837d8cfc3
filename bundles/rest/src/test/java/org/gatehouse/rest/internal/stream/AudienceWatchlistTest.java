package org.gatehouse.rest.internal.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.auth.Identity;
import org.junit.jupiter.api.Test;

/** The stream sends the watchlist's alarms and events to admin and security only (StreamHub filters with this). */
class AudienceWatchlistTest {
    private static Audience of(String... roles) {
        return Audience.of(new Identity("u", Set.of(roles)), new Services());
    }

    @Test
    void onlyAdminAndSecuritySeeWatchlistTypes() {
        assertTrue(of("security").seesType("watchlist.hit"));
        assertTrue(of("admin").seesType("watchlist.hit"));
        assertFalse(of("teacher").seesType("watchlist.hit"), "teachers get alarms, never the watchlist's");
        assertFalse(of("guardian").seesType("watchlist.hit"));
        assertFalse(of("integrator").seesType("watchlist.hit"));
        assertTrue(of("teacher").seesType("fence.intrusion"));
    }
}
