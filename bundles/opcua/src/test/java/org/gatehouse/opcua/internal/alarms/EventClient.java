package org.gatehouse.opcua.internal.alarms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * A Milo sdk-client subscribed to the events of the Server object (i=2253), selecting the A&amp;C fields a SCADA
 * client reads; each event arrives as a map of field name to value.
 */
final class EventClient implements AutoCloseable {
    /** Select clauses: name, type that declares it, browse path. ConditionId is the NodeId attribute of the event. */
    static final String[][] FIELDS = {
            {"EventId", "BaseEventType"}, {"EventType", "BaseEventType"}, {"SourceNode", "BaseEventType"},
            {"SourceName", "BaseEventType"}, {"Time", "BaseEventType"}, {"ReceiveTime", "BaseEventType"},
            {"Message", "BaseEventType"}, {"Severity", "BaseEventType"}, {"ConditionName", "ConditionType"},
            {"BranchId", "ConditionType"}, {"Retain", "ConditionType"}, {"EnabledState/Id", "ConditionType"},
            {"ActiveState/Id", "AlarmConditionType"}, {"AckedState/Id", "AcknowledgeableConditionType"},
            {"Comment", "ConditionType"}, {"ClientUserId", "ConditionType"}, {"ConditionId", "ConditionType"}};

    final OpcUaClient client;
    final UaSubscription subscription;
    final UaMonitoredItem item;
    final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();

    private EventClient(OpcUaClient client, UaSubscription subscription, UaMonitoredItem item) {
        this.client = client;
        this.subscription = subscription;
        this.item = item;
    }

    static EventClient connect(String endpoint, String user) throws Exception {
        return connect(endpoint, user, 50.0);
    }

    /** Connects with a subscription of this publishing interval (ms). */
    static EventClient connect(String endpoint, String user, double publishingMs) throws Exception {
        IdentityProvider identity = user == null ? new AnonymousProvider() : new UsernameProvider(user, "pw");
        OpcUaClient client = OpcUaClient.create(endpoint,
                eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                        .findFirst(),
                b -> b.setIdentityProvider(identity).setRequestTimeout(uint(10_000)).build());
        client.connect().get(20, TimeUnit.SECONDS);
        UaSubscription sub = client.getSubscriptionManager().createSubscription(publishingMs).get(10, TimeUnit.SECONDS);
        List<SimpleAttributeOperand> select = new ArrayList<>();
        for (String[] f : FIELDS) {
            NodeId type = typeId(f[1]);
            if (f[0].equals("ConditionId")) {
                select.add(new SimpleAttributeOperand(type, new QualifiedName[0], AttributeId.NodeId.uid(), null));
            } else {
                QualifiedName[] path = java.util.Arrays.stream(f[0].split("/")).map(p -> new QualifiedName(0, p))
                        .toArray(QualifiedName[]::new);
                select.add(new SimpleAttributeOperand(type, path, AttributeId.Value.uid(), null));
            }
        }
        EventFilter filter = new EventFilter(select.toArray(new SimpleAttributeOperand[0]), new ContentFilter(null));
        ReadValueId rv = new ReadValueId(Identifiers.Server, AttributeId.EventNotifier.uid(), null,
                QualifiedName.NULL_VALUE);
        MonitoringParameters params = new MonitoringParameters(uint(1), 0.0,
                ExtensionObject.encode(client.getStaticSerializationContext(), filter), uint(1000), true);
        EventClient[] self = new EventClient[1];
        List<UaMonitoredItem> items = sub.createMonitoredItems(TimestampsToReturn.Both,
                List.of(new MonitoredItemCreateRequest(rv, MonitoringMode.Reporting, params)),
                (it, i) -> it.setEventConsumer((x, values) -> self[0].events.add(toMap(values))))
                .get(10, TimeUnit.SECONDS);
        if (!items.get(0).getStatusCode().isGood()) {
            throw new IllegalStateException("event item refused: " + items.get(0).getStatusCode());
        }
        self[0] = new EventClient(client, sub, items.get(0));
        return self[0];
    }

    private static NodeId typeId(String name) {
        switch (name) {
            case "ConditionType":
                return Identifiers.ConditionType;
            case "AcknowledgeableConditionType":
                return Identifiers.AcknowledgeableConditionType;
            case "AlarmConditionType":
                return Identifiers.AlarmConditionType;
            default:
                return Identifiers.BaseEventType;
        }
    }

    /** Key of the arrival time ({@link System#nanoTime()}) in every event map, for the benchmark. */
    static final String RECEIVED_NANOS = "_receivedNanos";

    private static Map<String, Object> toMap(Variant[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(RECEIVED_NANOS, System.nanoTime());
        for (int i = 0; i < FIELDS.length && i < values.length; i++) {
            m.put(FIELDS[i][0], values[i].getValue());
        }
        return m;
    }

    /** Waits for the next event that matches, skipping the others. */
    Map<String, Object> next(Predicate<Map<String, Object>> match) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Map<String, Object> e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching event within 20 s");
    }

    /** Every event that arrives within the time given. */
    List<Map<String, Object>> drain(long ms) throws InterruptedException {
        List<Map<String, Object>> out = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end) {
            Map<String, Object> e = events.poll(50, TimeUnit.MILLISECONDS);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    StatusCode call(NodeId object, NodeId method, Variant... args) throws Exception {
        return client.call(new CallMethodRequest(object, method, args)).get(10, TimeUnit.SECONDS).getStatusCode();
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }
}
