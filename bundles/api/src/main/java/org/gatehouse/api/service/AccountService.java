package org.gatehouse.api.service;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Links sign-in users (the JAAS realm's user names) to person records: a guardian user to its GUARDIAN person, a
 * teacher user to its STAFF person (whose {@code group} names the class the teacher is homeroom teacher of). The
 * link decides what the user may see: a guardian only its own children, a teacher only its class. Every change is
 * audited.
 */
@ProviderType
public interface AccountService {
    /** @return the person id linked to the user, if any */
    Optional<String> personOf(String user);

    /** @return every link, user name to person id */
    Map<String, String> links();

    /**
     * Links a user to a person, replacing an earlier link of that user.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND when the person does not exist, INVALID for a blank user
     */
    void link(String user, String personId, String actor);

    /** Removes the user's link; does nothing when there is none. */
    void unlink(String user, String actor);
}
