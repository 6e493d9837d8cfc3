package org.gatehouse.opcua.internal.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Alarms &amp; Conditions end to end: the core's real AlarmService on an embedded Derby, a real Milo server on a
 * loopback port with {@link AlarmConditions}, and Milo sdk-client sessions (a security guard, a teacher, anonymous)
 * subscribed to the Server object's events.
 */
class AlarmConditionsTest {
    static Platform p;
    static AlarmsTestServer server;
    static UShort ns;
    static long openAtStart;
    private static int seq;

    @BeforeAll
    static void start() throws Exception {
        p = TestDb.platform();
        TestDb.seed(p); // site s1, device fence-1
        for (String d : List.of("fence-2", "fence-3", "fence-4", "fence-5", "fence-6", "fence-7")) {
            p.sites.saveDevice(new org.gatehouse.api.Device(d, "s1", null, "fence", "http", d,
                    org.gatehouse.api.DeviceStatus.UNKNOWN, Map.of()), "test");
        }
        p.start();
        openAtStart = raise("fence-7", Severity.MAJOR, "围栏 7 入侵").id(); // open before the server starts
        server = AlarmsTestServer.start(p.alarms, List.of("fence-1", "fence-2", "fence-3", "fence-4", "fence-5",
                "fence-6", "fence-7"));
        ns = server.namespace.getNamespaceIndex();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (p != null) {
            p.stop();
        }
    }

    static synchronized Alarm raise(String device, Severity sev, String message) {
        SecurityEvent e = p.events.ingest(new SecurityEvent("t-" + (++seq) + "-" + System.nanoTime(), null, null,
                device, null, "fence.intrusion", sev, Map.of(), null, null)).event();
        return p.alarms.raise(e, message);
    }

