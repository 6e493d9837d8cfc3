package org.gatehouse.core.internal.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.PersonService.Contact;

/**
 * A notice audience: comma-separated terms ({@code school}, {@code guardians}, {@code staff}, {@code grade:<n>},
 * {@code class:<n>-<m>}, {@code group:<g>}, {@code role:<ROLE>}) and their expansion to people through the
 * PersonService: each person once, guardians on the channel of their binding, others by phone, else e-mail.
 */
final class Audience {
    private static final Pattern CLASS = Pattern.compile("[0-9]+-[0-9A-Za-z]+");
    private static final Pattern GRADE = Pattern.compile("[0-9]+");
    /** Persons read per page while expanding. */
    private static final int PAGE = 1000;

    /** A person an audience reaches, with the names of their students in the audience. */
    record Target(Contact contact, List<String> students) {
    }

    private Audience() {
    }

    /**
     * Parses and checks an audience.
     *
     * @return its terms, each {kind, argument or null}
     * @throws GatehouseException INVALID {@code bad-audience}
     */
    static List<String[]> terms(String audience) {
        if (audience == null || audience.isBlank()) {
            throw GatehouseException.invalid("bad-audience", "audience is required: school, guardians, staff,"
                    + " grade:<n>, class:<n>-<m>, group:<g> or role:<ROLE>, comma-separated");
        }
        List<String[]> out = new ArrayList<>();
        for (String raw : audience.split(",")) {
            String t = raw.strip();
            int colon = t.indexOf(':');
            String kind = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? null : t.substring(colon + 1).strip();
            boolean ok = switch (kind) {
                case "school", "guardians", "staff" -> arg == null;
                case "grade" -> arg != null && GRADE.matcher(arg).matches();
                case "class" -> arg != null && CLASS.matcher(arg).matches();
                case "group" -> arg != null && arg.matches("[A-Za-z0-9_.:-]{1,64}");
                case "role" -> arg != null && isRole(arg);
                default -> false;
            };
            if (!ok) {
                throw GatehouseException.invalid("bad-audience", "audience term '" + t + "' is not one of school,"
                        + " guardians, staff, grade:<n>, class:<n>-<m> (a student's group, e.g. class:3-2),"
                        + " group:<g>, role:<ROLE>");
            }
            out.add(new String[] {kind, arg});
        }
        return out;
    }

    private static boolean isRole(String s) {
        try {
            PersonRole.valueOf(s.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Each person of the audience once, ordered by person id. */
    static List<Target> expand(PersonService people, String audience) {
        List<String[]> terms = terms(audience);
        Map<String, Person> persons = new TreeMap<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Person> page = people.persons(null, null, offset, PAGE);
            page.items().forEach(p -> persons.put(p.id(), p));
            if (page.items().size() < PAGE) {
                break;
            }
        }
        Map<String, List<GuardianBinding>> byStudent = new HashMap<>();
        for (GuardianBinding b : people.bindings()) {
            byStudent.computeIfAbsent(b.studentId(), k -> new ArrayList<>()).add(b);
        }
        Map<String, Target> out = new TreeMap<>();
        for (Person p : persons.values()) {
            for (String[] term : terms) {
                String kind = term[0];
                String arg = term[1];
                boolean student = p.role() == PersonRole.STUDENT;
                boolean studentsGuardians = student && switch (kind) {
                    case "school", "guardians" -> true;
                    case "grade" -> p.group() != null && (p.group().equals(arg) || p.group().startsWith(arg + "-"));
                    case "class", "group" -> arg.equals(p.group());
                    default -> false;
                };
                if (studentsGuardians) {
                    for (GuardianBinding b : byStudent.getOrDefault(p.id(), List.of())) {
                        addGuardian(out, persons.get(b.guardianId()), b.preferredChannel(), p.name());
                    }
                }
                boolean self = switch (kind) {
                    case "school", "staff" -> p.role() == PersonRole.STAFF;
                    case "group" -> !student && arg.equals(p.group());
                    case "role" -> p.role().name().equalsIgnoreCase(arg);
                    default -> false;
                };
                if (self && !out.containsKey(p.id())) {
                    Contact c = p.phone() != null ? new Contact(p, "sms", p.phone(), p.language())
                            : p.email() != null ? new Contact(p, "email", p.email(), p.language()) : null;
                    if (c != null) {
                        out.put(p.id(), new Target(c, new ArrayList<>()));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void addGuardian(Map<String, Target> out, Person g, String channel, String student) {
        if (g == null) {
            return;
        }
        Target t = out.get(g.id());
        if (t == null) {
            Contact c = guardianContact(g, channel);
            if (c == null) {
                return;
            }
            t = new Target(c, new ArrayList<>());
            out.put(g.id(), t);
        }
        if (!t.students().contains(student)) {
            t.students().add(student);
        }
    }

    /** The guardian on the binding's channel, else by SMS when they have a phone, else null. */
    private static Contact guardianContact(Person g, String channel) {
        String address = switch (channel) {
            case "sms" -> g.phone();
            case "email" -> g.email();
            default -> g.id();
        };
        if (address != null) {
            return new Contact(g, channel, address, g.language());
        }
        return g.phone() == null ? null : new Contact(g, "sms", g.phone(), g.language());
    }
}
