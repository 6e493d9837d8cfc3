package org.gatehouse.notify.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.mail.Address;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends through a real SMTP server (GreenMail) started in-process on a free loopback port. */
class EmailChannelTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");
    private static final String FROM = "Gatehouse 门卫室 <guard@school.example>";

    private GreenMail greenMail;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        greenMail.start();
    }

    @AfterEach
    void stopServer() {
        greenMail.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private EmailChannel channel(int smtpPort, String username, String password, long timeoutMillis) {
        return new EmailChannel(new EmailSettings("127.0.0.1", smtpPort, true, false, false, username, password,
                EmailSettings.parseFrom(FROM), Duration.ofSeconds(2), Duration.ofMillis(timeoutMillis), "email"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Notification notification(String recipient) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("alarmId", "42");
        data.put("snapshotUrl", "http://127.0.0.1:8181/snap?id=42&size=full");
        return new Notification("msg-1", "alarm.raised", recipient, "zh-CN", "告警: 北门围栏被剪断",
                "围栏告警 at the north gate\n<fence> & \"gate\" 3", data, Instant.parse("2025-03-01T08:29:59Z"));
    }

    @Test
    void deliversTextAndHtml() throws Exception {
        EmailChannel channel = channel(port, "", "", 5000);
        assertEquals(ChannelHealth.UNKNOWN, channel.health());
        DeliveryReceipt receipt = channel.send(notification("Duty Officer 值班 <duty@school.example>"));
        assertEquals("<msg-1@gatehouse>", receipt.providerMessageId());
        assertFalse(receipt.delivered());
        assertTrue(receipt.detail().startsWith("SMTP 250"), receipt.detail());
        assertEquals(ChannelHealth.UP, channel.health());

        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("告警: 北门围栏被剪断", m.getSubject());
        assertTrue(m.getHeader("Subject")[0].startsWith("=?UTF-8?"), m.getHeader("Subject")[0]);
        assertEquals("<msg-1@gatehouse>", m.getMessageID());
        assertEquals("msg-1", m.getHeader(EmailChannel.HEADER_MESSAGE_ID, null));
        assertEquals("zh-CN", m.getHeader("Content-Language", null));
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("guard@school.example", from.getAddress());
        assertEquals("Gatehouse 门卫室", from.getPersonal());
        InternetAddress to = (InternetAddress) m.getAllRecipients()[0];
        assertEquals("duty@school.example", to.getAddress());
        assertEquals("值班", to.getPersonal().substring(to.getPersonal().length() - 2));
        assertEquals(NOW, m.getSentDate().toInstant());

        assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertTrue(text.isMimeType("text/plain"), text.getContentType());
        assertTrue(text.getContentType().toLowerCase().contains("charset=utf-8"), text.getContentType());
        assertEquals("围栏告警 at the north gate\n<fence> & \"gate\" 3\n\n"
                + "Snapshot: http://127.0.0.1:8181/snap?id=42&size=full\n", normalise((String) text.getContent()));
        assertTrue(html.isMimeType("text/html"), html.getContentType());
        String h = normalise((String) html.getContent());
        assertTrue(h.contains("<p>围栏告警 at the north gate<br>\n&lt;fence&gt; &amp; &quot;gate&quot; 3</p>"), h);
        assertTrue(h.contains("<a href=\"http://127.0.0.1:8181/snap?id=42&amp;size=full\">Snapshot</a>"), h);
        assertTrue(h.contains("<html lang=\"zh-CN\">"), h);

        // The raw message is 7-bit clean: every non-ASCII character is MIME-encoded.
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        for (byte b : raw.toByteArray()) {
            assertTrue(b >= 0, "8-bit byte in the raw message");
        }
    }

    @Test
    void withoutSnapshotThereIsNoLink() throws Exception {
        EmailChannel channel = channel(port, "", "", 5000);
        channel.send(new Notification("n2", "notice", "duty@school.example", "en", null, "Plain 告警", Map.of(
                "snapshotUrl", "javascript:alert(1)"), NOW));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals("Gatehouse: notice", m.getSubject());
        assertEquals("<n2@gatehouse>", m.getMessageID());

        channel.send(new Notification("告警-7", "notice", "duty@school.example", "zh", "s", "t", Map.of(), NOW));
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage second = greenMail.getReceivedMessages()[1];
        assertEquals("<=E5=91=8A=E8=AD=A6-7@gatehouse>", second.getMessageID());
        assertEquals("告警-7", javax.mail.internet.MimeUtility.decodeText(
                second.getHeader(EmailChannel.HEADER_MESSAGE_ID, null)));
        String h = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
        assertFalse(h.contains("<a "), h);
        assertEquals("Plain 告警", normalise((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()));
    }

    @Test
    void authenticatesWithTheRightPasswordOnly() throws Exception {
        greenMail.setUser("guard@school.example", "guard", "s3cret");
        EmailChannel good = channel(port, "guard", "s3cret", 5000);
        good.send(notification("duty@school.example"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));

        EmailChannel bad = channel(port, "guard", "wrong", 5000);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> bad.send(notification("duty@school.example")));
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("authentication failed (permanent"), e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, bad.health());
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    @Test
    void serverDownIsRetryable() {
        EmailChannel channel = channel(port, "", "", 5000);
        greenMail.stop();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.send(notification("duty@school.example")));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot connect"), e.getMessage());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void requiredStarttlsNeverFallsBackToClearText() {
        // GreenMail's plain SMTP port does not offer STARTTLS.
        EmailChannel channel = new EmailChannel(new EmailSettings("127.0.0.1", port, true, true, false, "", "",
                EmailSettings.parseFrom(FROM), Duration.ofSeconds(2), Duration.ofSeconds(5), "email"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.send(notification("duty@school.example")));
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(ChannelHealth.DEGRADED, channel.health());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void silentServerTimesOutRetryably() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmailChannel channel = channel(silent.getLocalPort(), "", "", 300);
            long start = System.nanoTime();
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.send(notification("duty@school.example")));
            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().startsWith("timeout"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
        }
    }

    @Test
    void invalidRecipientFailsPermanentlyWithoutConnecting() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            EmailChannel channel = channel(listener.getLocalPort(), "", "", 5000);
            for (String bad : new String[] {null, "", "duty", "duty@", "duty at school.example", "a@b.example, c@d.example",
                    "<duty@school.example", "team: a@b.example;"}) {
                DeliveryException e = assertThrows(DeliveryException.class,
                        () -> channel.send(notification(bad)), String.valueOf(bad));
                assertFalse(e.retryable(), e.getMessage());
            }
            listener.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> {
                try (Socket s = listener.accept()) {
                    // a connection would be a failure of the test
                }
            });
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void recipientRefusedByTheServer() throws Exception {
        DeliveryException e = sendThroughScriptedServer("550 5.1.1 <nobody@school.example>: user unknown");
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("recipient rejected"), e.getMessage());
        assertTrue(e.getMessage().contains("user unknown"), e.getMessage());

        e = sendThroughScriptedServer("450 4.2.1 mailbox busy, try later");
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("mailbox busy"), e.getMessage());
    }

    /**
     * GreenMail accepts every recipient, so recipient refusals come from a minimal scripted SMTP server on loopback
     * that answers {@code rcptReply} to RCPT TO and 250 to everything else.
     */
    private DeliveryException sendThroughScriptedServer(String rcptReply) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5000);
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    var out = s.getOutputStream();
                    out.write("220 scripted ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (String line; (line = in.readLine()) != null; ) {
                        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                        String reply = switch (verb) {
                            case "EHLO" -> "250-scripted\r\n250 8BITMIME";
                            case "RCPT" -> rcptReply;
                            case "QUIT" -> "221 bye";
                            default -> "250 OK";
                        };
                        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (verb.equals("QUIT")) {
                            break;
                        }
                    }
                } catch (IOException ignored) {
                    // the client went away
                }
            }, "scripted-smtp");
            server.start();
            EmailChannel channel = channel(listener.getLocalPort(), "", "", 5000);
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.send(notification("nobody@school.example")));
            server.join(5000);
            return e;
        }
    }

    @Test
    void smtpRepliesAreClassified() {
        EmailChannel channel = channel(port, "", "", 5000);
        InternetAddress rcpt = address("nobody@school.example");
        SendFailedException unknownUser = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(rcpt, "RCPT TO:<nobody@school.example>", 550,
                        "550 5.1.1 user unknown"), new Address[0], new Address[0], new Address[] {rcpt});
        DeliveryException e = channel.classify(unknownUser);
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("550 5.1.1 user unknown"), e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, channel.health());

        SendFailedException greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(rcpt, "RCPT TO:<nobody@school.example>", 451, "451 4.7.1 try later"),
                new Address[0], new Address[] {rcpt}, new Address[0]);
        assertTrue(channel.classify(greylisted).retryable());
        assertEquals(ChannelHealth.DOWN, channel.health());

        assertFalse(channel.classify(new SMTPSendFailedException("DATA", 554, "554 5.6.0 message refused", null,
                null, null, null)).retryable());
        assertTrue(channel.classify(new SMTPSendFailedException("DATA", 452, "452 4.3.1 out of storage", null,
                null, null, null)).retryable());
        assertTrue(channel.classify(new MessagingException("421 4.3.2 shutting down")).retryable());
        assertFalse(channel.classify(new javax.mail.AuthenticationFailedException("535 5.7.8 bad credentials"))
                .retryable());
        assertTrue(channel.classify(new javax.mail.AuthenticationFailedException("454 4.7.0 temporary"))
                .retryable());
    }

    @Test
    void messageIdsAreValidDotAtoms() {
        assertEquals("<msg-1@gatehouse>", EmailChannel.messageId("msg-1"));
        assertEquals("<a=20b=3Cc=3E=40d@gatehouse>", EmailChannel.messageId("a b<c>@d"));
        assertEquals("<=2Ea.=2Eb=2E@gatehouse>", EmailChannel.messageId(".a..b."));
        assertEquals("<=E5=91=8A@gatehouse>", EmailChannel.messageId("告"));
        assertEquals("<=@gatehouse>", EmailChannel.messageId(""));
    }

    @Test
    void settingsFromConfiguration() {
        EmailSettings s = EmailSettings.from(config(Map.of("host", "smtp.school.example", "from", FROM)), k -> null);
        assertEquals("smtp.school.example", s.host());
        assertEquals(25, s.port());
        assertTrue(s.starttls());
        assertFalse(s.starttlsRequired());
        assertFalse(s.ssl());
        assertFalse(s.authenticated());
        assertEquals("guard@school.example", s.from().getAddress());
        assertEquals("Gatehouse 门卫室", s.from().getPersonal());
        assertEquals(Duration.ofMillis(5000), s.connectTimeout());
        assertEquals(Duration.ofMillis(10000), s.timeout());
        assertEquals("email", s.provider());
        var props = EmailChannel.sessionProperties(s);
        assertEquals("smtp", props.getProperty("mail.transport.protocol"));
        assertEquals("5000", props.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("10000", props.getProperty("mail.smtp.timeout"));
        assertEquals("10000", props.getProperty("mail.smtp.writetimeout"));
        assertEquals("true", props.getProperty("mail.smtp.starttls.enable"));

        EmailSettings env = EmailSettings.from(config(Map.of("host", "h", "from", "a@b.example", "username", "guard",
                "provider", "school-smtp", "ssl", true, "port", 465)),
                k -> k.equals("ORG_GATEHOUSE_NOTIFY_EMAIL_PASSWORD") ? "from-env" : null);
        assertEquals("from-env", env.password());
        assertTrue(env.authenticated());
        assertFalse(env.toString().contains("from-env"));
        var ssl = EmailChannel.sessionProperties(env);
        assertEquals("smtps", ssl.getProperty("mail.transport.protocol"));
        assertEquals("465", ssl.getProperty("mail.smtps.port"));
        assertEquals("true", ssl.getProperty("mail.smtps.auth"));
        var serviceProps = EmailComponent.serviceProperties(env);
        assertEquals("email", serviceProps.get(NotificationChannel.CHANNEL));
        assertEquals("school-smtp", serviceProps.get(NotificationChannel.PROVIDER));
        assertEquals(2, serviceProps.size());
    }

    @Test
    void badConfigurationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmailSettings.from(config(Map.of("from", FROM)), k -> null));
        assertTrue(e.getMessage().startsWith("host"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EmailSettings.from(config(Map.of("host", "h", "from", " ")), k -> null));
        assertTrue(e.getMessage().startsWith("from"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EmailSettings.from(config(Map.of("host", "h")), k -> null));
        assertTrue(e.getMessage().startsWith("from"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EmailSettings.from(config(Map.of("host", "h", "from", "guard@")), k -> null));
        assertTrue(e.getMessage().startsWith("from 'guard@'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EmailSettings.from(config(Map.of("host", "h", "from", "a@b.example", "port", 0)), k -> null));
        assertTrue(e.getMessage().startsWith("port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmailSettings.from(config(Map.of("host", "h", "from",
                "a@b.example", "username", "guard")), k -> null));
        assertTrue(e.getMessage().startsWith("password"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmailSettings.from(config(Map.of("host", "h", "from",
                "a@b.example", "timeout.ms", 0L)), k -> null));
        assertTrue(e.getMessage().contains("timeout.ms"), e.getMessage());
    }

    private static InternetAddress address(String s) {
        try {
            return new InternetAddress(s, true);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }

    /** A configuration annotation instance: the given keys (dotted names), defaults for the rest. */
    private static EmailConfig config(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (EmailConfig) Proxy.newProxyInstance(EmailConfig.class.getClassLoader(),
                new Class<?>[] {EmailConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = copy.containsKey(key) ? copy.get(key) : method.getDefaultValue();
                    if (v instanceof Integer i && method.getReturnType() == long.class) {
                        return i.longValue();
                    }
                    return v;
                });
    }
}
