package org.gatehouse.opcua.internal.alarms;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.api.EventItem;
import org.eclipse.milo.opcua.sdk.server.api.methods.AbstractMethodInvocationHandler.InvocationContext;
import org.eclipse.milo.opcua.sdk.server.api.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.items.BaseMonitoredItem;
import org.eclipse.milo.opcua.sdk.server.model.methods.AcknowledgeMethod;
import org.eclipse.milo.opcua.sdk.server.model.methods.ConditionRefresh2Method;
import org.eclipse.milo.opcua.sdk.server.model.methods.ConditionRefreshMethod;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.BrowsePath;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.sdk.server.subscriptions.Subscription;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AlarmService.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

/**
 * Gatehouse alarms as OPC UA Alarms &amp; Conditions (Part 9) on Milo 0.6, which has the node classes but no condition
 * logic. One {@code AlarmConditionType} instance per open alarm under the Alarms folder ({@code ns=<i>;s=Alarms/<id>});
 * every transition updates it and posts it as an event with a fresh EventId to the Server object's event items;
 * {@code Acknowledge} (the instance's method, or i=9111 with the instance as ObjectId) acknowledges through
 * {@link AlarmService} as {@code opcua:<user>}; {@code ConditionRefresh} (i=3875) and {@code ConditionRefresh2}
 * (i=12912) replay the retained conditions to the caller's subscription (monitored item) only, between RefreshStart
 * and RefreshEnd. A resolved or cleared alarm posts its final event (Retain false) and its node goes away.
 */
