package org.gatehouse.rest.internal.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.common.Roles;

/**
 * What one signed-in user may see on the stream. Admin, security and integrator see everything. A teacher sees the
 * alarms and the passages of the persons of its homeroom class (the {@code group} of the STAFF person its user is
 * linked to, as {@link Scope} decides for the REST paths); a guardian sees the passages of its own children. The
 * persons are computed when the user connects and again every minute; without the account service or
 * {@link PersonService} the set is empty. A teacher also sees the {@code visit.*} events of the visits it hosts.
 *
 * @param everything true for admin, security and integrator
 * @param alarms     whether alarm transitions are sent
 * @param persons    the persons whose passages are sent (when not everything)
 * @param watchlist  whether the watchlist's alarms and events are sent (admin and security only)
 * @param host       the teacher's linked STAFF person (the host of its visits), or null
 */
record Audience(boolean everything, boolean alarms, Set<String> persons, boolean watchlist, String host) {
    private static final int PAGE = 1000;

    Audience {
        persons = Set.copyOf(persons);
    }

    /** @return whether the user may open the stream at all (a device account may not) */
    static boolean allowed(Identity id) {
        return full(id) || id.roles().contains(Roles.TEACHER) || id.roles().contains(Roles.GUARDIAN);
    }

    /** @return the audience of an allowed user, read from the services now */
    static Audience of(Identity id, Services services) {
        if (full(id)) {
            return new Audience(true, true, Set.of(), Scope.seesWatchlist(id.roles()), null);
        }
        boolean teacher = id.roles().contains(Roles.TEACHER);
        boolean guardian = id.roles().contains(Roles.GUARDIAN);
        Set<String> persons = new HashSet<>();
        String host = null;
        if (services.available(PersonService.class)) {
            PersonService people = services.get(PersonService.class);
            Optional<Person> linked = Scope.linked(services, id.user());
            String group = teacher ? Scope.homeroom(linked) : null;
            if (group != null) {
                persons.addAll(members(people, group));
            }
            if (teacher && linked.isPresent() && linked.get().role() == PersonRole.STAFF) {
                host = linked.get().id();
            }
            if (guardian && linked.isPresent() && linked.get().role() == PersonRole.GUARDIAN) {
                people.children(linked.get().id()).stream().map(GuardianBinding::studentId).forEach(persons::add);
            }
        }
        return new Audience(false, teacher, persons, Scope.seesWatchlist(id.roles()), host);
    }

    /** @return whether a passage of that person (null: a stranger) is for this user */
    boolean seesPassage(String personId) {
        return everything || personId != null && persons.contains(personId);
    }

    /** @return whether an alarm or event of that type is for this user (the watchlist's only for admin, security) */
    boolean seesType(String type) {
        return watchlist || !Scope.watchlistType(type);
    }

    /** @return whether a {@code visit.*} event of that host is for this user */
    boolean seesVisit(String hostId) {
        return everything || host != null && host.equals(hostId);
    }

    private static boolean full(Identity id) {
        return Scope.wide(id.roles());
    }

    /** The persons of a class (the teacher's homeroom class), the watchlist never. */
    private static Set<String> members(PersonService people, String group) {
        Set<String> ids = new HashSet<>();
        int offset = 0;
        while (true) {
            Page<Person> page = people.persons(null, group, offset, PAGE);
            List<Person> items = page.items();
            items.stream().filter(p -> p.role() != PersonRole.WATCHLIST).forEach(p -> ids.add(p.id()));
            offset += items.size();
            if (items.isEmpty() || offset >= page.total()) {
                return ids;
            }
        }
    }
}
