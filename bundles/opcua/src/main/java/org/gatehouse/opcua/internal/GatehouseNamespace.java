package org.gatehouse.opcua.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.services.AttributeServices;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.AttributeWriter;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.gatehouse.api.Device;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.ZoneArming;
import org.gatehouse.api.service.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gatehouse namespace {@code urn:gatehouse:opcua}: {@code Objects/Gatehouse/} with {@code Sites/<site>/Zones},
 * {@code Sites/<site>/Devices}, {@code Counters} and {@code Alarms}. Node ids are the readable paths
 * ({@code ns=<i>;s=Zones/<zoneId>/Armed}). Every variable is read-only (a write gets Bad_NotWritable); perimeter zones
 * have the methods {@code Arm()} and {@code Disarm(reason)}, which need the role {@code security} (or admin).
 * {@link #sync()} reads the model again (a site, zone or device added later appears, a removed one disappears);
 * {@link #onEvent} keeps the last event times, people inside and arming current between two syncs.
 */
public final class GatehouseNamespace extends ManagedNamespaceWithLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseNamespace.class);

    private final SubscriptionModel subscriptionModel;
    private final Backend backend;
    private final ZoneId timeZone;
    private UaFolderNode root;
    private UaFolderNode sitesFolder;
    private UaFolderNode alarmsFolder;

    /** What is in the address space now, by id; guarded by this. */
    private final Map<String, Site> siteNodes = new LinkedHashMap<>();
    private final Map<String, Zone> zoneNodes = new LinkedHashMap<>();
    private final Map<String, Device> deviceNodes = new LinkedHashMap<>();
    private final Map<String, Instant> lastEventOfZone = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastEventOfDevice = new ConcurrentHashMap<>();
    private final Map<String, Integer> peopleInside = new ConcurrentHashMap<>();

    public GatehouseNamespace(OpcUaServer server, Backend backend, ZoneId timeZone) {
        super(server, OpcUaSettings.NAMESPACE_URI);
        this.backend = backend;
        this.timeZone = timeZone;
        this.subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(this::createRoot);
    }

    /** @return the node id of a readable path in this namespace */
    public NodeId id(String path) {
        return newNodeId(path);
    }

    /** @return the node context of this namespace (for the alarm conditions) */
    public org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext context() {
        return getNodeContext();
    }

    /** @return the node manager of this namespace (for the alarm conditions) */
    public org.eclipse.milo.opcua.sdk.server.UaNodeManager nodes() {
        return getNodeManager();
    }

    /** @return the {@code Alarms} folder under the Gatehouse root (for the alarm conditions) */
    public NodeId alarmsFolder() {
        return alarmsFolder.getNodeId();
    }

    private void createRoot() {
        root = folder("Gatehouse", "Gatehouse");
        root.addReference(new Reference(root.getNodeId(), Identifiers.Organizes,
                Identifiers.ObjectsFolder.expanded(), false));
        sitesFolder = folder("Sites", "Sites");
        root.addOrganizes(sitesFolder);
        UaFolderNode counters = folder("Counters", "Counters");
        root.addOrganizes(counters);
        for (String name : List.of("PassagesToday", "VisitorsOnCampus", "OpenAlarms")) {
            counters.addOrganizes(variable("Counters/" + name, name, Identifiers.Int64, null));
        }
        alarmsFolder = folder("Alarms", "Alarms");
        root.addOrganizes(alarmsFolder);
    }

    // ---- the model

    /** Reads the sites, zones, devices, arming and counters again and updates the address space. */
    public void sync() {
        SiteService sites = backend.sites;
        if (sites != null) {
            syncModel(sites);
        }
        syncCounters();
    }

    private synchronized void syncModel(SiteService service) {
        Map<String, Site> sites = new LinkedHashMap<>();
        Map<String, Zone> zones = new LinkedHashMap<>();
        Map<String, Device> devices = new LinkedHashMap<>();
        for (Site s : service.sites()) {
            sites.put(s.id(), s);
            service.zones(s.id()).forEach(z -> zones.put(z.id(), z));
            service.devices(s.id()).forEach(d -> devices.put(d.id(), d));
        }
        // removed, or moved to another site or kind: their nodes go (and come back below)
        for (Device d : List.copyOf(deviceNodes.values())) {
            Device now = devices.get(d.id());
            if (now == null || !Objects.equals(now.siteId(), d.siteId()) || !sites.containsKey(now.siteId())) {
                removeTree("Devices/" + d.id(), "Sites/" + d.siteId() + "/Devices");
                deviceNodes.remove(d.id());
            }
        }
        for (Zone z : List.copyOf(zoneNodes.values())) {
            Zone now = zones.get(z.id());
            if (now == null || !Objects.equals(now.siteId(), z.siteId()) || now.kind() != z.kind()
                    || !sites.containsKey(now.siteId())) {
                removeTree("Zones/" + z.id(), "Sites/" + z.siteId() + "/Zones");
                zoneNodes.remove(z.id());
            }
        }
        for (Site s : List.copyOf(siteNodes.values())) {
            if (!sites.containsKey(s.id())) {
                removeTree("Sites/" + s.id(), "Sites");
                siteNodes.remove(s.id());
            }
        }
        for (Site s : sites.values()) {
            if (!siteNodes.containsKey(s.id())) {
                addSite(s);
            }
            set("Sites/" + s.id() + "/Name", s.name());
            siteNodes.put(s.id(), s);
        }
        Map<String, ZoneArming> arming = new HashMap<>();
        ArmingService arm = backend.arming;
        if (arm != null) {
            try {
                arm.zones().forEach(a -> arming.put(a.zoneId(), a));
            } catch (RuntimeException e) {
                LOG.debug("arming not readable: {}", e.toString());
            }
        }
        for (Zone z : zones.values()) {
            if (!zoneNodes.containsKey(z.id())) {
                addZone(z);
            }
            zoneNodes.put(z.id(), z);
            updateZone(z, arming.get(z.id()));
        }
        for (Device d : devices.values()) {
            if (!deviceNodes.containsKey(d.id())) {
                addDevice(d);
            }
            deviceNodes.put(d.id(), d);
            updateDevice(d);
        }
    }

    private void syncCounters() {
        counter("PassagesToday", () -> backend.passagesToday(timeZone));
        counter("VisitorsOnCampus", () -> backend.visitorsOnCampus(timeZone));
        counter("OpenAlarms", backend::openAlarms);
    }

    private void counter(String name, java.util.function.Supplier<Long> value) {
        try {
            Long v = value.get();
            if (v != null) {
                set("Counters/" + name, v);
            }
        } catch (RuntimeException e) {
            LOG.debug("counter {} not readable: {}", name, e.toString());
        }
    }

    /** Takes an event from the spine: last event times, people inside, arming of the zone. */
    public void onEvent(SecurityEvent event) {
        Instant time = event.time() == null ? Instant.now() : event.time();
        if (event.zoneId() != null) {
            lastEventOfZone.merge(event.zoneId(), time, (a, b) -> a.isAfter(b) ? a : b);
            set("Zones/" + event.zoneId() + "/LastEvent", dateTime(lastEventOfZone.get(event.zoneId())));
            if (PresenceEvents.PRESENCE.equals(event.type())) {
                Integer persons = persons(event);
                if (persons != null) {
                    peopleInside.put(event.zoneId(), persons);
                    set("Zones/" + event.zoneId() + "/PeopleInside", persons);
                }
            }
            if (event.type() != null && (event.type().startsWith("zone.") || event.type().equals("fence.armed")
                    || event.type().equals("fence.disarmed"))) {
                refreshArming(event.zoneId());
            }
        }
        if (event.deviceId() != null) {
            lastEventOfDevice.merge(event.deviceId(), time, (a, b) -> a.isAfter(b) ? a : b);
            set("Devices/" + event.deviceId() + "/LastEventTime",
                    dateTime(lastEventOfDevice.get(event.deviceId())));
        }
    }

    private static Integer persons(SecurityEvent event) {
        String p = event.attributes().get(PresenceEvents.ATTR_PERSONS);
        if (p == null) {
            return null;
        }
        try {
            return Math.max(0, Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads the arming of one zone again (after an Arm or Disarm call, or a zone.* event). */
    void refreshArming(String zoneId) {
        ArmingService arm = backend.arming;
        Zone zone;
        synchronized (this) {
            zone = zoneNodes.get(zoneId);
        }
        if (arm == null || zone == null || zone.kind() != ZoneKind.PERIMETER) {
            return;
        }
        try {
            set("Zones/" + zoneId + "/Armed", arm.zone(zoneId).armed());
        } catch (RuntimeException e) {
            LOG.debug("arming of {} not readable: {}", zoneId, e.toString());
        }
    }

    // ---- nodes

    private void addSite(Site s) {
        String p = "Sites/" + s.id();
        UaFolderNode site = folder(p, s.name() == null ? s.id() : s.name(), s.id());
        sitesFolder.addOrganizes(site);
        site.addComponent(variable(p + "/Name", "Name", Identifiers.String, s.name()));
        site.addOrganizes(folder(p + "/Zones", "Zones"));
        site.addOrganizes(folder(p + "/Devices", "Devices"));
    }

    private void addZone(Zone z) {
        String p = "Zones/" + z.id();
        UaObjectNode zone = object(p, z.id(), z.name());
        parentFolder("Sites/" + z.siteId() + "/Zones").addOrganizes(zone);
        zone.addComponent(variable(p + "/Name", "Name", Identifiers.String, z.name()));
        zone.addComponent(variable(p + "/Kind", "Kind", Identifiers.String, z.kind() == null ? null
                : z.kind().name()));
        zone.addComponent(variable(p + "/LastEvent", "LastEvent", Identifiers.DateTime,
                dateTime(lastEventOfZone.get(z.id()))));
        if (z.kind() == ZoneKind.PERIMETER) {
            zone.addComponent(variable(p + "/Armed", "Armed", Identifiers.Boolean, z.armed()));
            method(zone, p + "/Arm", "Arm", "Arms the perimeter zone (role security).", true, z.id());
            method(zone, p + "/Disarm", "Disarm", "Disarms the perimeter zone, with a reason (role security).",
                    false, z.id());
        }
        if (z.kind() == ZoneKind.DANGER) {
            zone.addComponent(variable(p + "/PeopleInside", "PeopleInside", Identifiers.Int32,
                    peopleInside.getOrDefault(z.id(), 0)));
        }
    }

    private void updateZone(Zone z, ZoneArming arming) {
        String p = "Zones/" + z.id();
        set(p + "/Name", z.name());
        if (z.kind() == ZoneKind.PERIMETER) {
            set(p + "/Armed", arming != null ? arming.armed() : z.armed());
        }
    }

    private void addDevice(Device d) {
        String p = "Devices/" + d.id();
        UaObjectNode device = object(p, d.id(), d.name());
        parentFolder("Sites/" + d.siteId() + "/Devices").addOrganizes(device);
        device.addComponent(variable(p + "/Name", "Name", Identifiers.String, d.name()));
        device.addComponent(variable(p + "/Type", "Type", Identifiers.String, d.type()));
        device.addComponent(variable(p + "/Vendor", "Vendor", Identifiers.String, d.vendor()));
        device.addComponent(variable(p + "/Zone", "Zone", Identifiers.String, d.zoneId()));
        device.addComponent(variable(p + "/Status", "Status", Identifiers.String, d.status().name()));
        device.addComponent(variable(p + "/LastEventTime", "LastEventTime", Identifiers.DateTime,
                dateTime(lastEventOfDevice.get(d.id()))));
    }

    private void updateDevice(Device d) {
        String p = "Devices/" + d.id();
        set(p + "/Name", d.name());
        set(p + "/Type", d.type());
        set(p + "/Vendor", d.vendor());
        set(p + "/Zone", d.zoneId());
        set(p + "/Status", d.status().name());
    }

    private UaFolderNode parentFolder(String path) {
        return (UaFolderNode) getNodeManager().getNode(newNodeId(path)).orElse(null);
    }

    private UaFolderNode folder(String path, String name) {
        return folder(path, name, name);
    }

    private UaFolderNode folder(String path, String display, String browseName) {
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(browseName),
                LocalizedText.english(display));
        getNodeManager().addNode(f);
        return f;
    }

    private UaObjectNode object(String path, String browseName, String display) {
        UaObjectNode o = UaObjectNode.builder(getNodeContext())
                .setNodeId(newNodeId(path))
                .setBrowseName(newQualifiedName(browseName))
                .setDisplayName(LocalizedText.english(display == null || display.isBlank() ? browseName : display))
                .setTypeDefinition(Identifiers.BaseObjectType)
                .build();
        getNodeManager().addNode(o);
        return o;
    }

    private UaVariableNode variable(String path, String name, NodeId dataType, Object value) {
        UaVariableNode v = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(path))
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(dataType)
                .setTypeDefinition(Identifiers.BaseDataVariableType)
                .build();
        v.setValue(new DataValue(value == null ? Variant.NULL_VALUE : new Variant(value)));
        getNodeManager().addNode(v);
        return v;
    }

    private void method(UaObjectNode zone, String path, String name, String description, boolean arm,
                        String zoneId) {
        UaMethodNode m = UaMethodNode.builder(getNodeContext())
                .setNodeId(newNodeId(path))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .build();
        ArmMethod handler = new ArmMethod(m, zoneId, arm, backend, this::refreshArming);
        m.setInputArguments(handler.getInputArguments());
        m.setOutputArguments(handler.getOutputArguments());
        m.setInvocationHandler(handler);
        getNodeManager().addNode(m);
        zone.addReference(new Reference(zone.getNodeId(), Identifiers.HasComponent, m.getNodeId().expanded(),
                true));
    }

    /** Sets a variable's value when it changed; no-op for a node that is not there. */
    private void set(String path, Object value) {
        if (getNodeManager().getNode(newNodeId(path)).orElse(null) instanceof UaVariableNode v) {
            DataValue current = v.getValue();
            Object old = current == null ? null : current.getValue().getValue();
            if (!Objects.equals(old, value)) {
                v.setValue(new DataValue(value == null ? Variant.NULL_VALUE : new Variant(value)));
            }
        }
    }

    private static DateTime dateTime(Instant instant) {
        return instant == null ? null : new DateTime(instant);
    }

    /** Deletes a node, everything below it (by its path prefix) and the reference from its parent folder. */
    private void removeTree(String path, String parentPath) {
        NodeId id = newNodeId(path);
        UaNode parent = getNodeManager().getNode(newNodeId(parentPath)).orElse(null);
        if (parent != null) {
            parent.removeReference(new Reference(parent.getNodeId(), Identifiers.Organizes, id.expanded(), true));
        }
        List<UaNode> doomed = new ArrayList<>();
        for (UaNode n : getNodeManager().getNodes()) {
            if (n.getNodeId().getIdentifier() instanceof String s && n.getNodeId().getNamespaceIndex()
                    .equals(getNamespaceIndex()) && (s.equals(path) || s.startsWith(path + "/"))) {
                doomed.add(n);
            }
        }
        doomed.forEach(UaNode::delete);
    }

    // ---- writes

    /**
     * Writes as Milo does (Bad_NotWritable for a read-only node, Bad_TypeMismatch for a wrong type, checked in that
     * order), without Milo's ERROR line and stack trace per refused write: a refused write is the client's error.
     */
    @Override
    public void write(AttributeServices.WriteContext context, List<WriteValue> writeValues) {
        List<StatusCode> results = new ArrayList<>(writeValues.size());
        for (WriteValue w : writeValues) {
            UaNode node = getNodeManager().getNode(w.getNodeId()).orElse(null);
            if (node == null) {
                results.add(new StatusCode(StatusCodes.Bad_NodeIdUnknown));
                continue;
            }
            try {
                AttributeId attribute = AttributeId.from(w.getAttributeId())
                        .orElseThrow(() -> new UaException(StatusCodes.Bad_AttributeIdInvalid));
                AttributeWriter.writeAttribute(new AttributeContext(context), node, attribute, w.getValue(),
                        w.getIndexRange());
                results.add(StatusCode.GOOD);
            } catch (UaException e) {
                LOG.debug("OPC UA write to {} refused: {}", w.getNodeId(), e.getStatusCode());
                results.add(e.getStatusCode());
            }
        }
        context.success(results);
    }

    // ---- subscriptions

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }

    /** For tests: the ids of the zones in the address space. */
    synchronized Set<String> zoneIds() {
        return Set.copyOf(zoneNodes.keySet());
    }
}
