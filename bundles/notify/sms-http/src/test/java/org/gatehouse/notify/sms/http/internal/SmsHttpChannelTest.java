package org.gatehouse.notify.sms.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;
import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.support.notify.PhoneNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the channel against an in-process HTTP server that behaves like a cloud SMS gateway: it checks nothing by
 * itself but records the request and answers what each test sets, so the assertions see exactly what went over TCP.
 */
class SmsHttpChannelTest {

    private static final String TEXT = "告警: \"north\" fence\\gate cut & 100% = bad";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String answer = "{\"code\":0,\"msgId\":\"abc\"}";
    private volatile long delayMillis;
    private volatile String receivedMethod;
    private volatile String receivedQuery;
    private volatile Headers receivedHeaders;
    private volatile String receivedBody;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/sms/send", exchange -> {
            requests.incrementAndGet();
            receivedMethod = exchange.getRequestMethod();
            receivedQuery = exchange.getRequestURI().getRawQuery();
            receivedHeaders = exchange.getRequestHeaders();
            receivedBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms/send";
    }

    /** A gateway configuration in the style of the big cloud providers: token header, code 0 means accepted. */
    private Map<String, Object> cloud() {
        Map<String, Object> c = new HashMap<>();
        c.put("url", base());
        c.put("body.template", "{\"phone\":\"{{recipient}}\",\"content\":\"{{text}}\",\"title\":\"{{subject}}\","
                + "\"outId\":\"{{id}}\",\"lang\":\"{{language}}\",\"pic\":\"{{data.snapshotUrl}}\"}");
        c.put("header.names", new String[] {"Authorization", "X-Client"});
        c.put("header.values", new String[] {"Bearer {{token}}", "gatehouse/{{kind}}"});
        c.put("auth.token", "s3cret");
        c.put("success.body.regex", "\"code\"\\s*:\\s*0\\b");
        c.put("message.id.regex", "\"msgId\"\\s*:\\s*\"([^\"]+)\"");
        c.put("timeout.ms", "2000");
        return c;
    }

    private static SmsHttpChannel channel(Map<String, Object> config) {
        return new SmsHttpChannel(SmsHttpSettings.from(config(config), k -> null));
    }

    private static Notification sms(String recipient, String text) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("snapshotUrl", "http://nvr.local/snap?id=7&size=large");
        return new Notification("msg-1", "alarm.raised", recipient, "zh", "入侵 \"north\"", text, data,
                Instant.parse("2025-03-01T08:29:59Z"));
    }

    @Test
    void jsonPostIsAcceptedWithProviderMessageId() throws Exception {
        SmsHttpChannel channel = channel(cloud());
        assertEquals(ChannelHealth.UNKNOWN, channel.health());

        DeliveryReceipt receipt = channel.send(sms("+86 138-0013-8000", TEXT));

        assertEquals(new DeliveryReceipt("abc", false, "HTTP 200"), receipt);
        assertEquals(ChannelHealth.UP, channel.health());
        assertEquals("POST", receivedMethod);
        assertEquals("application/json", receivedHeaders.getFirst("Content-Type"));
        assertEquals("Bearer s3cret", receivedHeaders.getFirst("Authorization"));
        assertEquals("gatehouse/alarm.raised", receivedHeaders.getFirst("X-Client"));
        JsonNode body = JSON.readTree(receivedBody);
        assertEquals("+8613800138000", body.get("phone").asText());
        assertEquals(TEXT, body.get("content").asText());
        assertEquals("入侵 \"north\"", body.get("title").asText());
        assertEquals("msg-1", body.get("outId").asText());
        assertEquals("zh", body.get("lang").asText());
        assertEquals("http://nvr.local/snap?id=7&size=large", body.get("pic").asText());
        assertEquals(6, body.size());
    }

    @Test
    void defaultTemplateAndNoMessageIdRegex() throws Exception {
        DeliveryReceipt receipt = channel(Map.of("url", base())).send(sms("13800138000", "告警\nline 2"));
        assertEquals(new DeliveryReceipt(null, false, "HTTP 200"), receipt);
        JsonNode body = JSON.readTree(receivedBody);
        assertEquals("13800138000", body.get("to").asText());
        assertEquals("告警\nline 2", body.get("text").asText());
        assertEquals("msg-1", body.get("id").asText());
    }

    @Test
    void refusalInA200BodyIsNotRetryable() {
        answer = "{\"code\":1001,\"msg\":\"bad number\"}";
        SmsHttpChannel channel = channel(cloud());
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms("+8613800138000", TEXT)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("bad number"), e.getMessage());
        assertTrue(e.getMessage().contains("success.body.regex"), e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, channel.health());
    }

    @Test
    void serviceUnavailableIsRetryable() {
        status = 503;
        answer = "busy";
        SmsHttpChannel channel = channel(cloud());
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms("+8613800138000", TEXT)));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void badRequestIsNotRetryable() {
        status = 400;
        answer = "{\"code\":40001,\"msg\":\"invalid template\"}";
        SmsHttpChannel channel = channel(cloud());
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms("+8613800138000", TEXT)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("invalid template"),
                e.getMessage());
        assertEquals(ChannelHealth.DEGRADED, channel.health());
    }

    @Test
    void authenticationFailureIsNotRetryableAndSaysSo() {
        status = 401;
        answer = "";
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(cloud()).send(sms("+8613800138000", TEXT)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("authentication refused"), e.getMessage());
    }

    @Test
    void statusOutsideBothListsIsRetryable() {
        status = 429;
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(cloud()).send(sms("+8613800138000", TEXT)));
        assertTrue(e.retryable());
    }

    @Test
    void stoppedGatewayIsRetryable() {
        SmsHttpChannel channel = channel(cloud());
        server.stop(0);
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms("+8613800138000", TEXT)));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("cannot reach"), e.getMessage());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void timeoutIsRetryable() {
        delayMillis = 1500;
        Map<String, Object> c = cloud();
        c.put("timeout.ms", "200");
        SmsHttpChannel channel = channel(c);
        long start = System.nanoTime();
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms("+8613800138000", TEXT)));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("timeout"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1400);
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void formUrlencodedBody() throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put("url", base());
        c.put("content.type", "application/x-www-form-urlencoded");
        c.put("body.template", "mobile={{recipient}}&content={{text}}&sign={{token}}&snap={{data.snapshotUrl}}");
        c.put("auth.token", "a+b/c=d");
        channel(c).send(sms("+8613800138000", TEXT));

        assertEquals("application/x-www-form-urlencoded", receivedHeaders.getFirst("Content-Type"));
        Map<String, String> form = decode(receivedBody);
        assertEquals(Map.of("mobile", "+8613800138000", "content", TEXT, "sign", "a+b/c=d",
                "snap", "http://nvr.local/snap?id=7&size=large"), form);
    }

    @Test
    void getWithQueryPlaceholders() throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put("url", base() + "?to={{recipient}}&msg={{text}}&key={{token}}");
        c.put("method", "get");
        c.put("auth.token", "k 1&2");
        DeliveryReceipt receipt = channel(c).send(sms("+8613800138000", TEXT));

        assertEquals("HTTP 200", receipt.detail());
        assertEquals("GET", receivedMethod);
        assertEquals("", receivedBody);
        assertNull(receivedHeaders.getFirst("Content-Type"));
        assertFalse(receivedQuery.contains(" ") || receivedQuery.contains("+"), receivedQuery);
        assertEquals(Map.of("to", "+8613800138000", "msg", TEXT, "key", "k 1&2"), decode(receivedQuery));
    }

    @Test
    void longTextIsCutAndTheReceiptSaysSo() throws Exception {
        Map<String, Object> c = cloud();
        c.put("max.length", "10");
        String text = "告警".repeat(10); // 20 characters
        DeliveryReceipt receipt = channel(c).send(sms("+8613800138000", text));
        assertEquals("告警告警告警告警告\u2026", JSON.readTree(receivedBody).get("content").asText());
        assertEquals("HTTP 200; text cut to 10 of 20 characters", receipt.detail());
        assertEquals("abc", receipt.providerMessageId());
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        assertEquals("ab\u2026", SmsHttpChannel.cut("ab\uD83D\uDEA8cd", 3));
        assertEquals("a\uD83D\uDEA8\u2026", SmsHttpChannel.cut("a\uD83D\uDEA8cd", 3));
        assertEquals("abc", SmsHttpChannel.cut("abc", 3));
        assertEquals("abc", SmsHttpChannel.cut("abc", 0));
    }

    @Test
    void badRecipientIsNotRetryableAndNotSent() {
        SmsHttpChannel channel = channel(cloud());
        for (String bad : new String[] {null, "", "alice@example.org", "12345", "+1234567890123456", "138 0013 800x"}) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(sms(bad, TEXT)), bad);
            assertFalse(e.retryable(), bad);
        }
        assertEquals(0, requests.get());
        assertEquals("+8613800138000", PhoneNumbers.normalize(" +86 138-0013-8000 "));
    }

    @Test
    void subjectIsSentWhenTextIsEmpty() throws Exception {
        channel(Map.of("url", base())).send(new Notification("m", "k", "13800138000", "zh", "只有标题", null, null,
                null));
        assertEquals("只有标题", JSON.readTree(receivedBody).get("text").asText());
    }

    @Test
    void unknownPlaceholderIsRefusedAtActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmsHttpSettings.from(
                config(Map.of("url", base(), "body.template", "{\"to\":\"{{recipient}}\",\"x\":\"{{unknown}}\"}")),
                k -> null));
        assertTrue(e.getMessage().startsWith("body.template: unknown placeholder {{unknown}}"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SmsHttpSettings.from(
                config(Map.of("url", base() + "?to={{recipient}}&t={{txt}}", "method", "GET")), k -> null));
        assertTrue(e.getMessage().startsWith("url: unknown placeholder {{txt}}"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SmsHttpSettings.from(
                config(Map.of("url", base(), "header.names", "X-Key", "header.values", "{{secret}}")), k -> null));
        assertTrue(e.getMessage().contains("unknown placeholder {{secret}}"), e.getMessage());
    }

    @Test
    void invalidConfigurationsAreRefusedWithTheKeyAtFault() {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("url is required", Map.of("url", ""));
        bad.put("must start with http", Map.of("url", "ftp://h/x"));
        bad.put("has no host", Map.of("url", "http:///x"));
        bad.put("method 'PUT'", Map.of("url", base(), "method", "PUT"));
        bad.put("does not render valid JSON", Map.of("url", base(), "body.template",
                "{\"to\":{{recipient}},\"text\":\"{{text}}\"}"));
        bad.put("unterminated placeholder", Map.of("url", base(), "body.template", "{\"to\":\"{{recipient\"}"));
        bad.put("no {{recipient}} placeholder", Map.of("url", base(), "body.template", "{\"to\":\"\",\"text\":\"\"}"));
        bad.put("no {{text}} or {{subject}}", Map.of("url", base(), "body.template", "{\"to\":\"{{recipient}}\"}"));
        bad.put("success.status '2xx'", Map.of("url", base(), "success.status", "2xx"));
        bad.put("permanent.status '400-300'", Map.of("url", base(), "permanent.status", "400-300"));
        bad.put("success.status must list", Map.of("url", base(), "success.status", " "));
        bad.put("needs a capturing group", Map.of("url", base(), "message.id.regex", "msgId"));
        bad.put("not a valid regex", Map.of("url", base(), "success.body.regex", "\"code\":(0"));
        bad.put("header.names has 2 entries but header.values has 1",
                Map.of("url", base(), "header.names", new String[] {"A", "B"}, "header.values", new String[] {"x"}));
        bad.put("cannot be set", Map.of("url", base(), "header.names", "Content-Length", "header.values", "1"));
        bad.put("use content.type", Map.of("url", base(), "header.names", "content-type", "header.values", "x"));
        bad.put("timeout.ms must be > 0", Map.of("url", base(), "timeout.ms", "0"));
        bad.put("max.length must be >= 0", Map.of("url", base(), "max.length", "-1"));
        bad.put("provider must not be empty", Map.of("url", base(), "provider", " "));
        for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> SmsHttpSettings.from(config(e.getValue()), k -> null), e.getKey());
            assertTrue(x.getMessage().contains(e.getKey()), e.getKey() + " -> " + x.getMessage());
        }
    }

    @Test
    void tokenFromEnvironmentAndServiceProperties() {
        Map<String, Object> c = new HashMap<>(cloud());
        c.put("auth.token", "");
        c.put("provider", "aliyun-sms");
        SmsHttpSettings s = SmsHttpSettings.from(config(c),
                k -> k.equals("ORG_GATEHOUSE_NOTIFY_SMS_HTTP_AUTH_TOKEN") ? "from-env" : null);
        assertEquals("from-env", s.token());
        assertTrue(s.usesToken());
        assertFalse(s.toString().contains("from-env"));
        var props = SmsHttpComponent.serviceProperties(s);
        assertEquals(2, props.size());
        assertEquals("sms", props.get(NotificationChannel.CHANNEL));
        assertEquals("aliyun-sms", props.get(NotificationChannel.PROVIDER));
        assertEquals("sms-http", SmsHttpComponent.serviceProperties(
                SmsHttpSettings.from(config(Map.of("url", base())), k -> null)).get(NotificationChannel.PROVIDER));
    }

    /** The shipped reference cfg, read by Karaf's own .cfg reader, is a valid configuration. */
    @Test
    void shippedCfgLoads() throws Exception {
        Map<String, Object> c = karafCfg(Files.readString(Path.of("src/main/cfg/org.gatehouse.notify.sms.http.cfg")));
        SmsHttpSettings s = SmsHttpSettings.from(config(c), k -> null);
        assertEquals("http://127.0.0.1:9000/sms/send", s.url().toString());
        assertEquals(SmsHttpConfig.DEFAULT_BODY, s.body().toString());
    }

    /** Placeholders written plainly in a .cfg file survive Karaf's reader and work against the gateway. */
    @Test
    void plainPlaceholdersInCfgWork() throws Exception {
        String cfg = "url = " + base() + "\n"
                + "body.template = {\"to\":\"{{recipient}}\",\"text\":\"{{text}}\"}\n"
                + "header.names = Authorization,X-Client\n"
                + "header.values = Bearer {{token}},gatehouse\n"
                + "auth.token = s3cret\n"
                + "success.body.regex = \"code\"\\\\s*:\\\\s*0\\\\b\n"
                + "message.id.regex = \"msgId\"\\\\s*:\\\\s*\"([^\"]+)\"\n";
        Map<String, Object> c = karafCfg(cfg);
        DeliveryReceipt receipt = channel(c).send(sms("+8613800138000", TEXT));
        assertEquals("abc", receipt.providerMessageId());
        assertEquals("+8613800138000", JSON.readTree(receivedBody).get("to").asText());
        assertEquals(TEXT, JSON.readTree(receivedBody).get("text").asText());
        assertEquals("Bearer s3cret", receivedHeaders.getFirst("Authorization"));
        assertEquals("gatehouse", receivedHeaders.getFirst("X-Client"));
    }

    /** Karaf's .cfg reader hands a value with {{recipient}} over unchanged, though it substitutes ${...}. */
    @Test
    void karafCfgReaderLeavesDoubleBracesAlone() throws Exception {
        String value = "{\"to\":\"{{recipient}}\",\"text\":\"{{ text }}\",\"pic\":\"{{data.snapshotUrl}}\"}";
        TypedProperties p = new TypedProperties((name, key, v) -> "SUBSTITUTED");
        p.load(new StringReader("url = http://h/x?to={{recipient}}\nbody.template = " + value
                + "\nheader.values = ${recipient}\n"));
        assertEquals(value, p.get("body.template"));
        assertEquals("http://h/x?to={{recipient}}", p.get("url"));
        assertEquals("SUBSTITUTED", p.get("header.values"));
    }

    /** ${...} is not a placeholder: sent as literal text, and a template in the old syntax only is refused. */
    @Test
    void dollarBraceIsLiteralText() throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put("url", base());
        c.put("body.template", "{\"to\":\"{{recipient}}\",\"text\":\"${text} {{text}}\",\"x\":\"$\\\\{id}\"}");
        channel(c).send(sms("+8613800138000", "hi"));
        JsonNode body = JSON.readTree(receivedBody);
        assertEquals("${text} hi", body.get("text").asText());
        assertEquals("$\\{id}", body.get("x").asText());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmsHttpSettings.from(
                config(Map.of("url", base(), "body.template", "{\"to\":\"${recipient}\",\"text\":\"${text}\"}")),
                k -> null));
        assertTrue(e.getMessage().startsWith("no {{recipient}} placeholder"), e.getMessage());
        assertTrue(e.getMessage().contains("${...} is not a placeholder"), e.getMessage());
    }

    /** Lone braces are literal, names are trimmed, and an unterminated {{ names the key. */
    @Test
    void templateSyntax() {
        Map<String, String> v = Map.of("recipient", "R", "text", "T");
        assertEquals("{\"a\":{\"to\":\"R\"}} } { T",
                Template.parse("k", "{\"a\":{\"to\":\"{{ recipient }}\"}} } { {{text}}").render(v::get,
                        Template.Escape.NONE));
        assertEquals("{R}", Template.parse("k", "{{{recipient}}}").render(v::get, Template.Escape.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("header.values", "Bearer {{token}"));
        assertTrue(e.getMessage().startsWith("header.values: unterminated placeholder starting at '{{token}'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Template.parse("url", "http://h/?a={{}}"));
        assertTrue(e.getMessage().startsWith("url: unknown placeholder {{}}; known are {{id}}, {{kind}}"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" and {{data.<key>}}"), e.getMessage());
    }

    /** Every cfg example of the README, read by Karaf's reader, is a valid configuration. */
    @Test
    void readmeExamplesLoad() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String examples = readme.substring(readme.indexOf("## Example cfg"), readme.indexOf("## Limitations"));
        String[] blocks = examples.split("```");
        int checked = 0;
        for (int i = 1; i < blocks.length; i += 2) {
            SmsHttpSettings s = SmsHttpSettings.from(config(karafCfg(blocks[i])), k -> "env-token");
            assertTrue(s.usesToken(), blocks[i]);
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void escapingFollowsTheContentType() {
        assertEquals(Template.Escape.JSON, SmsHttpSettings.escapeFor("application/json; charset=utf-8"));
        assertEquals(Template.Escape.JSON, SmsHttpSettings.escapeFor("application/vnd.sms+json"));
        assertEquals(Template.Escape.FORM, SmsHttpSettings.escapeFor("application/x-www-form-urlencoded"));
        assertEquals(Template.Escape.XML, SmsHttpSettings.escapeFor("text/xml"));
        assertEquals(Template.Escape.NONE, SmsHttpSettings.escapeFor("text/plain"));
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", Template.escape("a<b> & \"c\" 'd'",
                Template.Escape.XML));
        assertEquals("a%20b%2Bc%26", Template.escape("a b+c&", Template.Escape.URL));
        assertEquals("a+b%2Bc%26", Template.escape("a b+c&", Template.Escape.FORM));
        assertEquals("\\u0001\\\"\\\\", Template.escape("\u0001\"\\", Template.Escape.JSON));
    }

    private static Map<String, Object> karafCfg(String text) throws IOException {
        TypedProperties p = new TypedProperties((name, key, value) -> null);
        p.load(new StringReader(text));
        Map<String, Object> out = new HashMap<>();
        for (String k : p.keySet()) {
            out.put(k, p.get(k));
        }
        return out;
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> out = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A configuration annotation instance: the given keys (dotted names), defaults for the rest, DS-style coercion. */
    static SmsHttpConfig config(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (SmsHttpConfig) Proxy.newProxyInstance(SmsHttpConfig.class.getClassLoader(),
                new Class<?>[] {SmsHttpConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = copy.containsKey(key) ? copy.get(key) : method.getDefaultValue();
                    Class<?> type = method.getReturnType();
                    if (v instanceof String str && type == long.class) {
                        return Long.parseLong(str.trim());
                    }
                    if (v instanceof String str && type == int.class) {
                        return Integer.parseInt(str.trim());
                    }
                    if (v instanceof String str && type == String[].class) {
                        return new String[] {str};
                    }
                    return v;
                });
    }
}
