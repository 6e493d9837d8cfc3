package org.gatehouse.device.opcua.internal;

import static org.gatehouse.device.opcua.internal.TestConfigs.props;
import static org.gatehouse.device.opcua.internal.TestConfigs.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

/** The rule and command grammar and the checks of a configuration: each refusal names the key to fix. */
class OpcUaSettingsTest {

    private static Map<String, String> base() {
        return props("device.id", "plc-1", "endpoint", "opc.tcp://127.0.0.1:4840",
                "rule.1", "ns=2;s=Fence.Zone3.Alarm == true -> fence.intrusion zone=north severity=MAJOR");
    }

    @Test
    void readsDefaultsAndTheExampleRule() {
        OpcUaSettings s = settings(base());
        assertEquals("plc-1", s.deviceId());
        assertEquals("None", s.policy());
        assertEquals("None", s.mode());
        assertNull(s.username());
        assertEquals(500, s.publishingMillis());
        assertEquals(250, s.samplingMillis());
        assertEquals(60000, s.backoffMaxMillis());
        assertEquals(Path.of("target", "etc", "opcua-client"), s.certificateDir());
        assertFalse(s.trustAnyServer());
        Rule r = s.rules().get(0);
        assertEquals("rule.1", r.key());
        assertEquals(NodeId.parse("ns=2;s=Fence.Zone3.Alarm"), r.nodeId());
        assertEquals(Rule.Op.EQ, r.op());
        assertEquals(Boolean.TRUE, r.operand());
        assertEquals("fence.intrusion", r.type());
        assertEquals("north", r.zoneId());
        assertNull(r.deviceId());
        assertEquals(Severity.MAJOR, r.severity());
        assertEquals("ns=2;s=Fence.Zone3.Alarm == true", r.condition());
        assertTrue(s.commands().isEmpty());
    }

    @Test
    void readsEveryOperatorValueAndOption() {
        Map<String, String> p = base();
        p.put("rule.2", "ns=2;s=Tank.Level >= 80.5 -> tank.high device=tank-1 severity=warning unit=percent");
        p.put("rule.10", "ns=3;i=1001 != 'door open' -> door.state");
        p.put("rule.3", "ns=2;s=Mode changed -> plc.mode");
        p.put("rule.4", "ns=2;s=Count < -3 -> count.low");
        p.put("rule.5", "ns=2;s=Count <= 1e3 -> count.ok");
        p.put("rule.6", "ns=2;s=Count > 7 -> count.high");
        p.put("rule.7", "ns=2;s=Text == ready -> plc.ready");
        p.put("rule.night", "ns=2;s=Fence.Zone3.Alarm == false -> fence.quiet");
        p.put("security.policy", "basic256sha256");
        p.put("security.mode", "sign");
        p.put("username", "ops");
        p.put("password", "${env:OPC_PW}");
        p.put("server.trust", "any");
        p.put("command.open", "ns=2;s=Gate1.Open:Boolean:true");
        p.put("command.speed", "ns=2;s=Motor:Speed:UInt16:1200");
        p.put("command.code", "ns=2;s=Code:UInt32:4000000000");
        p.put("command.say", "ns=2;s=Display:String:hello world");
        OpcUaSettings s = settings(p, n -> n.equals("OPC_PW") ? "s3cret" : null);
        assertEquals("Basic256Sha256", s.policy());
        assertEquals("Sign", s.mode());
        assertEquals("ops", s.username());
        assertEquals("s3cret", s.password());
        assertTrue(s.trustAnyServer());
        List<String> keys = s.rules().stream().map(Rule::key).toList();
        assertEquals(List.of("rule.1", "rule.2", "rule.3", "rule.4", "rule.5", "rule.6", "rule.7", "rule.10",
                "rule.night"), keys);
        Rule tank = s.rules().get(1);
        assertEquals(Rule.Op.GE, tank.op());
        assertEquals(new BigDecimal("80.5"), tank.operand());
        assertEquals("tank-1", tank.deviceId());
        assertEquals(Severity.WARNING, tank.severity());
        assertEquals(Map.of("unit", "percent"), tank.attributes());
        assertEquals(Rule.Op.CHANGED, s.rules().get(2).op());
        assertEquals(Severity.INFO, s.rules().get(2).severity());
        assertEquals("door open", s.rules().get(7).operand());
        assertEquals("ready", s.rules().get(6).operand());
        assertEquals(List.of("code", "open", "say", "speed"), s.capabilities());
        assertEquals(Boolean.TRUE, s.commands().get("open").value().getValue());
        assertEquals(NodeId.parse("ns=2;s=Motor:Speed"), s.commands().get("speed").nodeId());
        assertEquals(UShort.valueOf(1200), s.commands().get("speed").value().getValue());
        assertEquals(UInteger.valueOf(4000000000L), s.commands().get("code").value().getValue());
        assertEquals("hello world", s.commands().get("say").value().getValue());
    }

    @Test
    void conditionsHoldOnEveryValueType() {
        Rule eq = Rule.parse("rule.1", "ns=2;s=A == true -> a.b");
        assertTrue(eq.holds(true));
        assertFalse(eq.holds(false));
        assertTrue(eq.holds(1)); // a number as a boolean
        assertFalse(eq.holds(null));
        Rule ge = Rule.parse("rule.2", "ns=2;s=A >= 80 -> a.b");
        assertTrue(ge.holds(80.0));
        assertTrue(ge.holds(UInteger.valueOf(81)));
        assertFalse(ge.holds(79.99f));
        assertTrue(ge.holds("90")); // a number sent as text
        assertThrows(IllegalArgumentException.class, () -> ge.holds("high"));
        Rule text = Rule.parse("rule.3", "ns=2;s=A != \"ok\" -> a.b");
        assertTrue(text.holds("fault"));
        assertFalse(text.holds("ok"));
        Rule changed = Rule.parse("rule.4", "ns=2;s=A changed -> a.b");
        assertTrue(changed.holds(3));
    }

