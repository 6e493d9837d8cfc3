package org.gatehouse.rest.internal.opcua;

import static org.gatehouse.rest.internal.people.FaceResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.opcua.OpcUaStatus;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.gatehouse.rest.internal.people.FaceResourceTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /opcua on the real REST server with an in-memory {@link OpcUaServerAdmin} (the real server's admin is tested in
 * bundles/opcua's OpcUaServerTest and end to end in OpcUaIT): roles, 404 and 503.
 */
class OpcUaResourceTest {
    static final String THUMB = "6AC642C4D86A59E7471852F09D8B1C41B8E9EBB7";
    static TestServer server;
    static final Services services = new Services();
    static final List<String> calls = new ArrayList<>();

    static final class MemoryAdmin implements OpcUaServerAdmin {
        OpcUaCertificate cert = new OpcUaCertificate(THUMB, "CN=client", "urn:client", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(86400), OpcUaCertificate.State.REJECTED);

        @Override
        public OpcUaStatus status() {
            return new OpcUaStatus(List.of("opc.tcp://127.0.0.1:4840/gatehouse"), List.of("None"), true,
                    "urn:gatehouse:127.0.0.1:opcua", null, List.of(new OpcUaStatus.OpcUaSession("ns=1;i=1", "guard",
                    List.of("security"), "None", "urn:client 127.0.0.1", Instant.EPOCH)), 3, 0,
                    "urn:gatehouse:opcua");
        }

        @Override
        public List<OpcUaCertificate> certificates() {
            return cert == null ? List.of() : List.of(cert);
        }

        private OpcUaCertificate find(String thumbprint) {
            if (cert == null || !THUMB.equalsIgnoreCase(thumbprint.replace(":", ""))) {
                throw GatehouseException.notFound("unknown-certificate", "no client certificate " + thumbprint);
            }
            return cert;
        }

        @Override
        public OpcUaCertificate trust(String thumbprint, String actor) {
            OpcUaCertificate c = find(thumbprint);
            calls.add("trust by " + actor);
            cert = new OpcUaCertificate(c.thumbprint(), c.subject(), c.applicationUri(), c.validFrom(), c.validTo(),
                    OpcUaCertificate.State.TRUSTED);
            return cert;
        }

        @Override
        public OpcUaCertificate reject(String thumbprint, String actor) {
            OpcUaCertificate c = find(thumbprint);
            calls.add("reject by " + actor);
            cert = new OpcUaCertificate(c.thumbprint(), c.subject(), c.applicationUri(), c.validFrom(), c.validTo(),
                    OpcUaCertificate.State.REJECTED);
            return cert;
        }

        @Override
        public void remove(String thumbprint, String actor) {
            find(thumbprint);
            calls.add("remove by " + actor);
            cert = null;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(services);
        FaceResourceTest.base = server.base;
        FaceResourceTest.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Res send(String method, String path, String user) throws Exception {
        return FaceResourceTest.send(method, path, user, null, null);
    }

    @Test
    void statusAndCertificatesForAdminsAndIntegrators() throws Exception {
        services.put(OpcUaServerAdmin.class, null);
        assertError(send("GET", "/opcua/status", "integ"), 503, "opcua-not-installed");

        services.put(OpcUaServerAdmin.class, new MemoryAdmin());
        for (String user : List.of("integ", "admin")) {
            Res status = send("GET", "/opcua/status", user);
            assertEquals(200, status.status(), status.body());
            assertEquals("urn:gatehouse:opcua", status.json().get("namespaceUri").asText());
            assertEquals("guard", status.json().get("sessions").get(0).get("user").asText());
        }
        assertError(send("GET", "/opcua/status", "guard"), 403, "forbidden");
        assertError(send("POST", "/opcua/certificates/" + THUMB + "/trust", "guard"), 403, "forbidden");

        Res list = send("GET", "/opcua/certificates", "integ");
        assertEquals("REJECTED", list.json().get(0).get("state").asText(), list.body());
        assertError(send("POST", "/opcua/certificates/ABCDEF/trust", "integ"), 404, "unknown-certificate");
        Res trusted = send("POST", "/opcua/certificates/" + THUMB.toLowerCase() + "/trust", "integ");
        assertEquals(200, trusted.status(), trusted.body());
        assertEquals("TRUSTED", trusted.json().get("state").asText());
        Res rejected = send("POST", "/opcua/certificates/" + THUMB + "/reject", "admin");
        assertEquals("REJECTED", rejected.json().get("state").asText());
        assertEquals(204, send("DELETE", "/opcua/certificates/" + THUMB, "integ").status());
        assertError(send("DELETE", "/opcua/certificates/" + THUMB, "integ"), 404, "unknown-certificate");
        assertEquals(List.of("trust by integ", "reject by admin", "remove by integ"), calls);
    }
}
