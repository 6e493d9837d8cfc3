package org.gatehouse.support.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.junit.jupiter.api.Test;

class AbstractChannelTest {

    /** Sends to phone numbers; fails as told. */
    static final class Channel extends AbstractChannel {
        IOException failure;
        boolean permanent;

        Channel() {
            super(EnumSet.of(Capability.TEXT, Capability.RECEIPT));
        }

        @Override
        public DeliveryReceipt send(Notification n) throws DeliveryException {
            String to = phoneNumber(n.recipient());
            if (failure != null) {
                throw fail("cannot reach the gateway: " + failure.getMessage(), !permanent, failure);
            }
            up();
            return new DeliveryReceipt(to, false, "ok");
        }
    }

    private static Notification to(String recipient) {
        return new Notification("m-1", "alarm.raised", recipient, "en", null, "text", null, null);
    }

    @Test
    void capabilitiesAreFixed() {
        Channel c = new Channel();
        assertEquals(Set.of(Channel.Capability.TEXT, Channel.Capability.RECEIPT),
                c.capabilities());
        assertThrows(UnsupportedOperationException.class, () -> c.capabilities().add(Channel.Capability.RICH));
    }

    @Test
    void unknownUntilTheFirstSendThenAsTheLastSendLeftIt() throws Exception {
        Channel c = new Channel();
        assertEquals(ChannelHealth.UNKNOWN, c.health());
        assertEquals("+8613800138000", c.send(to("+86 138-0013-8000")).providerMessageId());
        assertEquals(ChannelHealth.UP, c.health());

        c.failure = new IOException("connection refused");
        DeliveryException retry = assertThrows(DeliveryException.class, () -> c.send(to("13800138000")));
        assertEquals(ChannelHealth.DOWN, c.health());
        assertTrue(retry.retryable());
        assertEquals("cannot reach the gateway: connection refused", retry.getMessage());
        assertSame(c.failure, retry.getCause());

        c.permanent = true;
        assertFalse(assertThrows(DeliveryException.class, () -> c.send(to("13800138000"))).retryable());
        assertEquals(ChannelHealth.DEGRADED, c.health());

        c.failure = null;
        c.send(to("13800138000"));
        assertEquals(ChannelHealth.UP, c.health());
    }

    @Test
    void aRecipientThatIsNoPhoneNumberIsAPermanentFailure() {
        Channel c = new Channel();
        DeliveryException e = assertThrows(DeliveryException.class, () -> c.send(to("guard@school.example")));
        assertFalse(e.retryable());
        assertNull(e.getCause());
        assertEquals("recipient 'guard@school.example' is not a phone number (+ and 6 to 15 digits)", e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, c.health());
    }
}
