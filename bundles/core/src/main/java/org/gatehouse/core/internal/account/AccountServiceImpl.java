package org.gatehouse.core.internal.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links of sign-in users to person records in table USER_LINKS; every change is audited ({@code user-linked},
 * {@code user-unlinked}, subject type {@code user}) in the transaction that makes it. A deleted person loses its links
 * ({@link #personDeleted}).
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.AccountService")
public final class AccountServiceImpl implements AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);
    /** User names of the JAAS realm as the REST API creates them. */
    public static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final String SUBJECT = "user";

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;

    public AccountServiceImpl(Db db, AuditTrail audit, PersonService persons) {
        this.db = db;
        this.audit = audit;
        this.persons = persons;
    }

    @Override
    public Optional<String> personOf(String user) {
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        return db.tx(c -> Db.one(c, "SELECT PERSON_ID FROM USER_LINKS WHERE USER_NAME = ?", rs -> rs.getString(1),
                user));
    }

    @Override
    public Map<String, String> links() {
        Map<String, String> out = new LinkedHashMap<>();
        db.tx(c -> Db.list(c, "SELECT USER_NAME, PERSON_ID FROM USER_LINKS ORDER BY USER_NAME", rs -> {
            out.put(rs.getString(1), rs.getString(2));
            return null;
        }));
        return out;
    }

    @Override
    public void link(String user, String personId, String actor) {
        String u = checkUser(user);
        Limits.id("personId", personId);
        if (persons.person(personId, null).isEmpty()) {
            throw GatehouseException.notFound("unknown-person", "person '" + personId + "' does not exist");
        }
        String previous = db.tx(c -> {
            Optional<String> before = Db.one(c, "SELECT PERSON_ID FROM USER_LINKS WHERE USER_NAME = ?",
                    rs -> rs.getString(1), u);
            if (before.isPresent() && before.get().equals(personId)) {
                return personId;
            }
            if (before.isPresent()) {
                Db.update(c, "UPDATE USER_LINKS SET PERSON_ID = ?, LINKED_MS = ?, LINKED_BY = ? WHERE USER_NAME = ?",
                        personId, System.currentTimeMillis(), actor, u);
            } else {
                Db.update(c, "INSERT INTO USER_LINKS (USER_NAME, PERSON_ID, LINKED_MS, LINKED_BY) VALUES (?,?,?,?)",
                        u, personId, System.currentTimeMillis(), actor);
            }
            audit.record(c, actor, "user-linked", SUBJECT, u, "person " + personId
                    + before.map(p -> " (was " + p + ")").orElse(""));
            return before.orElse(null);
        });
        if (!personId.equals(previous)) {
            LOG.info("User '{}' linked to person {} by {}", u, personId, actor);
        }
    }

    @Override
    public void unlink(String user, String actor) {
        String u = checkUser(user);
        boolean removed = db.tx(c -> unlinkIn(c, u, actor, null));
        if (removed) {
            LOG.info("User '{}' unlinked by {}", u, actor);
        }
    }

    /**
     * Drops the links of a deleted person, each audited as {@code user-unlinked} by {@code system}.
     *
     * @return the users that were linked to it
     */
    public List<String> personDeleted(String personId) {
        List<String> users = db.tx(c -> {
            List<String> linked = Db.list(c, "SELECT USER_NAME FROM USER_LINKS WHERE PERSON_ID = ? ORDER BY USER_NAME",
                    rs -> rs.getString(1), personId);
            for (String u : linked) {
                unlinkIn(c, u, "system", "person " + personId + " deleted");
            }
            return linked;
        });
        if (!users.isEmpty()) {
            LOG.info("Person {} deleted: users {} unlinked", personId, users);
        }
        return users;
    }

    private boolean unlinkIn(Connection c, String user, String actor, String why) throws SQLException {
        Optional<String> before = Db.one(c, "SELECT PERSON_ID FROM USER_LINKS WHERE USER_NAME = ?",
                rs -> rs.getString(1), user);
        if (before.isEmpty()) {
            return false;
        }
        Db.update(c, "DELETE FROM USER_LINKS WHERE USER_NAME = ?", user);
        audit.record(c, actor, "user-unlinked", SUBJECT, user, "person " + before.get()
                + (why == null ? "" : ": " + why));
        return true;
    }

    private static String checkUser(String user) {
        if (user == null || user.isBlank()) {
            throw GatehouseException.invalid("invalid-user", "a user name is required");
        }
        if (!USER.matcher(user).matches()) {
            throw GatehouseException.invalid("invalid-user", "user name must be 1 to 64 letters, digits, '.', '_',"
                    + " '@' or '-'");
        }
        return user;
    }
}
