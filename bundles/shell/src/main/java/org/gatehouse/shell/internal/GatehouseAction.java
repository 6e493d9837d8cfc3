package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessController;
import java.security.Principal;
import java.util.Locale;
import java.util.function.Predicate;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;

/**
 * Base of the gatehouse commands: an expected error ({@link GatehouseException}) prints one line on stderr instead of
 * a stack trace.
 */
abstract class GatehouseAction implements Action {

    /** User name used when the session has no authenticated user. */
    static final String DEFAULT_USER = "karaf";

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (GatehouseException e) {
            System.err.println(Formats.error(e));
        }
        return null;
    }

    /** Does the work, printing to {@code System.out}. */
    protected abstract void run() throws Exception;

    /** @return the user of the shell session (the JAAS UserPrincipal of the calling subject), else "karaf" */
    @SuppressWarnings("removal")
    static String currentUser() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if ("UserPrincipal".equals(p.getClass().getSimpleName())) {
                    return p.getName();
                }
            }
        }
        return DEFAULT_USER;
    }

    /** @throws GatehouseException INVALID unless 1 <= n <= 1000 */
    static int limit(int n) {
        if (n < 1 || n > 1000) {
            throw GatehouseException.invalid("invalid-limit", "-n must be between 1 and 1000, not " + n);
        }
        return n;
    }

    /** Prints {@code (<shown> of <total>; use -n for more)} when the page holds fewer items than there are. */
    static void printMore(Page<?> page) {
        if (page.total() > page.items().size()) {
            System.out.println("(" + page.items().size() + " of " + page.total() + "; use -n for more)");
        }
    }

    /** @return the day of a {@code --date} option (2026-03-02), null when absent; INVALID {@code invalid-date} */
    static java.time.LocalDate day(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(date.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-date", "--date must be a day like 2026-03-02, not '" + date
                    + "'");
        }
    }

    /** @return the two ends of a daily window {@code HH:mm-HH:mm}; INVALID {@code bad-window} */
    static java.time.LocalTime[] window(String text) {
        String[] w = text == null ? new String[0] : text.trim().split("-");
        try {
            if (w.length == 2) {
                java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm",
                        Locale.ROOT);
                return new java.time.LocalTime[] {java.time.LocalTime.parse(w[0].trim(), hm),
                        java.time.LocalTime.parse(w[1].trim(), hm)};
            }
        } catch (java.time.format.DateTimeParseException e) {
            // the message below
        }
        throw GatehouseException.invalid("bad-window", "the window is HH:mm-HH:mm (22:00-06:00), not '" + text + "'");
    }

    /** Parses an enum constant case-insensitively, or fails with one clear line. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw GatehouseException.invalid("invalid-" + what, what + " '" + value + "' is not one of " + allowed);
        }
    }

    /** @throws GatehouseException NOT_FOUND {@code no-such-file} unless {@code name} is a regular file */
    static Path existingFile(String name) {
        return existing(name, Files::isRegularFile, "file");
    }

    /** @throws GatehouseException NOT_FOUND {@code no-such-file} unless {@code name} is a directory */
    static Path existingDirectory(String name) {
        return existing(name, Files::isDirectory, "directory");
    }

    /**
     * @param what what {@code name} must be, for the message {@code no <what> <path>}
     * @throws GatehouseException NOT_FOUND {@code no-such-file} unless {@code test} accepts the path
     */
    static Path existing(String name, Predicate<Path> test, String what) {
        Path p = Path.of(name);
        if (!test.test(p)) {
            throw GatehouseException.notFound("no-such-file", "no " + what + " " + p);
        }
        return p;
    }
}
