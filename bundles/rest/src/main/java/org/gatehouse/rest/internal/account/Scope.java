package org.gatehouse.rest.internal.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * What a caller may see, decided on the server from its roles and its linked person ({@link AccountService}):
 * a guardian only its own children, a teacher who is not also admin, security or integrator only its homeroom class
 * (the {@code group} of its linked STAFF person). Only admin and security see the watchlist (its persons, alarms and
 * events). Everyone else is not limited here.
 *
 * <p>The class limit needs the account service, which the core publishes together with the person and passage
 * services. Without it (a core older than API 1.4) a class-only teacher gets 503 {@code service-unavailable} on the
 * limited paths: the limit fails closed.
 */
public final class Scope {
    private static final List<String> WIDE = List.of(Roles.ADMIN, Roles.SECURITY, Roles.INTEGRATOR);

    private Scope() {
    }

    /** @return whether the caller may see the watchlist (its persons, alarms and events): admin or security only */
    public static boolean seesWatchlist(SecurityContext sc) {
        return sc.isUserInRole(Roles.ADMIN) || sc.isUserInRole(Roles.SECURITY);
    }

    /** @return whether these roles see the watchlist: admin or security only */
    public static boolean seesWatchlist(Set<String> roles) {
        return roles.contains(Roles.ADMIN) || roles.contains(Roles.SECURITY);
    }

    /** @return whether an alarm or event type belongs to the watchlist ({@code watchlist.*}) */
    public static boolean watchlistType(String type) {
        return type != null && type.startsWith("watchlist.");
    }

    /** @return whether the caller's reads are limited to its homeroom class */
    public static boolean classOnly(SecurityContext sc) {
        return sc.isUserInRole(Roles.TEACHER) && WIDE.stream().noneMatch(sc::isUserInRole);
    }

    /** @return whether these roles see everything (admin, security or integrator): no class or child limit */
    public static boolean wide(Set<String> roles) {
        return WIDE.stream().anyMatch(roles::contains);
    }

    /** @return the person linked to the user, if the link and the person exist (read without an audit line) */
    public static Optional<Person> linked(Services services, String user) {
        if (!services.available(AccountService.class)) {
            return Optional.empty();
        }
        return services.get(AccountService.class).personOf(user)
                .flatMap(id -> services.get(PersonService.class).person(id, null));
    }

    /** @return the homeroom class of a teacher's linked STAFF person, or null */
    public static String homeroom(Optional<Person> person) {
        return person.filter(p -> p.role() == PersonRole.STAFF).map(Person::group)
                .filter(g -> !g.isBlank()).orElse(null);
    }

    /**
     * @return the class a class-only caller is limited to, or null when the caller is not limited
     * @throws ApiException 403 {@code no-class} for a teacher without a linked staff person with a group
     */
    public static String classOf(Services services, SecurityContext sc) {
        if (!classOnly(sc)) {
            return null;
        }
        services.get(AccountService.class); // without the account service a teacher sees nothing (503), never all
        String user = Params.user(sc);
        String group = homeroom(linked(services, user));
        if (group == null) {
            throw new ApiException(403, "no-class", "user '" + user + "' is not linked to a staff person with a"
                    + " class; an admin must link the user to its staff record (PUT /users/" + user + ")");
        }
        return group;
    }

    /**
     * Checks a group filter of a class-only caller.
     *
     * @return the group to filter by: the caller's class when limited (a request for another one is refused), else
     *         the requested one
     */
    public static String group(Services services, SecurityContext sc, String requested) {
        String own = classOf(services, sc);
        if (own == null) {
            return requested;
        }
        if (requested != null && !requested.equals(own)) {
            throw notYourClass("class " + requested);
        }
        return own;
    }

    /**
     * Checks that a class-only caller may see a person: one of its class (or itself), never the watchlist.
     *
     * @param person the person, or null for an unknown one or a stranger
     */
    public static void checkPerson(Services services, SecurityContext sc, String personId, Person person) {
        if (person != null && person.role() == PersonRole.WATCHLIST && !seesWatchlist(sc)) {
            throw forbidden(sc);
        }
        if (!classOnly(sc)) {
            return;
        }
        String own = classOf(services, sc);
        if (own == null) {
            return;
        }
        if (person == null || !own.equals(person.group())) {
            throw notYourClass(personId == null ? "a stranger" : "person '" + personId + "'");
        }
    }

    /** Looks the person up (without an audit line) and checks it as {@link #checkPerson} does. */
    public static void checkPerson(Services services, SecurityContext sc, String personId) {
        if (!classOnly(sc) && seesWatchlist(sc)) {
            return;
        }
        Person p = personId == null ? null : services.get(PersonService.class).person(personId, null).orElse(null);
        checkPerson(services, sc, personId, p);
    }

    /** @throws ApiException 403 {@code forbidden} for a caller other than admin or security asking for the watchlist */
    public static void checkRole(SecurityContext sc, PersonRole role) {
        if (role == PersonRole.WATCHLIST && !seesWatchlist(sc)) {
            throw forbidden(sc);
        }
    }

    /**
     * @return the caller's linked GUARDIAN person
     * @throws ApiException 403 {@code no-person} when there is none
     */
    public static Person guardian(Services services, SecurityContext sc) {
        String user = Params.user(sc);
        services.get(AccountService.class);
        return linked(services, user).filter(p -> p.role() == PersonRole.GUARDIAN).orElseThrow(() -> new ApiException(
                403, "no-person", "user '" + user + "' is not linked to a guardian person; an admin must link it"
                + " (PUT /users/" + user + ")"));
    }

    /**
     * @return the binding of the caller's guardian person to that child
     * @throws ApiException 403 {@code not-your-child} when the child is not bound to it
     */
    public static GuardianBinding child(Services services, SecurityContext sc, String childId) {
        Person g = guardian(services, sc);
        return services.get(PersonService.class).children(g.id()).stream()
                .filter(b -> b.studentId().equals(childId)).findFirst()
                .orElseThrow(() -> new ApiException(403, "not-your-child", "person '" + childId
                        + "' is not a child of " + g.id()));
    }

    private static ApiException notYourClass(String what) {
        return new ApiException(403, "not-your-class", what + " is not of your class");
    }

    /** @return 403 {@code forbidden}: the caller may not read the watchlist */
    public static ApiException forbidden(SecurityContext sc) {
        return new ApiException(403, "forbidden", "user '" + Params.user(sc) + "' may not read the watchlist");
    }
}
