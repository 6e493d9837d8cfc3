package org.gatehouse.notify.sms.smpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Page;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService;
import org.junit.jupiter.api.Test;

class SmppComponentTest {

    /** Records receipts; the rest of the outbox is not used by this bundle. */
    static final class RecordingOutbox implements OutboxService {
        final List<String> receipts = new CopyOnWriteArrayList<>();

        @Override
        public OutboxMessage enqueue(Request request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean receipt(String provider, String providerMessageId, boolean delivered, String detail) {
            receipts.add(provider + "|" + providerMessageId + "|" + delivered + "|" + detail);
            return true;
        }

        @Override
        public Optional<OutboxMessage> get(String id) {
            return Optional.empty();
        }

        @Override
        public Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void receiptsGoToTheOutboxWhenPresentAndAreDroppedOtherwise() {
        SmppComponent component = new SmppComponent();
        component.receipt(new SmppChannel.Receipt("sms-smpp", "1001", true, "stat:DELIVRD err:000")); // no outbox
        RecordingOutbox outbox = new RecordingOutbox();
        component.outbox = outbox;
        component.receipt(new SmppChannel.Receipt("sms-smpp", "1002", false, "stat:UNDELIV err:001"));
        assertEquals(List.of("sms-smpp|1002|false|stat:UNDELIV err:001"), outbox.receipts);
    }

    @Test
    void servicePropertiesHoldNoSecret() {
        Map<String, Object> values = SmppSettingsTest.valid();
        values.put("password", "pw");
        values.put("provider", "school-smpp");
        var props = SmppComponent.serviceProperties(SmppSettings.from(SmppSettingsTest.config(values), k -> null));
        assertEquals(2, props.size());
        assertEquals("sms", props.get(NotificationChannel.CHANNEL));
        assertEquals("school-smpp", props.get(NotificationChannel.PROVIDER));
    }
}
