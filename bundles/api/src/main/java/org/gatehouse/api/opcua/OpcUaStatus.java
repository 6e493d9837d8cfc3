package org.gatehouse.api.opcua;

import java.time.Instant;
import java.util.List;

/**
 * The OPC UA server now.
 *
 * @param endpoints          endpoint URLs ({@code opc.tcp://host:port/gatehouse})
 * @param securityPolicies   offered policies and modes, e.g. {@code None}, {@code Basic256Sha256/Sign},
 *                           {@code Basic256Sha256/SignAndEncrypt}
 * @param anonymous          whether anonymous clients may connect (read-only)
 * @param applicationUri     the server's application URI
 * @param certificate        the server's application certificate
 * @param sessions           open sessions
 * @param monitoredItems     monitored items over all subscriptions
 * @param retainedConditions alarm conditions the server retains (open alarms)
 * @param namespaceUri       the Gatehouse namespace's URI
 */
public record OpcUaStatus(List<String> endpoints, List<String> securityPolicies, boolean anonymous,
                          String applicationUri, OpcUaCertificate certificate, List<OpcUaSession> sessions,
                          int monitoredItems, int retainedConditions, String namespaceUri) {
    public OpcUaStatus {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        securityPolicies = securityPolicies == null ? List.of() : List.copyOf(securityPolicies);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /**
     * One client session.
     *
     * @param id             the session id
     * @param user           the Gatehouse user, or {@code anonymous}
     * @param roles          that user's Gatehouse roles ({@code security} may acknowledge)
     * @param securityPolicy e.g. {@code Basic256Sha256/SignAndEncrypt} or {@code None}
     * @param client         the client's application name or URI, and its address
     * @param since          when it was created
     */
    public record OpcUaSession(String id, String user, List<String> roles, String securityPolicy, String client,
                               Instant since) {
        public OpcUaSession {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