    static synchronized void restore(String device) {
        SecurityEvent e = p.events.ingest(new SecurityEvent("r-" + (++seq) + "-" + System.nanoTime(), null, null,
                device, null, "fence.intrusion", Severity.INFO,
                Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE), null, null)).event();
        p.alarms.clear(e);
    }

    static NodeId condition(long id) {
        return new NodeId(ns, "Alarms/" + id);
    }

    static Variant[] ackArgs(Object eventId, String comment) {
        return new Variant[] {new Variant(eventId), new Variant(LocalizedText.english(comment))};
    }

    static boolean about(Map<String, Object> e, long id) {
        return condition(id).equals(e.get("ConditionId"));
    }

    @Test
    void anAlarmOpenAtStartIsARetainedConditionUnderTheAlarmsFolder() throws Exception {
        try (EventClient c = EventClient.connect(server.endpoint, null)) {
            BrowseResult r = c.client.browse(new BrowseDescription(server.namespace.alarms.getNodeId(),
                    BrowseDirection.Forward, Identifiers.HierarchicalReferences, true, uint(NodeClass.Object.getValue()),
                    uint(BrowseResultMask.All.getValue()))).get(10, TimeUnit.SECONDS);
            assertTrue(List.of(r.getReferences()).stream().map(ReferenceDescription::getNodeId)
                    .anyMatch(x -> x.toNodeId(c.client.getNamespaceTable()).orElseThrow()
                            .equals(condition(openAtStart))), "the condition is browsable under Alarms");
            NodeId n = condition(openAtStart);
            List<DataValue> values = List.of(c.client.read(0.0, TimestampsToReturn.Neither, List.of(
                    prop(n, "Retain"), prop(n, "Severity"), prop(n, "SourceName"), prop(n, "Message"),
                    prop(n, "ConditionName"), prop(n, "SourceNode"), prop(n, "EventType"))).get(10, TimeUnit.SECONDS)
                    .getResults());
            assertEquals(true, values.get(0).getValue().getValue());
            assertEquals(UShort.valueOf(600), values.get(1).getValue().getValue(), "MAJOR is 600");
            assertEquals("fence-7", values.get(2).getValue().getValue());
            assertEquals(new LocalizedText("zh-CN", "围栏 7 入侵"), values.get(3).getValue().getValue());
            assertEquals("fence.intrusion", values.get(4).getValue().getValue());
            assertEquals(new NodeId(ns, "Devices/fence-7"), values.get(5).getValue().getValue());
            assertEquals(Identifiers.AlarmConditionType, values.get(6).getValue().getValue());
        }
        assertTrue(server.conditions.retained() >= 1);
    }

    static ReadValueId prop(NodeId n, String name) {
        return new ReadValueId(new NodeId(n.getNamespaceIndex(), n.getIdentifier() + "/" + name),
                AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
    }

    @Test
    void eachChangeIsAnEventWithAFreshEventIdAndTheGuardAcknowledgesWithAComment() throws Exception {
        try (EventClient c = EventClient.connect(server.endpoint, "guard")) {
            Alarm a = raise("fence-1", Severity.CRITICAL, "Fence 1 cut");
            Map<String, Object> raised = c.next(e -> about(e, a.id()));
            assertEquals(Identifiers.AlarmConditionType, raised.get("EventType"));
            assertEquals(new NodeId(ns, "Devices/fence-1"), raised.get("SourceNode"));
            assertEquals("fence-1", raised.get("SourceName"));
            assertEquals(UShort.valueOf(900), raised.get("Severity"), "CRITICAL is 900");
            assertEquals(LocalizedText.english("Fence 1 cut"), raised.get("Message"));
            assertEquals("fence.intrusion", raised.get("ConditionName"));
            assertTrue(raised.get("BranchId") == null || ((NodeId) raised.get("BranchId")).isNull(), "no branches");
            assertEquals(true, raised.get("Retain"));
            assertEquals(true, raised.get("EnabledState/Id"));
            assertEquals(true, raised.get("ActiveState/Id"));
            assertEquals(false, raised.get("AckedState/Id"));
            assertNotNull(raised.get("Time"));
            ByteString first = (ByteString) raised.get("EventId");
            assertEquals(16, first.length());

            raise("fence-1", Severity.CRITICAL, "again"); // a repeat folds into the alarm: a new event
            Map<String, Object> repeated = c.next(e -> about(e, a.id()));
            ByteString second = (ByteString) repeated.get("EventId");
            assertNotEquals(first, second, "every event has a fresh EventId");

            assertEquals(new StatusCode(StatusCodes.Bad_EventIdUnknown),
                    c.call(condition(a.id()), Identifiers.AcknowledgeableConditionType_Acknowledge,
                            ackArgs(first, "stale")), "only the latest EventId acknowledges");
            assertEquals(AlarmState.RAISED, p.alarms.get(a.id()).orElseThrow().state());

            assertEquals(StatusCode.GOOD, c.call(condition(a.id()),
                    Identifiers.AcknowledgeableConditionType_Acknowledge, ackArgs(second, "on my way")));
            Map<String, Object> acked = c.next(e -> about(e, a.id()));
            assertEquals(true, acked.get("AckedState/Id"));
            assertEquals(true, acked.get("ActiveState/Id"));
            assertEquals(true, acked.get("Retain"));
            assertEquals("on my way", ((LocalizedText) acked.get("Comment")).getText());
            assertEquals("opcua:guard", acked.get("ClientUserId"));
            assertNotEquals(second, acked.get("EventId"));

            Alarm stored = p.alarms.get(a.id()).orElseThrow();
            assertEquals(AlarmState.ACKNOWLEDGED, stored.state());
            assertEquals("opcua:guard", stored.ackBy());
            assertEquals("on my way", stored.note());
            List<AuditEntry> audit = p.audit.query("alarm", Long.toString(a.id()), null, 0, 10).items();
            assertEquals("alarm-acknowledge", audit.get(0).action());
            assertEquals("opcua:guard", audit.get(0).actor(), "audited like the console, with the OPC UA user");

            assertEquals(new StatusCode(StatusCodes.Bad_ConditionBranchAlreadyAcked),
                    c.call(condition(a.id()), Identifiers.AcknowledgeableConditionType_Acknowledge,
                            ackArgs(acked.get("EventId"), "twice")));

            p.alarms.resolve(a.id(), "guard", "cat on the fence");
            Map<String, Object> last = c.next(e -> about(e, a.id()));
            assertEquals(false, last.get("Retain"), "the final event does not retain the condition");
            assertEquals(false, last.get("ActiveState/Id"));
            assertEquals("guard", last.get("ClientUserId"));
            assertNull(server.conditions.node(a.id()), "the node goes away once the alarm is resolved");
            DataValue gone = c.client.readValue(0.0, TimestampsToReturn.Neither,
                    new NodeId(ns, "Alarms/" + a.id() + "/Retain")).get(10, TimeUnit.SECONDS);
            assertEquals(StatusCodes.Bad_NodeIdUnknown, gone.getStatusCode().getValue());
        }
    }

    @Test
    void theInstanceMethodAcknowledgesTooAsNodeOpcUaCallsIt() throws Exception {
        try (EventClient c = EventClient.connect(server.endpoint, "boss")) {
            Alarm a = raise("fence-2", Severity.WARNING, "Fence 2 touched");
            Map<String, Object> raised = c.next(e -> about(e, a.id()));
            assertEquals(UShort.valueOf(300), raised.get("Severity"), "WARNING is 300");
            NodeId method = new NodeId(ns, "Alarms/" + a.id() + "/Acknowledge");
            assertEquals(StatusCode.GOOD, c.call(condition(a.id()), method, ackArgs(raised.get("EventId"), "")),
                    "role admin acknowledges; an empty comment is no note");
            Map<String, Object> acked = c.next(e -> about(e, a.id()));
            assertEquals(true, acked.get("AckedState/Id"));
            assertEquals("opcua:boss", p.alarms.get(a.id()).orElseThrow().ackBy());
        }
    }

    @Test
    void withoutTheRoleOrWithBadArgumentsNothingIsAcknowledged() throws Exception {
        Alarm a = raise("fence-3", Severity.MAJOR, "Fence 3");
        try (EventClient viewer = EventClient.connect(server.endpoint, "viewer");
             EventClient anonymous = EventClient.connect(server.endpoint, null)) {
            assertEquals(StatusCode.GOOD, viewer.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh, new Variant(viewer.subscription.getSubscriptionId())));
            Map<String, Object> seen = viewer.next(e -> about(e, a.id()));
            Object eventId = seen.get("EventId");
            assertEquals(new StatusCode(StatusCodes.Bad_UserAccessDenied), viewer.call(condition(a.id()),
                    Identifiers.AcknowledgeableConditionType_Acknowledge, ackArgs(eventId, "no")));
            assertEquals(new StatusCode(StatusCodes.Bad_UserAccessDenied), anonymous.call(condition(a.id()),
                    Identifiers.AcknowledgeableConditionType_Acknowledge, ackArgs(eventId, "no")));
            try (EventClient guard = EventClient.connect(server.endpoint, "guard")) {
                assertEquals(StatusCodes.Bad_InvalidArgument, guard.call(condition(a.id()),
                        Identifiers.AcknowledgeableConditionType_Acknowledge,
                        new Variant("not a bytestring"), new Variant(LocalizedText.english("x"))).getValue(),
                        "a wrong argument type is refused");
                assertEquals(StatusCodes.Bad_ArgumentsMissing, guard.call(condition(a.id()),
                        Identifiers.AcknowledgeableConditionType_Acknowledge, new Variant(eventId)).getValue());
                assertEquals(StatusCodes.Bad_EventIdUnknown, guard.call(condition(a.id()),
                        Identifiers.AcknowledgeableConditionType_Acknowledge,
                        ackArgs(ByteString.of(new byte[16]), "made up")).getValue());
                assertEquals(StatusCodes.Bad_NodeIdUnknown, guard.call(condition(999_999),
                        Identifiers.AcknowledgeableConditionType_Acknowledge, ackArgs(eventId, "x")).getValue(),
                        "an unknown condition");
                assertEquals(StatusCodes.Bad_InvalidArgument, guard.call(condition(a.id()),
                        Identifiers.AcknowledgeableConditionType_Acknowledge,
                        ackArgs(eventId, "x".repeat(2001))).getValue(), "a comment longer than a note may be");
            }
        }
        assertEquals(AlarmState.RAISED, p.alarms.get(a.id()).orElseThrow().state(), "nothing was acknowledged");
        assertTrue(p.audit.query("alarm", Long.toString(a.id()), null, 0, 10).items().stream()
                .noneMatch(x -> x.action().equals("alarm-acknowledge")));
    }

    @Test
    void conditionRefreshReplaysTheRetainedConditionsToTheCallersSubscriptionOnly() throws Exception {
        Alarm a = raise("fence-4", Severity.MAJOR, "Fence 4");
        try (EventClient one = EventClient.connect(server.endpoint, null);
             EventClient two = EventClient.connect(server.endpoint, null)) {
            assertEquals(StatusCode.GOOD, one.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh, new Variant(one.subscription.getSubscriptionId())));
            List<Map<String, Object>> replay = untilRefreshEnd(one);
            assertEquals(Identifiers.RefreshStartEventType, replay.get(0).get("EventType"));
            List<Object> ids = replay.stream().filter(e -> e.get("ConditionId") instanceof NodeId
                    && ((NodeId) e.get("ConditionId")).getNamespaceIndex().equals(ns)).map(e -> e.get("ConditionId"))
                    .toList();
            assertTrue(ids.contains(condition(a.id())), "the open alarm is replayed");
            assertTrue(ids.contains(condition(openAtStart)));
            assertEquals(server.conditions.retained(), ids.size(), "every retained condition, once");
            Map<String, Object> replayed = replay.stream().filter(e -> about(e, a.id())).findFirst().orElseThrow();
            assertEquals(true, replayed.get("Retain"));
            assertNotNull(replayed.get("EventId"));

            // the other session's subscription saw none of it: its own refresh is the first it gets
            assertEquals(StatusCode.GOOD, two.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh, new Variant(two.subscription.getSubscriptionId())));
            List<Map<String, Object>> other = untilRefreshEnd(two);
            assertEquals(1, other.stream().filter(e -> Identifiers.RefreshStartEventType.equals(e.get("EventType")))
                    .count(), "one RefreshStart: the refresh of the first client was not broadcast");

            assertEquals(new StatusCode(StatusCodes.Bad_SubscriptionIdInvalid), one.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh, new Variant(uint(987_654))));
            assertEquals(new StatusCode(StatusCodes.Bad_SubscriptionIdInvalid), one.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh, new Variant(two.subscription.getSubscriptionId())),
                    "another session's subscription");

            // ConditionRefresh2: one monitored item
            assertEquals(StatusCode.GOOD, one.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh2, new Variant(one.subscription.getSubscriptionId()),
                    new Variant(one.item.getMonitoredItemId())));
            assertTrue(untilRefreshEnd(one).stream().anyMatch(e -> about(e, a.id())));
            assertEquals(new StatusCode(StatusCodes.Bad_MonitoredItemIdInvalid), one.call(Identifiers.ConditionType,
                    Identifiers.ConditionType_ConditionRefresh2, new Variant(one.subscription.getSubscriptionId()),
                    new Variant(uint(424_242))));
        }
    }

    private static List<Map<String, Object>> untilRefreshEnd(EventClient c) throws InterruptedException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        Map<String, Object> e;
        do {
            e = c.next(x -> true);
            out.add(e);
        } while (!Identifiers.RefreshEndEventType.equals(e.get("EventType")));
        return out;
    }

    @Test
    void aRestoreEventClearsTheConditionWithAFinalEvent() throws Exception {
        try (EventClient c = EventClient.connect(server.endpoint, null)) {
            Alarm a = raise("fence-5", Severity.INFO, "Fence 5 flicker");
            assertEquals(UShort.valueOf(100), c.next(e -> about(e, a.id())).get("Severity"), "INFO is 100");
            int before = server.conditions.retained();
            restore("fence-5");
            Map<String, Object> cleared = c.next(e -> about(e, a.id()));
            assertEquals(false, cleared.get("ActiveState/Id"));
            assertEquals(false, cleared.get("Retain"));
            assertEquals(false, cleared.get("AckedState/Id"), "cleared without acknowledgement");
            assertEquals(before - 1, server.conditions.retained());
        }
    }

    @Test
    void closingRemovesTheConditionsAndGivesConditionRefreshBack() throws Exception {
        Alarm a = raise("fence-6", Severity.MAJOR, "Fence 6");
        AlarmsTestServer.Namespace n = server.namespace;
        AlarmConditions extra = new AlarmConditions(server.server, n.context(), n.nodes(), ns,
                new NodeId(ns, "Alarms"), p.alarms, AlarmsTestServer::caller);
        // a second instance on the same namespace is what a restart of the component does: start, then close
        server.conditions.close();
        assertFalse(n.nodes().containsNode(condition(a.id())), "close removed the nodes");
        assertEquals(0, server.conditions.retained());
        extra.start();
        assertTrue(n.nodes().containsNode(condition(a.id())), "a new start finds the open alarms again");
        assertTrue(n.nodes().containsNode(condition(openAtStart)));
        try (EventClient c = EventClient.connect(server.endpoint, "guard")) {
            raise("fence-6", Severity.MAJOR, "again");
            Map<String, Object> e = c.next(x -> about(x, a.id()));
            assertEquals(StatusCode.GOOD, c.call(condition(a.id()),
                    Identifiers.AcknowledgeableConditionType_Acknowledge, ackArgs(e.get("EventId"), "ok")));
        } finally {
            extra.close();
            AlarmConditions again = new AlarmConditions(server.server, n.context(), n.nodes(), ns,
                    new NodeId(ns, "Alarms"), p.alarms, AlarmsTestServer::caller);
            again.start();
            server.conditions = again;
        }
        assertEquals("opcua:guard", p.alarms.get(a.id()).orElseThrow().ackBy());
        assertTrue(Set.of(AlarmState.ACKNOWLEDGED).contains(p.alarms.get(a.id()).orElseThrow().state()));
    }
}
