package org.gatehouse.notify.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.support.json.Json;
import org.junit.jupiter.api.Test;

/** Configuration parsing and validation, and the JSON writer. */
class MqttSettingsTest {

    @Test
    void defaults() {
        MqttSettings s = MqttSettings.from(config(Map.of("broker.url", "tcp://broker.example.org:1883")), k -> null);
        assertEquals("tcp://broker.example.org:1883", s.brokerUrl());
        assertEquals("gatehouse-mqtt", s.clientId());
        assertEquals("", s.username());
        assertEquals("", s.password());
        assertFalse(s.authenticated());
        assertEquals("gatehouse/notify/{recipient}", s.topic());
        assertEquals(1, s.qos());
        assertFalse(s.retained());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(30), s.keepAlive());
        assertEquals("mqtt", s.provider());
        assertEquals("gatehouse/notify/all", s.topicFor(null, "alarm.raised"));
        assertEquals("gatehouse/notify/guard-7", s.topicFor("guard-7", null));
    }

    @Test
    void everyKeyIsRead() {
        Map<String, Object> values = new HashMap<>();
        values.put("broker.url", " ssl://10.0.0.5:8883 ");
        values.put("client.id", "gh-north");
        values.put("username", "gate");
        values.put("password", "pw");
        values.put("topic", "campus/{kind}/{recipient}");
        values.put("qos", "2");
        values.put("retained", "true");
        values.put("connect.timeout.seconds", "7");
        values.put("keepalive.seconds", "0");
        values.put("provider", "ops-mqtt");
        MqttSettings s = MqttSettings.from(config(values), k -> "from-env");
        assertEquals("ssl://10.0.0.5:8883", s.brokerUrl());
        assertEquals("gh-north", s.clientId());
        assertEquals("pw", s.password());
        assertTrue(s.authenticated());
        assertEquals(2, s.qos());
        assertTrue(s.retained());
        assertEquals(Duration.ofSeconds(7), s.connectTimeout());
        assertEquals(Duration.ZERO, s.keepAlive());
        assertEquals("campus/gate.passage/all", s.topicFor(null, "gate.passage"));
        assertFalse(s.toString().contains("pw,"), s.toString());

        var props = MqttComponent.serviceProperties(s);
        assertEquals("mqtt", props.get(NotificationChannel.CHANNEL));
        assertEquals("ops-mqtt", props.get(NotificationChannel.PROVIDER));
        assertEquals(2, props.size());
    }

    @Test
    void passwordFromEnvironmentOnlyWithUserName() {
        MqttSettings s = MqttSettings.from(config(Map.of("broker.url", "tcp://h:1883", "username", "gate",
                "provider", "north")), k -> k.equals("ORG_GATEHOUSE_NOTIFY_MQTT_PASSWORD") ? "from-env" : null);
        assertEquals("from-env", s.password());
        assertEquals("gatehouse-north", s.clientId());
        assertFalse(s.toString().contains("from-env"));

        MqttSettings anonymous = MqttSettings.from(config(Map.of("broker.url", "tcp://h:1883")), k -> "from-env");
        assertEquals("", anonymous.password());
    }

    @Test
    void badConfigurationsAreRefusedWithTheKeyNamed() {
        assertRefused(Map.of(), "broker.url is required");
        assertRefused(Map.of("broker.url", "http://h:1883"), "must start with tcp:// or ssl://");
        assertRefused(Map.of("broker.url", "tcp://"), "broker.url");
        assertRefused(Map.of("broker.url", "tcp://h:1883/path"), "scheme://host:port only");
        assertRefused(Map.of("broker.url", "tcp://user:pw@h:1883"), "scheme://host:port only");
        assertRefused(Map.of("broker.url", "not a url"), "broker.url");
        assertRefused(Map.of("broker.url", "tcp://h", "qos", "3"), "qos must be 0, 1 or 2");
        assertRefused(Map.of("broker.url", "tcp://h", "qos", "-1"), "qos must be 0, 1 or 2");
        assertRefused(Map.of("broker.url", "tcp://h", "topic", "alarms/#"), "wildcard");
        assertRefused(Map.of("broker.url", "tcp://h", "topic", "alarms/+/{recipient}"), "wildcard");
        assertRefused(Map.of("broker.url", "tcp://h", "topic", "$SYS/{recipient}"), "reserved");
        assertRefused(Map.of("broker.url", "tcp://h", "password", "pw"), "username is empty");
        assertRefused(Map.of("broker.url", "tcp://h", "connect.timeout.seconds", "0"), "connect.timeout.seconds");
        assertRefused(Map.of("broker.url", "tcp://h", "keepalive.seconds", "-1"), "keepalive.seconds");
        assertRefused(Map.of("broker.url", "tcp://h", "provider", " "), "provider");
    }

    private static void assertRefused(Map<String, Object> values, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.from(config(values), k -> null), values.toString());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void jsonEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "x\u0001y\t\\\"\u2028告警");
        m.put("b", null);
        m.put("c", Map.of());
        assertEquals("{\"a\":\"x\\u0001y\\t\\\\\\\"\\u2028告警\",\"b\":null,\"c\":{}}", Json.write(m));
    }

    /** A configuration annotation instance: the given keys (dotted names), defaults for the rest. */
    private static MqttConfig config(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(),
                new Class<?>[] {MqttConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = copy.containsKey(key) ? copy.get(key) : method.getDefaultValue();
                    if (v instanceof String str && method.getReturnType() == int.class) {
                        return Integer.parseInt(str);
                    }
                    if (v instanceof String str && method.getReturnType() == boolean.class) {
                        return Boolean.parseBoolean(str);
                    }
                    return v;
                });
    }
}
