package org.gatehouse.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a free loopback port, with Eclipse Milo's client (sdk-client) as the peer. */
class OpcUaServerTest {
    private static final String CLIENT_URI = "urn:gatehouse:test:client";
    private static final Map<String, UaUser> USERS = Map.of(
            "guard", new UaUser("guard", Set.of("security")),
            "teacher", new UaUser("teacher", Set.of("teacher")));

    @TempDir
    Path dir;

    private final MemorySites model = new MemorySites();
    private final List<OpcUaClient> clients = new ArrayList<>();
    private GatehouseServer server;
    private int port;

    @BeforeEach
    void model() {
        model.saveSite(new Site("campus", "Demo School", "Asia/Shanghai", null), "test");
        model.saveZone(new Zone("north", "campus", "North fence", ZoneKind.PERIMETER, false, List.of()), "test");
        model.saveZone(new Zone("pond", "campus", "Pond", ZoneKind.DANGER, false, List.of()), "test");
        model.saveDevice(new Device("fence-n1", "campus", "north", "fence", "modbus", "North fence controller",
                DeviceStatus.ONLINE, Map.of()), "test");
    }

    @AfterEach
    void stop() {
        for (OpcUaClient c : clients) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean securityNone, boolean anonymous) throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OpcUaSettings settings = new OpcUaSettings(port, "127.0.0.1", null, securityNone, anonymous, "karaf",
                dir.resolve("opcua"), Duration.ofMinutes(10));
        Login login = (user, password) -> "secret".equals(password) ? Optional.ofNullable(USERS.get(user))
                : Optional.empty();
        server = new GatehouseServer(settings, new Backend().sites(model).arming(model.arming).audit(model.audit),
                login, ZoneId.of("Asia/Shanghai")).start();
    }

    private String url() {
        return "opc.tcp://127.0.0.1:" + port + "/gatehouse";
    }

    private NodeId node(String path) {
        return new NodeId(server.namespaceIndex(), path);
    }

    /** A client application certificate (self-signed, with its application URI). */
    private record ClientCert(KeyPair keyPair, X509Certificate certificate) {
        static ClientCert create() throws Exception {
            KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate cert = new SelfSignedCertificateBuilder(pair).setCommonName("gatehouse test client")
                    .setApplicationUri(CLIENT_URI).addDnsName("localhost").build();
            return new ClientCert(pair, cert);
        }
    }

    private OpcUaClient connect(SecurityPolicy policy, MessageSecurityMode mode, IdentityProvider identity,
                                ClientCert cert) throws Exception {
        String discovery = server == null ? url() : url();
        List<EndpointDescription> endpoints;
        try {
            endpoints = DiscoveryClient.getEndpoints(discovery).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            endpoints = DiscoveryClient.getEndpoints(url() + "/discovery").get(20, TimeUnit.SECONDS);
        }
        EndpointDescription endpoint = endpoints.stream()
                .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()) && e.getSecurityMode() == mode)
                .findFirst()
                .orElseGet(() -> noneEndpoint(policy, mode));
        return connect(endpoint, identity, cert);
    }

    private EndpointDescription noneEndpoint(SecurityPolicy policy, MessageSecurityMode mode) {
        return new EndpointDescription(url(), null, null, mode, policy.getUri(), null,
                "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary", null);
    }

    private OpcUaClient connect(EndpointDescription endpoint, IdentityProvider identity, ClientCert cert)
            throws Exception {
        OpcUaClientConfig config = OpcUaClientConfig.builder()
                .setApplicationName(LocalizedText.english("gatehouse test client"))
                .setApplicationUri(CLIENT_URI)
                .setEndpoint(endpoint)
                .setIdentityProvider(identity)
                .setKeyPair(cert == null ? null : cert.keyPair())
                .setCertificate(cert == null ? null : cert.certificate())
                .setRequestTimeout(uint(20_000))
                .build();
        OpcUaClient client = OpcUaClient.create(config);
        clients.add(client);
        client.connect().get(30, TimeUnit.SECONDS);
        return client;
    }

    private OpcUaClient anonymous() throws Exception {
        return connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider(), null);
    }

    private OpcUaClient user(String name) throws Exception {
        return connect(SecurityPolicy.None, MessageSecurityMode.None, new UsernameProvider(name, "secret"), null);
    }

    private static List<String> browse(OpcUaClient client, NodeId node) throws Exception {
        BrowseResult result = client.browse(new BrowseDescription(node, BrowseDirection.Forward,
                Identifiers.HierarchicalReferences, true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue() | NodeClass.Method.getValue()),
                uint(BrowseResultMask.All.getValue()))).get(20, TimeUnit.SECONDS);
        assertTrue(result.getStatusCode().isGood(), result.getStatusCode().toString());
        List<String> names = new ArrayList<>();
        for (ReferenceDescription r : result.getReferences()) {
            names.add(r.getBrowseName().getName());
        }
        return names;
    }

    private static Object read(OpcUaClient client, NodeId node) throws Exception {
        DataValue v = client.readValue(0, TimestampsToReturn.Both, node).get(20, TimeUnit.SECONDS);
        assertTrue(v.getStatusCode().isGood(), v.getStatusCode().toString());
        return v.getValue().getValue();
    }

    private CallMethodResult call(OpcUaClient client, String zone, String method, Variant... args)
            throws Exception {
        return client.call(new CallMethodRequest(node("Zones/" + zone), node("Zones/" + zone + "/" + method), args))
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void browsesSitesZonesDevicesAndCounters() throws Exception {
        start(true, true);
        OpcUaClient client = anonymous();
        assertTrue(browse(client, Identifiers.ObjectsFolder).contains("Gatehouse"));
        assertEquals(List.of("Sites", "Counters", "Alarms"), browse(client, node("Gatehouse")));
        assertEquals(List.of("campus"), browse(client, node("Sites")));
        List<String> zones = browse(client, node("Sites/campus/Zones"));
        assertEquals(Set.of("north", "pond"), Set.copyOf(zones));
        assertTrue(browse(client, node("Zones/north")).containsAll(List.of("Name", "Kind", "Armed", "LastEvent",
                "Arm", "Disarm")));
        assertTrue(browse(client, node("Zones/pond")).contains("PeopleInside"));
        assertFalse(browse(client, node("Zones/pond")).contains("Arm"));
        assertEquals(List.of("fence-n1"), browse(client, node("Sites/campus/Devices")));
        assertTrue(browse(client, node("Devices/fence-n1")).containsAll(List.of("Type", "Vendor", "Status",
                "LastEventTime")));
        assertEquals(List.of("PassagesToday", "VisitorsOnCampus", "OpenAlarms"), browse(client, node("Counters")));
    }

    @Test
    void readsAZoneAndADevice() throws Exception {
        start(true, true);
        OpcUaClient client = anonymous();
        assertEquals("PERIMETER", read(client, node("Zones/north/Kind")));
        assertEquals(Boolean.FALSE, read(client, node("Zones/north/Armed")));
        assertEquals("North fence", read(client, node("Zones/north/Name")));
        assertEquals(0, read(client, node("Zones/pond/PeopleInside")));
        assertEquals("fence", read(client, node("Devices/fence-n1/Type")));
        assertEquals("modbus", read(client, node("Devices/fence-n1/Vendor")));
        assertEquals("ONLINE", read(client, node("Devices/fence-n1/Status")));
    }

    @Test
    void eventsUpdateLastEventTimesAndPeopleInside() throws Exception {
        start(true, true);
        OpcUaClient client = anonymous();
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        server.namespace().onEvent(new SecurityEvent("e1", at, "campus", "cam-1", "pond", "zone.presence",
                Severity.WARNING, Map.of("persons", "2"), null, null));
        server.namespace().onEvent(new SecurityEvent("e2", at, "campus", "fence-n1", "north", "fence.intrusion",
                Severity.CRITICAL, Map.of(), null, null));
        assertEquals(2, read(client, node("Zones/pond/PeopleInside")));
        Object last = read(client, node("Devices/fence-n1/LastEventTime"));
        assertEquals(at, ((org.eclipse.milo.opcua.stack.core.types.builtin.DateTime) last).getJavaInstant());
        assertNotNull(read(client, node("Zones/north/LastEvent")));
    }

    @Test
    void aZoneOrDeviceAddedLaterAppearsAndARemovedOneGoes() throws Exception {
        start(true, true);
        OpcUaClient client = anonymous();
        model.saveZone(new Zone("south", "campus", "South fence", ZoneKind.PERIMETER, true, List.of()), "test");
        model.deleteDevice("fence-n1", "test");
        server.namespace().sync();
        assertEquals(Set.of("north", "pond", "south"), Set.copyOf(browse(client, node("Sites/campus/Zones"))));
        assertEquals(Boolean.TRUE, read(client, node("Zones/south/Armed")));
        assertEquals(List.of(), browse(client, node("Sites/campus/Devices")));
        DataValue gone = client.readValue(0, TimestampsToReturn.Both, node("Devices/fence-n1/Type"))
                .get(20, TimeUnit.SECONDS);
        assertEquals(StatusCodes.Bad_NodeIdUnknown, gone.getStatusCode().getValue());
    }

    @Test
    void armAndDisarmNeedTheSecurityRoleAndAreAuditedWithTheOpcUaUser() throws Exception {
        start(true, true);
        CallMethodResult anonymousCall = call(anonymous(), "north", "Arm");
        assertEquals(StatusCodes.Bad_UserAccessDenied, anonymousCall.getStatusCode().getValue());
        CallMethodResult teacherCall = call(user("teacher"), "north", "Arm");
        assertEquals(StatusCodes.Bad_UserAccessDenied, teacherCall.getStatusCode().getValue());
        assertEquals(List.of(), model.arming.calls);

        OpcUaClient guard = user("guard");
        assertTrue(call(guard, "north", "Arm").getStatusCode().isGood());
        assertEquals(Boolean.TRUE, read(guard, node("Zones/north/Armed")));
        assertTrue(call(guard, "north", "Disarm", new Variant("maintenance")).getStatusCode().isGood());
        assertEquals(Boolean.FALSE, read(guard, node("Zones/north/Armed")));
        assertEquals(List.of("arm north by opcua:guard", "disarm north by opcua:guard: maintenance"),
                model.arming.calls);
        assertEquals("opcua:guard", model.audit.entries.get(0).actor());
    }

    @Test
    void badMethodArgumentsAreRefusedAndChangeNothing() throws Exception {
        start(true, true);
        OpcUaClient guard = user("guard");
        CallMethodResult noReason = call(guard, "north", "Disarm", new Variant(""));
        assertEquals(StatusCodes.Bad_InvalidArgument, noReason.getStatusCode().getValue());
        CallMethodResult wrongType = call(guard, "north", "Disarm", new Variant(42));
        assertEquals(StatusCodes.Bad_InvalidArgument, wrongType.getStatusCode().getValue());
        assertEquals(StatusCodes.Bad_TypeMismatch, wrongType.getInputArgumentResults()[0].getValue());
        CallMethodResult missing = call(guard, "north", "Disarm");
        assertFalse(missing.getStatusCode().isGood());
        assertEquals(List.of(), model.arming.calls);
    }

    @Test
    void writesAreRefused() throws Exception {
        start(true, true);
        for (OpcUaClient client : List.of(anonymous(), user("guard"))) {
            StatusCode sameType = client.writeValue(node("Zones/north/Armed"), DataValue.valueOnly(new Variant(true)))
                    .get(20, TimeUnit.SECONDS);
            assertEquals(StatusCodes.Bad_NotWritable, sameType.getValue());
            StatusCode wrongType = client.writeValue(node("Counters/OpenAlarms"),
                    DataValue.valueOnly(new Variant("many"))).get(20, TimeUnit.SECONDS);
            assertEquals(StatusCodes.Bad_NotWritable, wrongType.getValue());
        }
        assertEquals(List.of(), model.arming.calls);
    }

    @Test
    void loginsAreCheckedAndAnonymousCanBeTurnedOff() throws Exception {
        start(true, false);
        ExecutionException anonymous = assertThrows(ExecutionException.class, this::anonymous);
        assertNotNull(anonymous.getCause());
        assertThrows(ExecutionException.class, () -> connect(SecurityPolicy.None, MessageSecurityMode.None,
                new UsernameProvider("guard", "wrong"), null));
        OpcUaClient guard = user("guard");
        assertEquals("PERIMETER", read(guard, node("Zones/north/Kind")));
        OpcUaStatus status = server.status();
        assertFalse(status.anonymous());
        assertEquals(1, status.sessions().size());
        assertEquals("guard", status.sessions().get(0).user());
        assertEquals(List.of("security"), status.sessions().get(0).roles());
        assertEquals("None", status.sessions().get(0).securityPolicy());
    }

    @Test
    void securityNoneOffRefusesNone() throws Exception {
        start(false, true);
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(url() + "/discovery")
                .get(20, TimeUnit.SECONDS);
        assertTrue(endpoints.stream().filter(e -> e.getEndpointUrl().equals(url()))
                .noneMatch(e -> e.getSecurityMode() == MessageSecurityMode.None));
        assertThrows(Exception.class, () -> connect(noneEndpoint(SecurityPolicy.None, MessageSecurityMode.None),
                new AnonymousProvider(), null));
        assertThrows(Exception.class, () -> connect(new EndpointDescription(url() + "/discovery", null, null,
                MessageSecurityMode.None, SecurityPolicy.None.getUri(), null,
                "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary", null), new AnonymousProvider(),
                null));
        assertEquals(List.of("Basic256Sha256/Sign", "Basic256Sha256/SignAndEncrypt"),
                server.status().securityPolicies());
    }

    @Test
    void anUntrustedClientCertificateIsRefusedUntilTrusted() throws Exception {
        start(false, true);
        ClientCert cert = ClientCert.create();
        String thumbprint = Pki.thumbprint(cert.certificate());
        assertThrows(Exception.class, () -> connect(SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, new AnonymousProvider(), cert));
        List<OpcUaCertificate> certificates = server.certificates();
        assertEquals(1, certificates.size());
        assertEquals(thumbprint, certificates.get(0).thumbprint());
        assertEquals(OpcUaCertificate.State.REJECTED, certificates.get(0).state());
        assertEquals(CLIENT_URI, certificates.get(0).applicationUri());

        GatehouseException unknown = assertThrows(GatehouseException.class,
                () -> server.trust("00:11", "admin"));
        assertEquals("unknown-certificate", unknown.code());

        OpcUaCertificate trusted = server.trust(thumbprint.toLowerCase(), "admin");
        assertEquals(OpcUaCertificate.State.TRUSTED, trusted.state());
        assertEquals("opcua-certificate-trust", model.audit.entries.get(0).action());
        OpcUaClient client = connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                new UsernameProvider("guard", "secret"), cert);
        assertEquals("PERIMETER", read(client, node("Zones/north/Kind")));
        OpcUaStatus.OpcUaSession session = server.status().sessions().get(0);
        assertEquals("Basic256Sha256/SignAndEncrypt", session.securityPolicy());
        assertTrue(session.client().startsWith(CLIENT_URI), session.client());

        server.reject(thumbprint, "admin");
        assertEquals(OpcUaCertificate.State.REJECTED, server.certificates().get(0).state());
        server.remove(thumbprint, "admin");
        assertEquals(List.of(), server.certificates());
        assertEquals(List.of("opcua-certificate-trust", "opcua-certificate-reject", "opcua-certificate-remove"),
                model.audit.entries.stream().map(e -> e.action()).toList());
    }

    @Test
    void theApplicationCertificateIsCreatedOnceAndReused() throws Exception {
        start(true, true);
        OpcUaCertificate first = server.status().certificate();
        assertEquals("urn:gatehouse:127.0.0.1:opcua", first.applicationUri());
        assertEquals(OpcUaCertificate.State.OWN, first.state());
        server.close();
        server = null;
        start(true, true);
        assertEquals(first.thumbprint(), server.status().certificate().thumbprint());
        assertNotEquals(0, server.status().endpoints().size());
        assertEquals(url(), server.status().endpoints().get(0));
    }
}
