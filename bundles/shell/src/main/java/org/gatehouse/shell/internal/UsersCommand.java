package org.gatehouse.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Person;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.PersonService;

@Command(scope = "gatehouse", name = "users",
        description = "Lists the sign-in users of etc/users.properties with their roles and the person each is linked to.")
@Service
public class UsersCommand extends GatehouseAction {
    static final String GROUP = "_g_:";

    @Reference
    AccountService accounts;

    @Reference
    PersonService persons;

    /** Karaf's users file; null: {@code ${karaf.etc}/users.properties}. */
    Path usersFile;

    @Override
    protected void run() throws IOException {
        Path file = usersFile;
        if (file == null && System.getProperty("karaf.etc") != null) {
            file = Path.of(System.getProperty("karaf.etc"), "users.properties");
        }
        Map<String, String> roles = file != null && Files.isRegularFile(file) ? roles(file) : new TreeMap<>();
        Map<String, String> links = accounts.links();
        Map<String, String> rows = new LinkedHashMap<>(roles);
        links.keySet().forEach(u -> rows.putIfAbsent(u, null));
        ShellTable table = new ShellTable().emptyTableText("No users.");
        table.column("User");
        table.column("Roles");
        table.column("Person");
        table.column("Name");
        for (Map.Entry<String, String> r : rows.entrySet()) {
            String personId = links.get(r.getKey());
            String name = personId == null ? null : persons.person(personId, null).map(Person::name)
                    .orElse("(person deleted)");
            table.addRow().addContent(r.getKey(), r.getValue() == null ? "(not in users.properties)" : r.getValue(),
                    Formats.orDash(personId), Formats.orDash(name));
        }
        table.print(System.out);
    }

    /** @return user name to its roles (its own and its groups'), comma separated, sorted by user */
    static Map<String, String> roles(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        for (String user : p.stringPropertyNames()) {
            if (user.startsWith(GROUP)) {
                continue;
            }
            String[] fields = p.getProperty(user).split(",");
            TreeSet<String> roles = new TreeSet<>();
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim();
                if (f.startsWith(GROUP)) {
                    String[] group = p.getProperty(f, "").split(",");
                    for (int k = 1; k < group.length; k++) {
                        roles.add(group[k].trim());
                    }
                } else if (!f.isEmpty()) {
                    roles.add(f);
                }
            }
            out.put(user, String.join(",", roles));
        }
        return out;
    }
}
