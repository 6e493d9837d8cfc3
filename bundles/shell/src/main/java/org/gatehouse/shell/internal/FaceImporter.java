package org.gatehouse.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.PersonService;

/**
 * Enrolls image files for persons through the {@link FaceService} with a progress bar, and collects the rejects by
 * reason code. Creates nothing but templates: an unknown person is a reject.
 */
final class FaceImporter {
    /** One image for one person ({@code personId} null when a folder name had no mapping). */
    record Job(String personId, String folder, Path file) {
    }

    /** What happened: enrolled count and the rejected files by reason code. */
    record Summary(int total, int enrolled, Map<String, List<String>> rejects) {
        int rejected() {
            return rejects.values().stream().mapToInt(List::size).sum();
        }
    }

    private final FaceService faces;
    private final PersonService persons;
    private final String actor;

    FaceImporter(FaceService faces, PersonService persons, String actor) {
        this.faces = faces;
        this.persons = persons;
        this.actor = actor;
    }

    /** Jobs of a folder tree: one sub-folder per person, mapped through {@code map} (folder -> person id) or by name. */
    static List<Job> folders(Path dir, Map<String, String> map) throws IOException {
        List<Job> jobs = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path sub : s.filter(Files::isDirectory).sorted().toList()) {
                String folder = sub.getFileName().toString();
                String person = map == null ? folder : map.get(folder);
                for (Path f : FaceEval.images(sub)) {
                    jobs.add(new Job(person, folder, f));
                }
            }
        }
        return jobs;
    }

    /** Reads a {@code folder,personId} CSV. */
    static Map<String, String> map(Path csv) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] row : FaceEval.csv(csv)) {
            if (row.length >= 2 && !row[0].isBlank() && !row[1].isBlank()) {
                m.put(row[0].trim(), row[1].trim());
            }
        }
        return m;
    }

    Summary run(List<Job> jobs, PrintStream progressOut) {
        Map<String, List<String>> rejects = new TreeMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        ProgressBar bar = progressOut == null ? null : new ProgressBar(progressOut, jobs.size());
        int enrolled = 0;
        int done = 0;
        for (Job j : jobs) {
            String what = j.folder() == null ? j.file().getFileName().toString()
                    : j.folder() + "/" + j.file().getFileName();
            String code = null;
            if (j.personId() == null || !known.computeIfAbsent(j.personId(),
                    id -> persons.person(id, null).isPresent())) {
                code = "unknown-person";
            } else {
                try {
                    byte[] data = Files.readAllBytes(j.file());
                    faces.enroll(j.personId(), new Frame(data, FaceEval.format(j.file())), actor);
                    enrolled++;
                } catch (GatehouseException e) {
                    code = e.code() == null ? "other" : e.code();
                    if (e.kind() == GatehouseException.Kind.UNAVAILABLE) {
                        // no engine: every further image fails the same way
                        rejects.computeIfAbsent(code, k -> new ArrayList<>()).add(what);
                        done++;
                        for (Job rest : jobs.subList(done, jobs.size())) {
                            rejects.get(code).add(rest.folder() == null ? rest.file().getFileName().toString()
                                    : rest.folder() + "/" + rest.file().getFileName());
                        }
                        if (bar != null) {
                            bar.finish();
                        }
                        return new Summary(jobs.size(), enrolled, rejects);
                    }
                } catch (IOException e) {
                    code = "unreadable-file";
                }
            }
            if (code != null) {
                rejects.computeIfAbsent(code, k -> new ArrayList<>()).add(what);
            }
            done++;
            if (bar != null) {
                bar.update(done, what);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        return new Summary(jobs.size(), enrolled, rejects);
    }

    /** Prints the summary grouped by reason, with up to {@code examples} files per reason. */
    static void print(Summary s, FaceText t, PrintStream out, int examples) {
        out.println(t.get("enrolled", s.enrolled(), s.total()));
        if (s.rejected() > 0) {
            out.println(t.get("rejected", s.rejected()));
            for (Map.Entry<String, List<String>> e : s.rejects().entrySet()) {
                out.printf("  %5d  %s%n", e.getValue().size(), t.reason(e.getKey()));
                for (String f : e.getValue().subList(0, Math.min(examples, e.getValue().size()))) {
                    out.println("           " + f);
                }
                if (e.getValue().size() > examples) {
                    out.println("           ...");
                }
            }
        }
    }
}
