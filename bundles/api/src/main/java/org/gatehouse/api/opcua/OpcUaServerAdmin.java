package org.gatehouse.api.opcua;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Gatehouse OPC UA server (feature {@code gatehouse-opcua}), as an OSGi service while it runs. A client whose
 * certificate is not trusted is refused and its certificate kept as {@link OpcUaCertificate.State#REJECTED}, so an
 * administrator can trust it here ({@code gatehouse:opcua-trust}, the console). Every change is audited.
 */
@ProviderType
public interface OpcUaServerAdmin {
    /** @return endpoints, security, sessions and counters now */
    OpcUaStatus status();

    /** @return the trusted and the rejected client certificates, newest first */
    List<OpcUaCertificate> certificates();

    /**
     * Trusts a certificate the server rejected (moves it into the trusted folder of its PKI directory).
     *
     * @param thumbprint SHA-1 thumbprint, hex, case and colons ignored
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-certificate}
     */
    OpcUaCertificate trust(String thumbprint, String actor);

    /**
     * Withdraws trust (moves a trusted certificate to the rejected ones); its sessions are closed.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-certificate}
     */
    OpcUaCertificate reject(String thumbprint, String actor);

    /**
     * Deletes a certificate from the PKI directory, trusted or rejected.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-certificate}
     */
    void remove(String thumbprint, String actor);
}
