package org.gatehouse.device.opcua.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * A real Eclipse Milo OPC UA server on a free loopback port, standing for a PLC: namespace 2
 * ({@code urn:gatehouse:test:plc}) holds {@code Fence.Zone3.Alarm} (Boolean), {@code Tank.Level} (Double),
 * {@code Gate1.Open} (Boolean, writable), {@code Plc.Mode} (String) and {@code Plc.Serial} (Int32, read only). The
 * values the test sets survive a restart on the same port. Endpoints: None, and Basic256Sha256 Sign and
 * SignAndEncrypt; users anonymous and {@code ops}/{@code secret}; client certificates must be in the server's
 * {@code pki/trusted} (an unknown one lands in {@code pki/rejected}).
 */
public final class TestServer implements AutoCloseable {
    public static final String USER = "ops";
    public static final String PASSWORD = "secret";
    public static final String NS = "urn:gatehouse:test:plc";

    public final int port;
    public final Path dir;
    public final X509Certificate certificate;
    private final KeyPair keyPair;
    private final Map<String, DataValue> values = new ConcurrentHashMap<>();
    private final Set<String> readOnly = Set.of("Plc.Serial");
    private volatile OpcUaServer server;
    private volatile Ns namespace;
    private DefaultTrustListManager trust;

    public TestServer(Path dir) throws Exception {
        this.dir = dir;
        this.port = freePort();
        keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        certificate = new SelfSignedCertificateBuilder(keyPair).setCommonName("Test PLC")
                .setApplicationUri("urn:gatehouse:test:plc-server").addDnsName("localhost").addIpAddress("127.0.0.1")
                .build();
        values.put("Fence.Zone3.Alarm", new DataValue(new Variant(false)));
        values.put("Tank.Level", new DataValue(new Variant(10.0)));
        values.put("Gate1.Open", new DataValue(new Variant(false)));
        values.put("Plc.Mode", new DataValue(new Variant("auto")));
        values.put("Plc.Serial", new DataValue(new Variant(4711)));
        start();
    }

    /** @return the endpoint URL the clients use */
    public String endpoint() {
        return "opc.tcp://127.0.0.1:" + port + "/plc";
    }

    /** Starts the server (again) on its port. */
    public synchronized void start() throws Exception {
        Path pki = dir.resolve("pki");
        Files.createDirectories(pki);
        trust = new DefaultTrustListManager(pki.toFile());
        Set<EndpointConfiguration> endpoints = new LinkedHashSet<>();
        EndpointConfiguration.Builder b = EndpointConfiguration.newBuilder().setBindAddress("127.0.0.1")
                .setHostname("127.0.0.1").setBindPort(port).setPath("/plc").setCertificate(certificate)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS,
                        OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        endpoints.add(b.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .build());
        endpoints.add(b.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.Sign).build());
        endpoints.add(b.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:gatehouse:test:plc-server")
                .setApplicationName(LocalizedText.english("Test PLC"))
                .setProductUri("urn:gatehouse:test")
                .setBuildInfo(new BuildInfo("urn:gatehouse:test", "gatehouse", "test plc", OpcUaServer.SDK_VERSION,
                        "", DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(new DefaultCertificateManager(keyPair, certificate))
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(new UsernameIdentityValidator(true,
                        c -> USER.equals(c.getUsername()) && PASSWORD.equals(c.getPassword())))
                .build();
        OpcUaServer s = new OpcUaServer(config);
        Ns ns = new Ns(s);
        ns.startup();
        s.startup().get(10, TimeUnit.SECONDS);
        server = s;
        namespace = ns;
    }

    /** Stops the server; its port is closed until {@link #start()}. */
    public synchronized void stop() throws Exception {
        OpcUaServer s = server;
        server = null;
        if (s != null) {
            namespace.shutdown();
            s.shutdown().get(10, TimeUnit.SECONDS);
        }
        if (trust != null) {
            trust.close();
        }
    }

    /** Sets a node's value with the current time as its source timestamp. */
    public void set(String name, Object value) {
        DataValue dv = new DataValue(new Variant(value), StatusCode.GOOD, DateTime.now());
        values.put(name, dv);
        Ns ns = namespace;
        if (ns != null && server != null) {
            ns.node(name).setValue(dv);
        }
    }

    /** @return a node's current value (written by the test or by a client) */
    public Object get(String name) {
        Ns ns = namespace;
        return ns.node(name).getValue().getValue().getValue();
    }

    /** @return the client certificates the server refused, in pki/rejected */
    public List<Path> rejected() {
        Path r = dir.resolve("pki").resolve("rejected");
        if (!Files.isDirectory(r)) {
            return List.of();
        }
        try (var s = Files.list(r)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Trusts a client certificate (DER). */
    public void trust(X509Certificate cert) {
        trust.addTrustedCertificate(cert);
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /**
     * Runs the server as a process of its own (the distribution's OpcUaClientIT starts it so): prints {@code ready
     * <port>}, then reads commands from stdin, each answered with one line: {@code set <name> <boolean|double|string>
     * <value>} -> {@code ok}, {@code get <name>} -> the value, {@code stop}/{@code start}. Ends with stdin.
     *
     * @param args the state folder (certificates, PKI), created when missing
     */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("opcua-test-server");
        try (TestServer server = new TestServer(dir);
             java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                     java.nio.charset.StandardCharsets.UTF_8))) {
            System.out.println("ready " + server.port);
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] p = line.trim().split(" ", 4);
                String answer;
                try {
                    answer = switch (p[0]) {
                        case "set" -> {
                            Object v = switch (p[2]) {
                                case "boolean" -> Boolean.parseBoolean(p[3]);
                                case "double" -> Double.parseDouble(p[3]);
                                default -> p[3];
                            };
                            server.set(p[1], v);
                            yield "ok";
                        }
                        case "get" -> String.valueOf(server.get(p[1]));
                        case "stop" -> {
                            server.stop();
                            yield "ok";
                        }
                        case "start" -> {
                            server.start();
                            yield "ok";
                        }
                        default -> "error unknown command " + p[0];
                    };
                } catch (Exception e) {
                    answer = "error " + e;
                }
                System.out.println(answer);
                System.out.flush();
            }
        }
        System.exit(0);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Namespace 2: the PLC's variables. */
    private final class Ns extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel model;

        Ns(OpcUaServer server) {
            super(server, NS);
            model = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(model);
            getLifecycleManager().addStartupTask(this::create);
        }

        private void create() {
            values.forEach((name, dv) -> {
                Object v = dv.getValue().getValue();
                NodeId type = v instanceof Boolean ? Identifiers.Boolean : v instanceof Double ? Identifiers.Double
                        : v instanceof Integer ? Identifiers.Int32 : Identifiers.String;
                Set<AccessLevel> access = readOnly.contains(name) ? AccessLevel.READ_ONLY : AccessLevel.READ_WRITE;
                UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(newNodeId(name)).setBrowseName(newQualifiedName(name))
                        .setDisplayName(LocalizedText.english(name)).setDataType(type)
                        .setTypeDefinition(Identifiers.BaseDataVariableType)
                        .setAccessLevel(access).setUserAccessLevel(access)
                        .build();
                node.setValue(dv);
                getNodeManager().addNode(node);
            });
        }

        UaVariableNode node(String name) {
            return (UaVariableNode) getNodeManager().get(newNodeId(name));
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
