package org.gatehouse.notify.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.support.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");

    private HttpServer server;
    private ExecutorService executor;
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile String receivedBody;
    private volatile Headers receivedHeaders;
    private volatile String receivedMethod;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/hook", exchange -> {
            receivedMethod = exchange.getRequestMethod();
            receivedHeaders = exchange.getRequestHeaders();
            receivedBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookChannel channel(URI url, String secret, long requestTimeoutMillis) {
        return new WebhookChannel(new WebhookSettings(url, secret, "webhook", Duration.ofSeconds(2),
                Duration.ofMillis(requestTimeoutMillis), "Authorization", "Bearer t0ken"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Notification notification() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("alarmId", "42");
        data.put("zone", "north \"fence\"");
        return new Notification("msg-1", "alarm.raised", null, "en", "Intrusion", "Fence cut at\nnorth gate",
                data, Instant.parse("2025-03-01T08:29:59Z"));
    }

    @Test
    void postsSignedJson() throws Exception {
        WebhookChannel channel = channel(url(), "s3cret", 2000);
        assertEquals(ChannelHealth.UNKNOWN, channel.health());
        DeliveryReceipt receipt = channel.send(notification());
        assertEquals(new DeliveryReceipt(null, false, "HTTP 200"), receipt);
        assertEquals(ChannelHealth.UP, channel.health());

        assertEquals("POST", receivedMethod);
        assertEquals("application/json; charset=utf-8", receivedHeaders.getFirst("Content-Type"));
        assertEquals("msg-1", receivedHeaders.getFirst("X-Gatehouse-Message-Id"));
        assertEquals(Long.toString(NOW.getEpochSecond()), receivedHeaders.getFirst("X-Gatehouse-Timestamp"));
        assertEquals("Bearer t0ken", receivedHeaders.getFirst("Authorization"));
        assertEquals("{\"id\":\"msg-1\",\"kind\":\"alarm.raised\",\"recipient\":null,\"language\":\"en\","
                + "\"subject\":\"Intrusion\",\"text\":\"Fence cut at\\nnorth gate\","
                + "\"created\":\"2025-03-01T08:29:59Z\","
                + "\"data\":{\"alarmId\":\"42\",\"zone\":\"north \\\"fence\\\"\"}}", receivedBody);

        // Recompute the signature as a receiver would, with the JDK only.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = receivedHeaders.getFirst("X-Gatehouse-Timestamp") + "." + receivedBody;
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertEquals("sha256=" + expected, receivedHeaders.getFirst("X-Gatehouse-Signature"));
    }

    @Test
    void unsignedWithoutSecret() throws Exception {
        WebhookChannel channel = new WebhookChannel(new WebhookSettings(url(), "", "webhook", Duration.ofSeconds(2),
                Duration.ofSeconds(2), "", ""), Clock.systemUTC());
        channel.send(notification());
        assertNull(receivedHeaders.getFirst("X-Gatehouse-Signature"));
        assertTrue(receivedBody.startsWith("{\"id\":\"msg-1\""));
    }

    @Test
    void serverErrorIsRetryable() {
        status = 500;
        WebhookChannel channel = channel(url(), "", 2000);
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification()));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void tooManyRequestsIsRetryable() {
        status = 429;
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel(url(), "", 2000)
                .send(notification()));
        assertTrue(e.retryable());
    }

    @Test
    void badRequestIsNotRetryable() {
        status = 400;
        WebhookChannel channel = channel(url(), "", 2000);
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("answer 400"), e.getMessage());
    }

    @Test
    void connectionRefusedIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebhookChannel channel = channel(URI.create("http://127.0.0.1:" + port + "/hook"), "", 2000);
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification()));
        assertTrue(e.retryable());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void timeoutIsRetryable() {
        delayMillis = 1500;
        WebhookChannel channel = channel(url(), "", 200);
        long start = System.nanoTime();
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification()));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("timeout"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1400);
    }

    @Test
    void jsonEscapesControlCharacters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "x\u0001y\t\\");
        m.put("b", null);
        m.put("c", Map.of());
        assertEquals("{\"a\":\"x\\u0001y\\t\\\\\",\"b\":null,\"c\":{}}", Json.write(m));
    }

    /**
     * Receivers check the signature over the exact body: its bytes, escapes included, are those of the hand-written
     * writer the channel had before Jackson (body and signature pinned from it).
     */
    @Test
    void bodyAndSignatureKeepTheirBytes() {
        Notification n = new Notification("msg-2", "alarm.raised", "ops", "zh-CN", "告警\u2028",
                "tab\there\u0001\b\f\r\n\"q\" \\ \uD83D\uDEA8", Map.of("zone", "北门", "alarmId", "7"),
                Instant.parse("2025-03-01T08:29:59Z"));
        String body = WebhookChannel.body(n);
        assertEquals("{\"id\":\"msg-2\",\"kind\":\"alarm.raised\",\"recipient\":\"ops\",\"language\":\"zh-CN\","
                + "\"subject\":\"告警\\u2028\",\"text\":\"tab\\there\\u0001\\b\\f\\r\\n\\\"q\\\" \\\\ \uD83D\uDEA8\","
                + "\"created\":\"2025-03-01T08:29:59Z\",\"data\":{\"alarmId\":\"7\",\"zone\":\"北门\"}}", body);
        assertEquals("536c3747d7db7c4d12a1296ef6b70c83015f2d35c7c126d55848a5a6001c0b06",
                WebhookChannel.sign("s3cret", NOW.getEpochSecond() + "." + body));
    }

    @Test
    void settingsFromConfiguration() {
        WebhookSettings s = WebhookSettings.from(config(Map.of("url", "https://example.org/hook")), k -> null);
        assertEquals(URI.create("https://example.org/hook"), s.url());
        assertEquals("webhook", s.provider());
        assertFalse(s.signed());
        assertEquals(Duration.ofMillis(3000), s.connectTimeout());
        assertEquals(Duration.ofMillis(5000), s.requestTimeout());

        WebhookSettings env = WebhookSettings.from(config(Map.of("url", "http://h/x", "provider", "ops-hook")),
                k -> k.equals("ORG_GATEHOUSE_NOTIFY_WEBHOOK_SECRET") ? "from-env" : null);
        assertEquals("from-env", env.secret());
        assertFalse(env.toString().contains("from-env"));
        var props = WebhookComponent.serviceProperties(env);
        assertEquals("webhook", props.get(NotificationChannel.CHANNEL));
        assertEquals("ops-hook", props.get(NotificationChannel.PROVIDER));
    }

    @Test
    void invalidUrlsAreRefused() {
        for (String bad : new String[] {"", "ftp://h/x", "not a url", "/relative", "http:///nohost"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> WebhookSettings.from(config(Map.of("url", bad)), k -> null), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> WebhookSettings.from(
                config(Map.of("url", "http://h/x", "header.name", "Content-Length", "header.value", "1")),
                k -> null));
    }

    /** A configuration annotation instance: the given keys (dotted names), defaults for the rest. */
    private static WebhookConfig config(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = copy.containsKey(key) ? copy.get(key) : method.getDefaultValue();
                    if (v instanceof String str && method.getReturnType() == long.class) {
                        return Long.parseLong(str);
                    }
                    return v;
                });
    }
}
