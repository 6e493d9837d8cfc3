package org.gatehouse.notify.sms.smpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmppChannelTest {

    private static final String SYSTEM_ID = "gatehouse";
    private static final String PASSWORD = "s3cret";

    private int port;
    private Smsc smsc;
    private SmppChannel channel;
    private final BlockingQueue<SmppChannel.Receipt> receipts = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        port = Smsc.freePort();
        smsc = new Smsc(SYSTEM_ID, PASSWORD, port).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        smsc.close();
    }

    private SmppSettings settings(String password, int maxPerSecond) {
        return new SmppSettings("127.0.0.1", port, SYSTEM_ID, password, "", "GATEHOUSE", 5, 0, 1, 1,
                Duration.ofSeconds(3), Duration.ofSeconds(3), 30, maxPerSecond, true, "school-smpp");
    }

    private SmppChannel channel(String password, int maxPerSecond) {
        channel = new SmppChannel(settings(password, maxPerSecond), receipts::add);
        return channel;
    }

    private static Notification sms(String to, String subject, String text) {
        return new Notification("m-1", "alarm.raised", to, "zh-CN", subject, text, Map.of(), Instant.now());
    }

    private Smsc.Message lastMessage() {
        List<Smsc.Message> messages = smsc.messages;
        assertFalse(messages.isEmpty(), "the SMSC got no complete message");
        return messages.get(messages.size() - 1);
    }

    @Test
    void sendsAsciiAsGsmWithSubject() throws Exception {
        SmppChannel c = channel(PASSWORD, 10);
        assertEquals(ChannelHealth.UNKNOWN, c.health());
        DeliveryReceipt r = c.send(sms("+86 138-0013-8000", "Fence alarm", "Zone 3 [north] @ 10:02 {test} $5_~"));
        Smsc.Message m = lastMessage();
        assertEquals("8613800138000", m.dest());
        assertEquals(0x00, m.dataCoding());
        assertEquals(1, m.segments());
        assertEquals("Fence alarm\nZone 3 [north] @ 10:02 {test} $5_~", m.text());
        assertEquals(m.messageId(), r.providerMessageId());
        assertFalse(r.delivered());
        assertEquals("submit_sm_resp OK, 1 segment(s)", r.detail());
        assertEquals(ChannelHealth.UP, c.health());
        var submit = smsc.submits.get(0);
        assertEquals("GATEHOUSE", submit.getSourceAddr());
        assertEquals(5, submit.getSourceAddrTon());
        assertEquals(1, submit.getDestAddrTon());
        assertEquals(1, submit.getDestAddrNpi());
        assertEquals(1, submit.getRegisteredDelivery() & 0x03);
        assertEquals(0, submit.getEsmClass() & 0x40);
    }

    @Test
    void sendsChineseAsUcs2() throws Exception {
        DeliveryReceipt r = channel(PASSWORD, 10).send(sms("+8613800138000", "告警", "东门围栏告警"));
        Smsc.Message m = lastMessage();
        assertEquals(0x08, m.dataCoding());
        assertEquals("告警\n东门围栏告警", m.text());
        assertEquals(m.messageId(), r.providerMessageId());
    }

    @Test
    void segmentsLongChineseTextIntoFiveUcs2Parts() throws Exception {
        String text = "告警".repeat(150); // 300 characters: 5 segments of at most 67
        DeliveryReceipt r = channel(PASSWORD, 10).send(sms("+8613800138000", null, text));
        assertEquals(5, smsc.submits.size());
        for (var s : smsc.submits) {
            assertEquals(0x40, s.getEsmClass() & 0x40, "UDHI set");
            assertEquals(0x08, s.getDataCoding());
            assertTrue(s.getShortMessage().length <= 140);
        }
        Smsc.Message m = lastMessage();
        assertEquals(5, m.segments());
        assertEquals(text, m.text());
        assertEquals(m.messageId(), r.providerMessageId(), "the first segment's id");
        assertEquals("submit_sm_resp OK, 5 segment(s)", r.detail());
    }

    @Test
    void segmentsLongAsciiTextAsGsm() throws Exception {
        String text = "Intrusion at gate 2. ".repeat(10).strip(); // 209 septets: 2 segments
        channel(PASSWORD, 10).send(sms("+8613800138000", null, text));
        Smsc.Message m = lastMessage();
        assertEquals(0x00, m.dataCoding());
        assertEquals(2, m.segments());
        assertEquals(text, m.text());
    }

    @Test
    void deliveryReceiptReachesTheCallback() throws Exception {
        DeliveryReceipt r = channel(PASSWORD, 10).send(sms("+8613800138000", null, "告警"));
        smsc.sendReceipt(r.providerMessageId(), DeliveryReceiptState.DELIVRD);
        SmppChannel.Receipt got = receipts.poll(5, TimeUnit.SECONDS);
        assertNotNull(got, "no receipt");
        assertEquals(new SmppChannel.Receipt("school-smpp", r.providerMessageId(), true, got.detail()), got);
        assertTrue(got.detail().contains("DELIVRD"), got.detail());

        smsc.sendReceipt("unknown-1", DeliveryReceiptState.UNDELIV);
        SmppChannel.Receipt failed = receipts.poll(5, TimeUnit.SECONDS);
        assertNotNull(failed);
        assertFalse(failed.delivered());
        smsc.sendReceipt("unknown-2", DeliveryReceiptState.ENROUTE); // not final: answered, not reported
        assertEquals(null, receipts.poll(500, TimeUnit.MILLISECONDS));
    }

    @Test
    void aRetryAfterAFailedLaterSegmentSendsOnlyTheRemainingSegments() throws Exception {
        String text = "各位家长：暑期将至，请提醒孩子不私自下水游泳，不擅自与他人结伴游泳，不在无家长或教师带领的情况下游泳，"
                + "不到无安全设施、无救援人员的水域游泳，不到不熟悉的水域游泳，不熟悉水性的学生不擅自下水施救。"
                + "假期中请家长务必加强对孩子的监护，切实履行监护人责任，共同守护孩子的生命安全。感谢配合！";
        smsc.throttleSegmentOnce.set(2);
        SmppChannel c = channel(PASSWORD, 100);
        Notification n = new Notification("outbox-42", "notice", "+8613800138000", "zh-CN", null, text, Map.of(),
                java.time.Instant.now());
        DeliveryException e = assertThrows(DeliveryException.class, () -> c.send(n));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("segment 2 of 3"), e.getMessage());
        assertEquals(2, smsc.submits.size(), "segment 1 accepted, segment 2 refused");
        DeliveryReceipt r = c.send(n); // the outbox's retry of the same message
        assertEquals(4, smsc.submits.size(), "only segments 2 and 3 again, not segment 1");
        assertEquals(1, smsc.messages.size(), "reassembled at the SMSC when the last segment arrived");
        Smsc.Message m = smsc.messages.get(0);
        assertEquals(text, m.text(), "the handset joins the parts into the whole text");
        assertEquals(1, smsc.messages.size());
        assertEquals(m.messageId(), r.providerMessageId(), "the receipt id is the first segment's, from attempt 1");
        c.send(new Notification("outbox-43", "notice", "+8613800138001", "zh-CN", null, text, Map.of(),
                java.time.Instant.now()));
        assertEquals(7, smsc.submits.size(), "another message goes whole");
    }

    @Test
    void rejectedDestinationIsPermanent() throws Exception {
        smsc.rejectedDestinations.add("8613900000000");
        SmppChannel c = channel(PASSWORD, 10);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> c.send(sms("+8613900000000", null, "hello")));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("0x0000000b"), e.getMessage());
        assertTrue(e.getMessage().contains("ESME_RINVDSTADR"), e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, c.health());
        c.send(sms("+8613800138000", null, "still bound"));
        assertEquals(ChannelHealth.UP, c.health());
    }

    @Test
    void wrongPasswordIsPermanentAuthenticationFailure() {
        SmppChannel c = channel("wrong", 10);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> c.send(sms("+8613800138000", null, "hello")));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("authentication refused"), e.getMessage());
        assertTrue(e.getMessage().contains("0x0000000e"), e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, c.health());
    }

    @Test
    void notAPhoneNumberIsPermanentAndSendsNothing() {
        SmppChannel c = channel(PASSWORD, 10);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> c.send(sms("guard@example.org", null, "hello")));
        assertFalse(e.retryable());
        assertEquals(0, smsc.binds.get());
    }

    @Test
    void serverDownIsRetryableAndTheSameChannelRebindsWhenItIsBack() throws Exception {
        SmppChannel c = channel(PASSWORD, 10);
        c.send(sms("+8613800138000", null, "first"));
        smsc.close();
        for (int i = 0; i < 50; i++) { // the port refuses connections: the SMSC is really down
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (java.io.IOException refused) {
                break;
            }
        }
        // closing the server side is asynchronous in jsmpp: a send right after close() may still be answered by a
        // session thread that has not finished; within a few seconds every send fails, retryably
        DeliveryException e = null;
        for (int i = 0; i < 50 && e == null; i++) {
            try {
                c.send(sms("+8613800138000", null, "while down " + i));
                Thread.sleep(100);
            } catch (DeliveryException ex) {
                e = ex;
            }
        }
        assertNotNull(e, "sends fail once the SMSC is down");
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(ChannelHealth.DOWN, c.health());
        DeliveryException again = assertThrows(DeliveryException.class,
                () -> c.send(sms("+8613800138000", null, "still down")));
        assertTrue(again.retryable(), again.getMessage());

        smsc = new Smsc(SYSTEM_ID, PASSWORD, port).start();
        DeliveryReceipt r = c.send(sms("+8613800138000", null, "back"));
        assertEquals("back", lastMessage().text());
        assertNotNull(r.providerMessageId());
        assertEquals(1, smsc.binds.get());
        assertEquals(ChannelHealth.UP, c.health());
    }

    @Test
    void silentPeerIsARetryableBindTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            channel = new SmppChannel(new SmppSettings("127.0.0.1", silent.getLocalPort(), SYSTEM_ID, PASSWORD, "",
                    "GATEHOUSE", 5, 0, 1, 1, Duration.ofMillis(500), Duration.ofSeconds(1), 30, 10, true, "p"),
                    receipts::add);
            long start = System.nanoTime();
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.send(sms("+8613800138000", null, "hello")));
            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot bind"), e.getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 400);
            assertEquals(ChannelHealth.DOWN, channel.health());
        }
    }

    @Test
    void throttleSpacesSubmits() throws Exception {
        SmppChannel c = channel(PASSWORD, 5);
        c.send(sms("+8613800138000", null, "warm-up")); // binds; takes the first slot
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            c.send(sms("+8613800138000", null, "message " + i));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= 1000, "10 sends at 5 per second took only " + millis + " ms");
        assertEquals(11, smsc.messages.size());
    }

    @Test
    void gsmTableOfTheTestSmscIsComplete() {
        assertEquals("Ab@$_", Smsc.decode(new byte[] {0x41, 0x62, 0x00, 0x02, 0x11}, 0));
    }
}
