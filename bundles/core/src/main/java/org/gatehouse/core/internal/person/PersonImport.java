package org.gatehouse.core.internal.person;

import org.gatehouse.core.internal.Limits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService.ImportSummary;
import org.gatehouse.api.service.PersonService.RowProblem;

/**
 * Reads and validates a person import file (the CSV format is in the README) into a plan: the persons and bindings to
 * write, and every problem of every row. Nothing here writes; {@link PersonServiceImpl#importCsv} writes the plan in one
 * transaction when it has no problem.
 */
final class PersonImport {
    /** Most data rows one file may have. */
    static final int MAX_ROWS = 20_000;
    /** The columns in the order of the template; only id, name and role are required. */
    static final List<String> COLUMNS = List.of("id", "name", "role", "phone", "email", "language", "group",
            "guardian_of", "relation", "preferred_channel", "face_consent");
    static final List<String> REQUIRED = List.of("id", "name", "role");

    private static final Map<String, PersonRole> ROLE_WORDS = Map.ofEntries(
            Map.entry("学生", PersonRole.STUDENT), Map.entry("教职工", PersonRole.STAFF), Map.entry("员工", PersonRole.STAFF),
            Map.entry("家长", PersonRole.GUARDIAN), Map.entry("监护人", PersonRole.GUARDIAN),
            Map.entry("访客", PersonRole.VISITOR), Map.entry("关注名单", PersonRole.WATCHLIST));

    /**
     * What an import would write.
     *
     * @param persons  validated persons, each once, in file order
     * @param bindings validated bindings, each once, in file order
     * @param summary  the summary to return
     */
    record Plan(List<Person> persons, List<GuardianBinding> bindings, ImportSummary summary) {
        boolean writable() {
            return summary.problems().isEmpty() && !summary.dryRun();
        }
    }

    private record Seen(int row, Person person) {
    }

    private record Link(int row, String guardianId, String studentId, String relation, String channel,
                        boolean consent) {
    }

    private PersonImport() {
    }

    /**
     * Builds the plan of a file.
     *
     * @param store looks up which of the given ids are already in the store
     */
    static Plan plan(byte[] csv, boolean dryRun, Function<Set<String>, Map<String, Person>> store) {
        if (csv == null || csv.length == 0) {
            throw GatehouseException.invalid("csv-empty", "the file is empty; the first row must be the header: "
                    + String.join(",", COLUMNS));
        }
        List<Csv.Row> rows = Csv.parse(Csv.decode(csv));
        if (rows.isEmpty()) {
            throw GatehouseException.invalid("csv-empty", "the file is empty; the first row must be the header: "
                    + String.join(",", COLUMNS));
        }
        Map<String, Integer> col = header(rows.get(0).fields());
        List<Csv.Row> data = rows.subList(1, rows.size());
        if (data.size() > MAX_ROWS) {
            throw GatehouseException.invalid("csv-too-large", "the file has " + data.size() + " rows; at most "
                    + MAX_ROWS + " are imported at once: split it");
        }
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Seen> persons = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        Set<String> invalid = new HashSet<>();
        for (Csv.Row row : data) {
            if (!readRow(row, col, problems, persons, links)) {
                int i = col.get("id");
                invalid.add(i < row.fields().size() ? row.fields().get(i).trim() : "");
            }
        }
        Set<String> ids = new HashSet<>(persons.keySet());
        links.forEach(l -> ids.add(l.studentId()));
        Map<String, Person> existing = ids.isEmpty() ? Map.of() : store.apply(ids);

        Map<String, Link> bindings = new LinkedHashMap<>();
        for (Link l : links) {
            Seen inFile = persons.get(l.studentId());
            Person student = inFile != null ? inFile.person() : existing.get(l.studentId());
            if (student == null && invalid.contains(l.studentId())) {
                continue; // that student's own row is already reported
            }
            if (student == null) {
                problems.add(new RowProblem(l.row(), "guardian_of", "unknown-student", "student '" + l.studentId()
                        + "' is neither in the file nor in the store"));
                continue;
            }
            if (student.role() != PersonRole.STUDENT) {
                problems.add(new RowProblem(l.row(), "guardian_of", "not-a-student", "'" + l.studentId() + "' is a "
                        + student.role() + ", not a STUDENT"));
                continue;
            }
            String key = l.guardianId() + "\u0000" + l.studentId();
            Link before = bindings.putIfAbsent(key, l);
            if (before != null && !(java.util.Objects.equals(before.relation(), l.relation())
                    && java.util.Objects.equals(before.channel(), l.channel()) && before.consent() == l.consent())) {
                problems.add(new RowProblem(l.row(), "guardian_of", "duplicate-binding", "guardian '" + l.guardianId()
                        + "' and student '" + l.studentId() + "' are bound differently on row " + before.row()));
            }
        }
        problems.sort(Comparator.comparingInt(RowProblem::row));

        List<Person> out = persons.values().stream().map(Seen::person).toList();
        int updated = (int) out.stream().filter(p -> existing.containsKey(p.id())).count();
        List<GuardianBinding> outBindings = bindings.values().stream().map(l -> new GuardianBinding(l.guardianId(),
                l.studentId(), l.relation(), l.channel(), l.consent())).toList();
        boolean written = problems.isEmpty() && !dryRun;
        ImportSummary summary = new ImportSummary(dryRun, written, data.size(), out.size(), out.size() - updated,
                updated, outBindings.size(), List.copyOf(problems));
        return new Plan(out, outBindings, summary);
    }

