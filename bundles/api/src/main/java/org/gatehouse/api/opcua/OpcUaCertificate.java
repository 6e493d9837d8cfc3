package org.gatehouse.api.opcua;

import java.time.Instant;

/**
 * An application certificate the server knows: its own, a trusted client's, or one it rejected.
 *
 * @param thumbprint     SHA-1 thumbprint, upper-case hex without colons
 * @param subject        the subject DN
 * @param applicationUri the URI in its subjectAltName, null if none
 * @param validFrom      start of validity
 * @param validTo        end of validity
 * @param state          trusted or rejected ({@code OWN} for the server's certificate)
 */
public record OpcUaCertificate(String thumbprint, String subject, String applicationUri, Instant validFrom,
                               Instant validTo, State state) {
    /** Where the certificate is. */
    public enum State {
        /** The server's own application certificate. */
        OWN,
        /** In the trusted folder: the client may connect with a secure policy. */
        TRUSTED,
        /** Was presented by a client and refused; trust it to let the client in. */
        REJECTED
    }
}
