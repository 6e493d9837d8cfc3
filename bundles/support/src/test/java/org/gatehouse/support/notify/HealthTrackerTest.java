package org.gatehouse.support.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    @Test
    void unknownUntilTheFirstSendThenAsTheLastSendLeftIt() {
        HealthTracker health = new HealthTracker();
        assertEquals(ChannelHealth.UNKNOWN, health.get());
        health.up();
        assertEquals(ChannelHealth.UP, health.get());

        IOException cause = new IOException("connection refused");
        DeliveryException retry = health.fail("cannot connect", true, cause);
        assertEquals(ChannelHealth.DOWN, health.get());
        assertTrue(retry.retryable());
        assertEquals("cannot connect", retry.getMessage());
        assertSame(cause, retry.getCause());

        DeliveryException refused = health.fail("bad password", false, null);
        assertEquals(ChannelHealth.DEGRADED, health.get());
        assertFalse(refused.retryable());
        assertNull(refused.getCause());

        health.up();
        assertEquals(ChannelHealth.UP, health.get());
    }
}