    /** Column name to index; refuses unknown and missing columns so that a typo does not drop data silently. */
    private static Map<String, Integer> header(List<String> fields) {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                throw GatehouseException.invalid("csv-header", "unknown column '" + fields.get(i) + "'; the columns are "
                        + String.join(",", COLUMNS));
            }
            if (col.put(name, i) != null) {
                throw GatehouseException.invalid("csv-header", "column '" + name + "' appears twice in the header");
            }
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) {
                throw GatehouseException.invalid("csv-header", "the header lacks the column '" + r
                        + "'; the first row must name the columns, e.g. " + String.join(",", COLUMNS));
            }
        }
        return col;
    }

    /** @return false when the row has a problem */
    private static boolean readRow(Csv.Row row, Map<String, Integer> col, List<RowProblem> problems,
                                Map<String, Seen> persons, List<Link> links) {
        int n = row.line();
        int before = problems.size();
        Function<String, String> f = name -> {
            Integer i = col.get(name);
            if (i == null || i >= row.fields().size()) {
                return null;
            }
            String v = row.fields().get(i).trim();
            return v.isEmpty() ? null : v;
        };
        int width = col.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (row.fields().size() > width && row.fields().subList(width, row.fields().size()).stream()
                .anyMatch(s -> !s.isBlank())) {
            problems.add(new RowProblem(n, null, "extra-fields", "the row has " + row.fields().size()
                    + " fields but the header names " + width + " columns (a comma inside a field needs quotes)"));
        }
        String id = check(problems, n, "id", () -> Limits.id("id", f.apply("id")));
        String name = check(problems, n, "name", () -> Limits.text("name", f.apply("name"), 200, true));
        PersonRole role = check(problems, n, "role", () -> role(f.apply("role")));
        String phone = check(problems, n, "phone", () -> PersonServiceImpl.phone(f.apply("phone")));
        String email = check(problems, n, "email", () -> {
            String e = Limits.text("email", f.apply("email"), 320, false);
            if (e != null && !PersonServiceImpl.EMAIL.matcher(e).matches()) {
                throw GatehouseException.invalid("bad-email", "email '" + e + "' is not an e-mail address");
            }
            return e;
        });
        String language = check(problems, n, "language", () -> language(f.apply("language")));
        String group = check(problems, n, "group", () -> {
            String g = f.apply("group");
            return g == null ? null : Limits.id("group", g);
        });
        String channel = check(problems, n, "preferred_channel", () -> {
            String c = f.apply("preferred_channel");
            String v = c == null ? "sms" : c.toLowerCase(Locale.ROOT);
            if (!PersonServiceImpl.CHANNELS.contains(v)) {
                throw GatehouseException.invalid("bad-channel", "preferred_channel '" + c + "' is not one of "
                        + PersonServiceImpl.CHANNELS);
            }
            return v;
        });
        String relation = check(problems, n, "relation", () -> Limits.text("relation", f.apply("relation"), 64, false));
        Boolean consent = check(problems, n, "face_consent", () -> consent(f.apply("face_consent")));
        List<String> students = new ArrayList<>();
        String of = f.apply("guardian_of");
        if (of != null) {
            for (String s : of.split("[;；]")) {
                String sid = check(problems, n, "guardian_of", () -> Limits.id("guardian_of", s.trim()));
                if (sid != null) {
                    students.add(sid);
                }
            }
            if (role != null && role != PersonRole.GUARDIAN) {
                problems.add(new RowProblem(n, "guardian_of", "not-a-guardian", "only a GUARDIAN row may name"
                        + " guardian_of; this row is a " + role));
            }
        }
        if (problems.size() > before) {
            if (id != null && role == PersonRole.GUARDIAN) {
                // still check where guardian_of points, so that one pass over the file reports everything
                for (String sid : students) {
                    links.add(new Link(n, id, sid, relation, channel, Boolean.TRUE.equals(consent)));
                }
            }
            return false;
        }
        Person p = new Person(id, name, role, phone, email, language, group);
        Seen seen = persons.get(id);
        if (seen == null) {
            persons.put(id, new Seen(n, p));
        } else if (!seen.person().equals(p)) {
            problems.add(new RowProblem(n, "id", "duplicate-id", "id '" + id + "' is on row " + seen.row()
                    + " with different data (" + difference(seen.person(), p) + ")"));
            return false;
        }
        for (String sid : students) {
            links.add(new Link(n, id, sid, relation, channel, consent));
        }
        return true;
    }

    private static String difference(Person a, Person b) {
        List<String> d = new ArrayList<>();
        if (!a.name().equals(b.name())) {
            d.add("name");
        }
        if (a.role() != b.role()) {
            d.add("role");
        }
        if (!java.util.Objects.equals(a.phone(), b.phone())) {
            d.add("phone");
        }
        if (!java.util.Objects.equals(a.email(), b.email())) {
            d.add("email");
        }
        if (!a.language().equals(b.language())) {
            d.add("language");
        }
        if (!java.util.Objects.equals(a.group(), b.group())) {
            d.add("group");
        }
        return String.join(", ", d);
    }

    private interface Check<T> {
        T get();
    }

    private static <T> T check(List<RowProblem> problems, int row, String column, Check<T> c) {
        try {
            return c.get();
        } catch (GatehouseException e) {
            problems.add(new RowProblem(row, column, e.code(), e.getMessage()));
            return null;
        }
    }

    static PersonRole role(String v) {
        if (v == null) {
            throw GatehouseException.invalid("missing-role", "role is required: STUDENT, STAFF, GUARDIAN, VISITOR or"
                    + " WATCHLIST");
        }
        PersonRole r = ROLE_WORDS.get(v);
        if (r != null) {
            return r;
        }
        try {
            return PersonRole.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatehouseException.invalid("bad-role", "role '" + v + "' is not one of STUDENT, STAFF, GUARDIAN,"
                    + " VISITOR, WATCHLIST (or 学生, 教职工, 家长, 访客, 关注名单)");
        }
    }

    static String language(String v) {
        if (v == null) {
            return "zh-CN";
        }
        for (String l : PersonServiceImpl.LANGUAGES) {
            if (l.equalsIgnoreCase(v) || l.equalsIgnoreCase(v.replace('_', '-'))) {
                return l;
            }
        }
        if (v.equalsIgnoreCase("zh") || v.equals("中文")) {
            return "zh-CN";
        }
        if (v.equals("英文") || v.equals("英语")) {
            return "en";
        }
        throw GatehouseException.invalid("bad-language", "language '" + v + "' is not one of "
                + PersonServiceImpl.LANGUAGES);
    }

    static boolean consent(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "是", "同意" -> true;
            case "no", "n", "false", "0", "否", "不同意" -> false;
            default -> throw GatehouseException.invalid("bad-consent", "face_consent '" + v
                    + "' is not yes/no (true/false, 1/0, 是/否)");
        };
    }
}
