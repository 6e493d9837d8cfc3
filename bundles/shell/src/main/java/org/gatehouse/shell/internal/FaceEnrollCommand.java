package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.service.PersonService;

@Command(scope = "gatehouse", name = "face-enroll",
        description = "Enrolls face photos of one person: one image file, or every image of a directory.")
@Service
public class FaceEnrollCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Reference
    PersonService persons;

    @Argument(index = 0, name = "person", required = true, description = "Person id")
    String person;

    @Argument(index = 1, name = "path", required = true, description = "Image file (.jpg, .png) or directory")
    String path;

    @Option(name = "--lang", description = "Language of the summary: en or zh-CN (default: the system's)")
    String lang;

    @Override
    protected void run() throws Exception {
        Path p = Path.of(path);
        FaceText t = FaceText.of(lang);
        List<FaceImporter.Job> jobs = new ArrayList<>();
        if (Files.isDirectory(p)) {
            for (Path f : FaceEval.images(p)) {
                jobs.add(new FaceImporter.Job(person, null, f));
            }
        } else if (Files.isRegularFile(p)) {
            jobs.add(new FaceImporter.Job(person, null, p));
        } else {
            throw GatehouseException.notFound("no-such-file", "no file or directory " + p);
        }
        if (jobs.isEmpty()) {
            System.out.println(t.get("no-images", p));
            return;
        }
        FaceImporter.Summary s = new FaceImporter(faces, persons, currentUser()).run(jobs,
                jobs.size() > 1 ? System.out : null);
        FaceImporter.print(s, t, System.out, 10);
    }
}
