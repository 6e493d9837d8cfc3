package org.gatehouse.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The core's rooms, checked on its sources: one package per domain, each table named only by its owner. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/gatehouse/core/internal");
    /** Table -> the package that owns it. */
    private static final Map<String, String> OWNER = Map.ofEntries(Map.entry("SCHEMA_VERSION", "store"),
            Map.entry("AUDIT", "audit"), Map.entry("SITES", "site"), Map.entry("ZONES", "site"),
            Map.entry("DEVICES", "site"), Map.entry("EVENTS", "spine"), Map.entry("SPINE_STATE", "spine"),
            Map.entry("ALARMS", "alarm"), Map.entry("PERSONS", "person"), Map.entry("GUARDIANS", "person"),
            Map.entry("OUTBOX", "outbox"), Map.entry("TEMPLATES", "template"), Map.entry("NOTICES", "notice"),
            Map.entry("NOTICE_RECIPIENTS", "notice"), Map.entry("DUTY_SHIFTS", "duty"),
            Map.entry("FACE_PHOTOS", "face"), Map.entry("FACE_TEMPLATES", "face"), Map.entry("FACE_CONSENT", "face"),
            Map.entry("PASSAGES", "access"), Map.entry("USER_LINKS", "account"), Map.entry("GATE_SYNC", "access"),
            Map.entry("GATE_SYNC_RUN", "access"), Map.entry("PERSON_VALIDITY", "access"),
            Map.entry("SCHOOL_TERMS", "attendance"), Map.entry("CALENDAR_DAYS", "attendance"),
            Map.entry("ATTENDANCE_RULES", "attendance"), Map.entry("LEAVE_PASSES", "leave"),
            Map.entry("LINK_KEYS", "link"), Map.entry("WATCHLIST_ENTRIES", "watchlist"),
            Map.entry("WATCHLIST_HITS", "watchlist"), Map.entry("STRANGER_RULES", "stranger"),
            Map.entry("STRANGER_ALERTS", "stranger"), Map.entry("DANGER_ZONE_RULES", "danger"),
            Map.entry("DANGER_WARNINGS", "danger"),
            Map.entry("STRANGER_ALERTS", "stranger"), Map.entry("PERIMETER_SCHEDULES", "perimeter"),
            Map.entry("PERIMETER_MANUAL", "perimeter"), Map.entry("PERIMETER_BYPASSES", "perimeter"),
            Map.entry("PERIMETER_STATE", "perimeter"));
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SQL = Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO)\\b");

    @Test
    void onlyTheCompositionRootAndThreeHelpersStandOutsideTheDomainPackages() throws IOException {
        TreeSet<String> top = new TreeSet<>();
        try (Stream<Path> s = Files.list(MAIN)) {
            s.filter(Files::isRegularFile).forEach(p -> top.add(p.getFileName().toString()));
        }
        assertTrue(top.contains("Platform.java"), top.toString());
        assertTrue(top.size() <= 4, "at most the composition root and three shared helpers: " + top);
    }

    @Test
    void noSqlNamesATableOutsideItsOwningPackage() throws IOException {
        List<String> offences = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            Path rel = MAIN.relativize(f);
            String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
            String src = Files.readString(f);
            // SQL is built from string literals, sometimes split over several: look at the literals together
            StringBuilder literals = new StringBuilder();
            Matcher m = STRING.matcher(src);
            while (m.find()) {
                literals.append(m.group(1)).append(' ');
            }
            String sql = literals.toString();
            if (!SQL.matcher(sql).find()) {
                continue;
            }
            for (Map.Entry<String, String> t : OWNER.entrySet()) {
                if (Pattern.compile("\\b" + t.getKey() + "\\b").matcher(sql).find() && !t.getValue().equals(pkg)) {
                    offences.add(rel + " names " + t.getKey() + " (owned by " + t.getValue() + ")");
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
