package org.gatehouse.api.visitor;

import java.time.Instant;

/**
 * A host's one-time invitation: a link ({@code <base>/gatehouse/visit/<token>}, a phone page without login) where
 * the visitor fills in their details and takes a selfie.
 *
 * @param token    the secret of the link (URL-safe, at least 128 bits)
 * @param path     {@code /gatehouse/visit/<token>}; the caller prefixes the site's public base address
 * @param hostId   the host
 * @param hostName the host's name
 * @param purpose  why, may be null
 * @param from     the window offered
 * @param to       its end
 * @param expires  when the link stops working (the window's end, or earlier by {@code visitor.invitation.hours})
 * @param visitId  the visit it created once used, else null
 */
public record Invitation(String token, String path, String hostId, String hostName, String purpose, Instant from,
                         Instant to, Instant expires, Long visitId) {
}
