package org.gatehouse.api.service;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.osgi.annotation.versioning.ProviderType;

/**
 * People of the school (students, staff, guardians, visitors, watchlist) and the guardians bound to each student.
 * Persons are personal data: every change is audited, and so is every read of one person's record by a user
 * ({@link #person(String, String)}). Invalid input throws {@link org.gatehouse.api.GatehouseException}.
 */
@ProviderType
public interface PersonService {
    /**
     * Persons by role and group, ordered by id.
     *
     * @param role  null for all roles
     * @param group null for all groups
     */
    Page<Person> persons(PersonRole role, String group, int offset, int limit);

    /** Reads one person for a user; the read is written to the audit trail. */
    Optional<Person> person(String id, String reader);

    /** Creates or replaces a person. */
    Person savePerson(Person person, String actor);

    /** Deletes a person and their guardian bindings. */
    void deletePerson(String id, String actor);

    /** @return the guardians bound to a student */
    List<GuardianBinding> guardians(String studentId);

    /** @return the students a guardian is bound to */
    List<GuardianBinding> children(String guardianId);

    /**
     * Binds a guardian (role GUARDIAN) to a student (role STUDENT), or updates the binding.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID ({@code bad-role}) when the roles do not fit
     */
    GuardianBinding bind(GuardianBinding binding, String actor);

    /** Removes a binding. */
    void unbind(String guardianId, String studentId, String actor);

    /**
     * Who to notify about a student: each guardian with the address on their preferred channel.
     *
     * @return contacts in binding order; guardians with no address on their channel are left out
     */
    List<Contact> guardianContacts(String studentId);

    /** Who to notify about a zone: its responsible staff, each with phone and e-mail. */
    List<Contact> zoneContacts(String zoneId);

    /**
     * A person reachable on a channel.
     *
     * @param person   the person
     * @param channel  channel kind ({@code sms}, {@code email}, {@code push}/{@code mqtt})
     * @param address  address on that channel (phone number, e-mail address, or person id for push)
     * @param language language of the messages
     */
    record Contact(Person person, String channel, String address, String language) {
    }
}
