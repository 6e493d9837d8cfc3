package org.gatehouse.core.internal.person;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The consent flag of a guardian binding (table GUARDIANS), written by the face domain inside its own transaction when
 * a guardian grants or withdraws consent, so the consent record and the binding's flag commit together.
 */
public interface GuardianConsent {
    /** Sets the binding's consent flag inside the caller's transaction; a missing binding changes nothing. */
    void setConsent(Connection c, String guardianId, String studentId, boolean granted) throws SQLException;
}
