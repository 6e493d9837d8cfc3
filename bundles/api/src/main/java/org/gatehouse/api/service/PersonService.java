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
     * Every guardian binding, by student and then in binding order: one read for a fan-out over many students (a
     * notice to a grade) instead of one per student.
     *
     * @since 1.3
     */
    List<GuardianBinding> bindings();

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
     * Imports persons and guardian bindings from a CSV file (one row per person, or per guardian-student pair; the
     * format is in the README). Every row is validated first; only when no row is invalid, and not in a dry run, is
     * everything written in one transaction (all or nothing). Existing ids are updated; bindings in the store that the
     * file does not name are kept. The import is audited as one {@code person-import} entry besides the usual entries.
     *
     * @param csv    the file: UTF-8 with or without a BOM, header row first
     * @param dryRun true to validate only
     * @param actor  who imports, for the audit trail
     * @return what was (or, in a dry run or with problems, would be) written, and every row problem
     * @throws org.gatehouse.api.GatehouseException INVALID for a file that cannot be read at all: {@code csv-encoding}
     *         (not UTF-8, e.g. GBK), {@code csv-header} (missing or unknown columns), {@code csv-empty},
     *         {@code csv-too-large} (more rows than allowed)
     * @since 1.2
     */
    default ImportSummary importCsv(byte[] csv, boolean dryRun, String actor) {
        throw new org.gatehouse.api.GatehouseException(org.gatehouse.api.GatehouseException.Kind.UNAVAILABLE,
                "import-unsupported", "this person service cannot import files");
    }

    /**
     * The outcome of {@link #importCsv}.
     *
     * @param dryRun   whether it was a dry run
     * @param written  whether the store was changed (false in a dry run or when any row is invalid)
     * @param rows     data rows read (the header and blank lines not counted)
     * @param persons  distinct persons in the file
     * @param created  persons new to the store
     * @param updated  persons already in the store (upserted)
     * @param bindings distinct guardian bindings in the file
     * @param problems every row problem, in row order; empty when the file is valid
     */
    record ImportSummary(boolean dryRun, boolean written, int rows, int persons, int created, int updated,
                         int bindings, List<RowProblem> problems) {
    }

    /**
     * One problem of one row of an imported file.
     *
     * @param row     row number as a spreadsheet shows it (the header is row 1)
     * @param column  the column at fault, or null for the whole row
     * @param code    stable lower-kebab reason ({@code bad-phone}, {@code unknown-student}, {@code duplicate-id}...)
     * @param message text for people
     */
    record RowProblem(int row, String column, String code, String message) {
    }

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