public final class AlarmConditions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmConditions.class);
    /** Roles that may acknowledge, as in the console. */
    static final Set<String> ACK_ROLES = Set.of("security", "admin");
    private static final int PAGE = 1000;
    private static final int FORGET_CLOSED_AFTER = 10_000;

    /** The Gatehouse user and roles of an OPC UA session. */
    public record Caller(String user, Set<String> roles) {
        public Caller {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /** One condition: its node, the alarm it shows and the EventId of its latest event. */
    private static final class Condition {
        final AlarmConditionTypeNode node;
        Alarm alarm;
        ByteString eventId;

        Condition(AlarmConditionTypeNode node) {
            this.node = node;
        }
    }

    private final OpcUaServer server;
    private final UaNodeContext context;
    private final UaNodeManager nodes;
    private final UShort ns;
    private final NodeId alarmsFolder;
    private final AlarmService alarms;
    private final Function<Session, Caller> callers;
    private final SecureRandom random = new SecureRandom();
    /** Guarded by this: the conditions shown, by alarm id. */
    private final Map<Long, Condition> conditions = new ConcurrentHashMap<>();
    /** Guarded by this: alarms seen closed, so a late RAISED of the same alarm does not bring its node back. */
    private final Map<Long, Boolean> closedIds = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > FORGET_CLOSED_AFTER;
        }
    };
    private final List<Runnable> undo = new ArrayList<>();
    private volatile AutoCloseable subscription;
    private volatile boolean closed;

    public AlarmConditions(OpcUaServer server, UaNodeContext context, UaNodeManager nodes, UShort namespaceIndex,
                           NodeId alarmsFolder, AlarmService alarms, Function<Session, Caller> callers) {
        this.server = server;
        this.context = context;
        this.nodes = nodes;
        this.ns = namespaceIndex;
        this.alarmsFolder = alarmsFolder;
        this.alarms = alarms;
        this.callers = callers;
    }

    /**
     * Makes the Server object an event notifier, installs ConditionRefresh(2), subscribes to the alarm transitions and
     * creates a condition for each open alarm.
     */
    public void start() {
        if (!nodes.containsNode(alarmsFolder)) {
            LOG.warn("OPC UA alarm conditions: the Alarms folder {} is not in the namespace; conditions will not be"
                    + " browsable", alarmsFolder.toParseableString());
        }
        server.getAddressSpaceManager().getManagedNode(Identifiers.Server)
                .filter(UaObjectNode.class::isInstance).map(UaObjectNode.class::cast).ifPresent(s -> {
                    int bits = s.getEventNotifier() == null ? 0 : s.getEventNotifier().intValue();
                    s.setEventNotifier(ubyte(bits | 1)); // SubscribeToEvents
                });
        install(Identifiers.ConditionType_ConditionRefresh, Refresh::new);
        install(Identifiers.ConditionType_ConditionRefresh2, Refresh2::new);
        subscription = alarms.subscribe(this::onTransition);
        int offset = 0;
        int loaded = 0;
        while (true) {
            Page<Alarm> page = alarms.query(new AlarmQuery(Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), null,
                    null, null, offset, PAGE));
            synchronized (this) {
                for (Alarm a : page.items()) {
                    // a transition delivered meanwhile is newer than the page: it wins
                    if (!conditions.containsKey(a.id()) && !closedIds.containsKey(a.id()) && a.state().active()) {
                        Condition c = create(a);
                        fill(c, Transition.RAISED, a);
                        loaded++;
                    }
                }
            }
            offset += page.items().size();
            if (page.items().size() < PAGE || offset >= page.total()) {
                break;
            }
        }
        LOG.info("OPC UA alarm conditions started: {} open alarms under {}", loaded, alarmsFolder.toParseableString());
    }

    /** @return the conditions the server retains (one per open alarm) */
    public int retained() {
        return conditions.size();
    }

    @Override
    public void close() {
        closed = true;
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("OPC UA alarm conditions: closing the alarm subscription failed: {}", e.toString());
            }
        }
        synchronized (this) {
            undo.forEach(Runnable::run);
            undo.clear();
            conditions.values().forEach(c -> c.node.delete());
            conditions.clear();
        }
    }

    // ---- transitions

    private void onTransition(Transition t, Alarm a) {
        if (closed || t == Transition.REMINDED) {
            return; // a reminder changes nothing a client sees
        }
        synchronized (this) {
            Condition c = conditions.get(a.id());
            if (c == null) {
                if (!a.state().active()) {
                    closedIds.put(a.id(), Boolean.TRUE);
                    return;
                }
                if (closedIds.containsKey(a.id())) {
                    return;
                }
                c = create(a);
            } else if (ConditionFields.older(a, c.alarm)) {
                return;
            }
            fill(c, t, a);
            post(c.node);
            if (!a.state().active()) {
                conditions.remove(a.id());
                closedIds.put(a.id(), Boolean.TRUE);
                c.node.delete();
            }
        }
    }

    private Condition create(Alarm a) {
        NodeId id = ConditionFields.conditionId(ns, a.id());
        AlarmConditionTypeNode node;
        try {
            node = (AlarmConditionTypeNode) new ReadableIds(context).createNode(id, Identifiers.AlarmConditionType,
                    new NodeFactory.InstantiationCallback() {
                    });
        } catch (UaException e) {
            throw new IllegalStateException("cannot instantiate AlarmConditionType: " + e.getMessage(), e);
        }
        node.setBrowseName(new QualifiedName(ns, Long.toString(a.id())));
        node.setDisplayName(LocalizedText.english(a.type() + " #" + a.id()));
        node.addReference(new Reference(id, Identifiers.HasComponent, alarmsFolder.expanded(), false));
        UaMethodNode ack = node.getAcknowledgeMethodNode();
        if (ack != null) {
            Ack handler = new Ack(ack, a.id());
            ack.setInvocationHandler(handler);
            ack.setInputArguments(handler.getInputArguments());
            ack.setOutputArguments(handler.getOutputArguments());
        }
        node.setEventType(Identifiers.AlarmConditionType);
        node.setConditionClassId(Identifiers.BaseConditionClassType);
        node.setConditionClassName(LocalizedText.english("BaseConditionClass"));
        node.setBranchId(NodeId.NULL_VALUE);
        node.setInputNode(NodeId.NULL_VALUE);
        node.setSuppressedOrShelved(false);
        node.setQuality(StatusCode.GOOD);
        node.setEnabledState(LocalizedText.english("Enabled"));
        node.getEnabledStateNode().setId(true);
        Condition c = new Condition(node);
        conditions.put(a.id(), c);
        return c;
    }

    /** Members get readable ids: {@code Alarms/7/AckedState/Id}, {@code Alarms/7/Acknowledge} (not {@code /0:...}). */
    private static final class ReadableIds extends NodeFactory {
        ReadableIds(UaNodeContext context) {
            super(context);
        }

        @Override
        protected NodeId instanceNodeId(NodeId root, BrowsePath path) {
            return new NodeId(root.getNamespaceIndex(), root.getIdentifier() + path.join("/", false));
        }
    }

    /** Writes the alarm into the node with a fresh EventId. */
    private void fill(Condition c, Transition t, Alarm a) {
        AlarmConditionTypeNode n = c.node;
        UShort severity = ConditionFields.severity(a.severity());
        n.setLastSeverity(c.alarm == null ? severity : ConditionFields.severity(c.alarm.severity()));
        c.alarm = a;
        c.eventId = ByteString.of(nonce());
        n.setEventId(c.eventId);
        NodeId source = ConditionFields.sourceNode(ns, a);
        n.setSourceNode(source == null ? n.getNodeId() : source);
        n.setSourceName(ConditionFields.sourceName(a));
        n.setTime(ConditionFields.changedAt(t, a));
        n.setReceiveTime(DateTime.now());
        n.setMessage(ConditionFields.message(a.message()));
        n.setSeverity(severity);
        n.setConditionName(a.type());
        boolean active = a.state().active();
        n.setRetain(active);
        n.setActiveState(LocalizedText.english(active ? "Active" : "Inactive"));
        n.getActiveStateNode().setId(active);
        boolean acked = ConditionFields.acked(a);
        n.setAckedState(LocalizedText.english(acked ? "Acknowledged" : "Unacknowledged"));
        n.getAckedStateNode().setId(acked);
        n.setComment(ConditionFields.comment(a.note()));
        n.setClientUserId(ConditionFields.clientUserId(a));
    }

    private byte[] nonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    private void post(BaseEventTypeNode event) {
        try {
            server.getEventBus().post(event);
        } catch (RuntimeException e) {
            LOG.warn("OPC UA alarm event not posted: {}", e.toString());
        }
    }

    // ---- Acknowledge

    /** Acknowledge on one condition instance (found by the instance's method or by i=9111 on the instance). */
    private final class Ack extends AcknowledgeMethod {
        private final long alarmId;

        Ack(UaMethodNode node, long alarmId) {
            super(node);
            this.alarmId = alarmId;
        }

        @Override
        protected void invoke(InvocationContext ctx, ByteString eventId, LocalizedText comment) throws UaException {
            Caller caller = ctx.getSession().map(callers).orElse(null);
            String who = caller == null ? "anonymous" : caller.user();
            if (caller == null || caller.roles().stream().noneMatch(ACK_ROLES::contains)) {
                LOG.info("OPC UA Acknowledge of alarm #{} refused: user {} has no role security or admin", alarmId, who);
                throw new UaException(StatusCodes.Bad_UserAccessDenied);
            }
            synchronized (AlarmConditions.this) {
                Condition c = conditions.get(alarmId);
                if (c == null) {
                    throw new UaException(StatusCodes.Bad_NodeIdUnknown, "alarm #" + alarmId + " is closed");
                }
                if (eventId == null || !eventId.equals(c.eventId)) {
                    LOG.info("OPC UA Acknowledge of alarm #{} by {} refused: not the condition's latest EventId",
                            alarmId, who);
                    throw new UaException(StatusCodes.Bad_EventIdUnknown);
                }
                if (ConditionFields.acked(c.alarm)) {
                    throw new UaException(StatusCodes.Bad_ConditionBranchAlreadyAcked);
                }
            }
            String note = comment == null || comment.getText() == null || comment.getText().isBlank() ? null
                    : comment.getText();
            try {
                // the transition comes back through onTransition: node updated, event posted
                alarms.acknowledge(alarmId, "opcua:" + who, note);
            } catch (GatehouseException e) {
                LOG.info("OPC UA Acknowledge of alarm #{} by {} refused: {}", alarmId, who, e.getMessage());
                switch (e.kind()) {
                    case NOT_FOUND:
                        throw new UaException(StatusCodes.Bad_NodeIdUnknown, e.getMessage());
                    case CONFLICT:
                        throw new UaException(StatusCodes.Bad_ConditionBranchAlreadyAcked, e.getMessage());
                    case INVALID:
                        throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
                    default:
                        throw new UaException(StatusCodes.Bad_ResourceUnavailable, e.getMessage());
                }
            }
        }
    }

    // ---- ConditionRefresh

    private <T extends MethodInvocationHandler> void install(NodeId methodId, Function<UaMethodNode, T> handler) {
        server.getAddressSpaceManager().getManagedNode(methodId).filter(UaMethodNode.class::isInstance)
                .map(UaMethodNode.class::cast).ifPresentOrElse(m -> {
                    MethodInvocationHandler previous = m.getInvocationHandler();
                    m.setInvocationHandler(handler.apply(m));
                    undo.add(() -> m.setInvocationHandler(previous));
                }, () -> LOG.warn("OPC UA alarm conditions: method {} not found, ConditionRefresh not replaced",
                        methodId.toParseableString()));
    }

    private Subscription subscription(InvocationContext ctx, UInteger subscriptionId) throws UaException {
        Session session = ctx.getSession().orElseThrow(() -> new UaException(StatusCodes.Bad_SessionIdInvalid));
        Subscription s = subscriptionId == null ? null
                : session.getSubscriptionManager().getSubscription(subscriptionId);
        if (s == null) {
            throw new UaException(StatusCodes.Bad_SubscriptionIdInvalid);
        }
        return s;
    }

    private static List<EventItem> eventItems(Subscription s) {
        List<EventItem> out = new ArrayList<>();
        for (BaseMonitoredItem<?> item : s.getMonitoredItems().values()) {
            if (item instanceof EventItem && ((EventItem) item).isSamplingEnabled()) {
                out.add((EventItem) item);
            }
        }
        return out;
    }

    /** RefreshStart, every retained condition as it is (same EventId), RefreshEnd: to these items only. */
    private void refresh(List<EventItem> items) throws UaException {
        BaseEventTypeNode start = marker(Identifiers.RefreshStartEventType, "RefreshStart");
        BaseEventTypeNode end = marker(Identifiers.RefreshEndEventType, "RefreshEnd");
        try {
            synchronized (this) {
                items.forEach(i -> i.onEvent(start));
                for (Condition c : conditions.values()) {
                    items.forEach(i -> i.onEvent(c.node));
                }
                items.forEach(i -> i.onEvent(end));
            }
        } finally {
            start.delete();
            end.delete();
        }
    }

    private BaseEventTypeNode marker(NodeId type, String name) throws UaException {
        BaseEventTypeNode e = server.getEventFactory().createEvent(new NodeId(ns, UUID.randomUUID()), type);
        e.setBrowseName(new QualifiedName(ns, name));
        e.setDisplayName(LocalizedText.english(name));
        e.setEventId(ByteString.of(nonce()));
        e.setEventType(type);
        e.setSourceNode(Identifiers.Server);
        e.setSourceName("Server");
        e.setTime(DateTime.now());
        e.setReceiveTime(DateTime.NULL_VALUE);
        e.setMessage(LocalizedText.english(name));
        e.setSeverity(ushort(0));
        return e;
    }

    /**
     * The arguments Milo checks a call against: UInt32 where the method declares IntegerId (i=288), since Milo 0.6
     * compares data types exactly and clients send a SubscriptionId as UInt32 (its own ConditionRefresh refuses every
     * call with Bad_InvalidArgument). The method node keeps its declared InputArguments.
     */
    private static Argument[] asUInt32(Argument[] declared) {
        Argument[] out = new Argument[declared.length];
        for (int i = 0; i < declared.length; i++) {
            Argument a = declared[i];
            out[i] = Identifiers.IntegerId.equals(a.getDataType()) ? new Argument(a.getName(), Identifiers.UInt32,
                    a.getValueRank(), a.getArrayDimensions(), a.getDescription()) : a;
        }
        return out;
    }

    /** ConditionRefresh(SubscriptionId) on ConditionType: the caller's subscription only. */
    private final class Refresh extends ConditionRefreshMethod {
        Refresh(UaMethodNode node) {
            super(node);
        }

        @Override
        public Argument[] getInputArguments() {
            return asUInt32(super.getInputArguments());
        }

        @Override
        protected void invoke(InvocationContext ctx, UInteger subscriptionId) throws UaException {
            refresh(eventItems(subscription(ctx, subscriptionId)));
        }
    }

    /** ConditionRefresh2(SubscriptionId, MonitoredItemId): that one event item only. */
    private final class Refresh2 extends ConditionRefresh2Method {
        Refresh2(UaMethodNode node) {
            super(node);
        }

        @Override
        public Argument[] getInputArguments() {
            return asUInt32(super.getInputArguments());
        }

        @Override
        protected void invoke(InvocationContext ctx, UInteger subscriptionId, UInteger monitoredItemId)
                throws UaException {
            Subscription s = subscription(ctx, subscriptionId);
            BaseMonitoredItem<?> item = monitoredItemId == null ? null : s.getMonitoredItems().get(monitoredItemId);
            if (!(item instanceof EventItem)) {
                throw new UaException(StatusCodes.Bad_MonitoredItemIdInvalid);
            }
            refresh(List.of((EventItem) item));
        }
    }

    /** For tests: the node of an alarm's condition, if retained. */
    UaNode node(long alarmId) {
        Condition c = conditions.get(alarmId);
        return c == null ? null : c.node;
    }
}
