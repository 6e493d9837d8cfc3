package org.gatehouse.opcua.internal.alarms;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.opcua.internal.alarms.AlarmConditions.Caller;

/**
 * A real Milo 0.6 server on a free loopback port, built in test code as the server bundle builds its own: security
 * None, anonymous and username/password users, a managed namespace with {@code Alarms} and {@code Devices/<id>}
 * folders, and {@link AlarmConditions} on a real AlarmService.
 */
final class AlarmsTestServer implements AutoCloseable {
    static final String NAMESPACE_URI = "urn:gatehouse:opcua:test";
    /** Users of the test server: password {@code pw}; guard has role security, viewer only teacher. */
    static final Map<String, Set<String>> USERS = Map.of("guard", Set.of("security"), "boss", Set.of("admin"),
            "viewer", Set.of("teacher"));

    final OpcUaServer server;
    final Namespace namespace;
    volatile AlarmConditions conditions;
    final String endpoint;

    private AlarmsTestServer(OpcUaServer server, Namespace namespace, AlarmConditions conditions, String endpoint) {
        this.server = server;
        this.namespace = namespace;
        this.conditions = conditions;
        this.endpoint = endpoint;
    }

    static AlarmsTestServer start(AlarmService alarms, List<String> devices) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path pki = Files.createTempDirectory(Path.of("target"), "opcua-pki");
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String uri = "urn:gatehouse:test:opcua";
        X509Certificate cert = new SelfSignedCertificateBuilder(keys).setCommonName("Gatehouse test")
                .setApplicationUri(uri).addDnsName("localhost").addIpAddress("127.0.0.1").build();
        DefaultTrustListManager trust = new DefaultTrustListManager(pki.toFile());
        EndpointConfiguration ep = EndpointConfiguration.newBuilder().setBindAddress("127.0.0.1")
                .setHostname("127.0.0.1").setBindPort(port).setPath("/gatehouse")
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS,
                        OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME)
                .setCertificate(cert).build();
        OpcUaServerConfig config = OpcUaServerConfig.builder().setApplicationUri(uri)
                .setApplicationName(LocalizedText.english("Gatehouse test")).setProductUri("urn:gatehouse")
                .setBuildInfo(new BuildInfo("urn:gatehouse", "gatehouse", "Gatehouse", "test", "0", DateTime.now()))
                .setEndpoints(Set.of(ep)).setCertificateManager(new DefaultCertificateManager(keys, cert))
                .setTrustListManager(trust).setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(new UsernameIdentityValidator(true,
                        c -> USERS.containsKey(c.getUsername()) && "pw".equals(c.getPassword())))
                .build();
        OpcUaServer server = new OpcUaServer(config);
        Namespace ns = new Namespace(server, devices);
        ns.startup();
        server.startup().get();
        AlarmConditions conditions = new AlarmConditions(server, ns.context(), ns.nodes(),
                ns.getNamespaceIndex(), ns.alarms.getNodeId(), alarms, AlarmsTestServer::caller);
        conditions.start();
        return new AlarmsTestServer(server, ns, conditions, "opc.tcp://127.0.0.1:" + port + "/gatehouse");
    }

    /** The Gatehouse user of a session: a username identity maps to its roles, anything else is anonymous. */
    static Caller caller(Session session) {
        Object id = session.getIdentityObject();
        if (id instanceof String && USERS.containsKey(id)) {
            return new Caller((String) id, USERS.get(id));
        }
        return new Caller("anonymous", Set.of());
    }

    @Override
    public void close() throws Exception {
        conditions.close();
        server.shutdown().get();
        namespace.shutdown();
    }

    /** The Gatehouse namespace of the test: Objects/Alarms and Objects/Devices/<id>. */
    static final class Namespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel model;
        final UaFolderNode alarms;
        private final List<String> devices;

        Namespace(OpcUaServer server, List<String> devices) {
            super(server, NAMESPACE_URI);
            this.devices = devices;
            model = new SubscriptionModel(server, this);
            alarms = new UaFolderNode(getNodeContext(), newNodeId("Alarms"), newQualifiedName("Alarms"),
                    LocalizedText.english("Alarms"));
            getLifecycleManager().addLifecycle(model);
            getLifecycleManager().addStartupTask(this::build);
        }

        UaNodeManager nodes() {
            return getNodeManager();
        }

        UaNodeContext context() {
            return getNodeContext();
        }

        private void build() {
            getNodeManager().addNode(alarms);
            alarms.addReference(new Reference(alarms.getNodeId(), Identifiers.Organizes,
                    Identifiers.ObjectsFolder.expanded(), false));
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Devices"), newQualifiedName("Devices"),
                    LocalizedText.english("Devices"));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), Identifiers.Organizes,
                    Identifiers.ObjectsFolder.expanded(), false));
            for (String d : devices) {
                NodeId id = newNodeId("Devices/" + d);
                UaObjectNode device = UaObjectNode.builder(getNodeContext()).setNodeId(id)
                        .setBrowseName(newQualifiedName(d)).setDisplayName(LocalizedText.english(d))
                        .setTypeDefinition(Identifiers.BaseObjectType).build();
                getNodeManager().addNode(device);
                folder.addOrganizes(device);
            }
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            model.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            model.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            model.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            model.onMonitoringModeChanged(items);
        }
    }
}