    @Test
    void passwordFromTheDefaultVariable() {
        Map<String, String> p = base();
        p.put("username", "ops");
        OpcUaSettings s = settings(p, n -> n.equals("ORG_GATEHOUSE_DEVICE_OPCUA_PASSWORD") ? "pw" : null);
        assertEquals("pw", s.password());
    }

    @Test
    void refusesEveryBadRuleShapeNamingTheKey() {
        String[][] bad = {
            {"", "rule.1 is empty"},
            {"ns=2;s=A == true", "no '->'"},
            {"ns=2;s=A -> a.b", "is not <nodeId> <op> <value>"},
            {"ns=2;s=A = true -> a.b", "is not <nodeId> <op> <value>"},
            {"ns=2;s=A =~ x -> a.b", "is not <nodeId> <op> <value>"},
            {"nonsense == true -> a.b", "is not a node id"},
            {"ns=x;s=A == true -> a.b", "is not a node id"},
            {"ns=2;s=A == -> a.b", "no value after '=='"},
            {"ns=2;s=A > high -> a.b", "compares numbers"},
            {"ns=2;s=A >= true -> a.b", "compares numbers"},
            {"ns=2;s=A changed 3 -> a.b", "'changed' takes no value"},
            {"ns=2;s=A == true ->", "no event type"},
            {"ns=2;s=A == true -> Fence.Intrusion", "lower-case dotted words"},
            {"ns=2;s=A == true -> fence..x", "lower-case dotted words"},
            {"ns=2;s=A == true -> a.b zone", "is not <key>=<value>"},
            {"ns=2;s=A == true -> a.b zone=", "is not <key>=<value>"},
            {"ns=2;s=A == true -> a.b =x", "is not <key>=<value>"},
            {"ns=2;s=A == true -> a.b zone=no/where", "is not a zone id"},
            {"ns=2;s=A == true -> a.b device=a b", "is not <key>=<value>"},
            {"ns=2;s=A == true -> a.b severity=HUGE", "is not INFO, WARNING, MAJOR or CRITICAL"},
            {"ns=2;s=A == true -> a.b state=on", "is set by the driver"},
            {"ns=2;s=A == true -> a.b k=1 k=2", "is given twice"},
            {"ns=2;s=A == true -> a.b k$=1", "attribute name"},
        };
        for (String[] b : bad) {
            Map<String, String> p = base();
            p.put("rule.1", b[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(p), b[0]);
            assertTrue(e.getMessage().startsWith("rule.1"), e.getMessage());
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void refusesBadCommandsAndOtherKeys() {
        Object[][] bad = {
            {"command.open", "ns=2;s=Gate1.Open:true", "command.open", "must be <nodeId>:<type>:<value>"},
            {"command.open", "ns=2;s=Gate1.Open:Bool:true", "command.open", "is not a supported type"},
            {"command.open", "ns=2;s=Gate1.Open:Boolean:yes", "command.open", "is not a Boolean"},
            {"command.open", "ns=2;s=Gate1.Open:Byte:256", "command.open", "is not a Byte"},
            {"command.open", "ns=2;s=Gate1.Open:Int32:1.5", "command.open", "is not a Int32"},
            {"command.open", "gate:Boolean:true", "command.open", "is not a node id"},
            {"command.Open Now", "ns=2;s=G:Boolean:true", "command.Open Now", "a command name"},
            {"rule.a b", "ns=2;s=A == true -> a.b", "rule.a b", "a rule is named"},
            {"endpoint", "http://x", "endpoint", "must be opc.tcp://"},
            {"endpoint", "", "endpoint", "is required"},
            {"device.id", " ", "device.id", "is required"},
            {"security.policy", "Aes256", "security.policy", "is not None or Basic256Sha256"},
            {"security.policy", "Basic256Sha256", "", ""},
            {"server.trust", "maybe", "server.trust", "is not pki or any"},
            {"publishing.ms", "5", "publishing.ms", "at least 10"},
            {"sampling.ms", "-1", "sampling.ms", "0 or more"},
            {"keepalive.ms", "50", "keepalive.ms", "at least 100"},
            {"backoff.max.ms", "10", "backoff.max.ms", "at least 1000"},
            {"username", "ops", "password", "ORG_GATEHOUSE_DEVICE_OPCUA_PASSWORD is not set"},
        };
        for (Object[] b : bad) {
            Map<String, String> p = base();
            p.put((String) b[0], (String) b[1]);
            if (((String) b[2]).isEmpty()) {
                p.put("security.mode", "Encrypt");
                b = new Object[] {b[0], b[1], "security.mode", "is not Sign or SignAndEncrypt"};
            }
            Object[] c = b;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(p),
                    c[0] + "=" + c[1]);
            assertTrue(e.getMessage().startsWith((String) c[2]), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[3]), c[1] + " -> " + e.getMessage());
        }
        Map<String, String> none = props("device.id", "plc-1", "endpoint", "opc.tcp://h");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(none));
        assertTrue(e.getMessage().startsWith("rule.<n> is required"), e.getMessage());
        Map<String, String> env = base();
        env.put("username", "ops");
        env.put("password", "${env:NOPE}");
        e = assertThrows(IllegalArgumentException.class, () -> settings(env));
        assertTrue(e.getMessage().contains("NOPE is not set"), e.getMessage());
    }
}
