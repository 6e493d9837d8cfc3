package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.opcua.OpcUaStatus;
import org.junit.jupiter.api.Test;

/**
 * gatehouse:opcua-status and gatehouse:opcua-trust with an in-memory admin (the real server's admin is tested in
 * bundles/opcua and in OpcUaIT).
 */
class OpcUaCommandsTest {
    static final String THUMB = "6AC642C4D86A59E7471852F09D8B1C41B8E9EBB7";

    static final class MemoryAdmin implements OpcUaServerAdmin {
        final List<String> calls = new ArrayList<>();
        OpcUaCertificate.State state = OpcUaCertificate.State.REJECTED;

        private OpcUaCertificate cert(String thumbprint) {
            if (!THUMB.equalsIgnoreCase(thumbprint)) {
                throw GatehouseException.notFound("unknown-certificate", "no client certificate " + thumbprint);
            }
            return new OpcUaCertificate(THUMB, "CN=UaExpert", "urn:uaexpert", Instant.EPOCH,
                    Instant.parse("2030-01-01T00:00:00Z"), state);
        }

        @Override
        public OpcUaStatus status() {
            return new OpcUaStatus(List.of("opc.tcp://127.0.0.1:4840/gatehouse"), List.of("None",
                    "Basic256Sha256/SignAndEncrypt"), true, "urn:gatehouse:host:opcua", null,
                    List.of(new OpcUaStatus.OpcUaSession("ns=1;i=5", "guard", List.of("security"),
                            "Basic256Sha256/SignAndEncrypt", "urn:uaexpert 127.0.0.1", Instant.EPOCH)), 12, 2,
                    "urn:gatehouse:opcua");
        }

        @Override
        public List<OpcUaCertificate> certificates() {
            return List.of(cert(THUMB));
        }

        @Override
        public OpcUaCertificate trust(String thumbprint, String actor) {
            cert(thumbprint);
            calls.add("trust " + actor);
            state = OpcUaCertificate.State.TRUSTED;
            return cert(thumbprint);
        }

        @Override
        public OpcUaCertificate reject(String thumbprint, String actor) {
            cert(thumbprint);
            calls.add("reject " + actor);
            state = OpcUaCertificate.State.REJECTED;
            return cert(thumbprint);
        }

        @Override
        public void remove(String thumbprint, String actor) {
            cert(thumbprint);
            calls.add("remove " + actor);
        }
    }

    @Test
    void statusAndTrust() throws Exception {
        OpcUaStatusCommand status = new OpcUaStatusCommand();
        assertTrue(Capture.run(status)[1].contains("opcua-not-installed"));
        MemoryAdmin admin = new MemoryAdmin();
        status.opcua = admin;
        String out = Capture.run(status)[0];
        assertTrue(out.contains("opc.tcp://127.0.0.1:4840/gatehouse"), out);
        assertTrue(out.matches("(?s).*guard\\s+security\\s+Basic256Sha256/SignAndEncrypt.*"), out);
        assertTrue(out.contains("Monitored items: 12, retained conditions: 2"), out);

        OpcUaTrustCommand trust = new OpcUaTrustCommand();
        trust.opcua = admin;
        out = Capture.run(trust)[0];
        assertTrue(out.lines().skip(1).findFirst().orElseThrow().startsWith("REJECTED  " + THUMB), out);
        trust.trust = "00FF";
        assertTrue(Capture.run(trust)[1].contains("unknown-certificate"));
        trust.trust = THUMB;
        assertTrue(Capture.run(trust)[0].startsWith("Trusted: TRUSTED"));
        trust.reject = THUMB;
        assertTrue(Capture.run(trust)[1].contains("one-action"));
        trust.trust = null;
        assertTrue(Capture.run(trust)[0].startsWith("Rejected: REJECTED"));
        trust.reject = null;
        trust.remove = THUMB;
        assertTrue(Capture.run(trust)[0].startsWith("Removed: " + THUMB));
        assertEquals(List.of("trust karaf", "reject karaf", "remove karaf"), admin.calls);
    }
}
