package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "gatehouse", name = "face-enroll",
        description = "Enrolls face photos of one person: one image file, or every image of a directory.")
@Service
public class FaceEnrollCommand extends FaceImportAction {
    @Argument(index = 0, name = "person", required = true, description = "Person id")
    String person;

    @Argument(index = 1, name = "path", required = true, description = "Image file (.jpg, .png) or directory")
    String path;

    @Override
    protected void run() throws Exception {
        Path p = existing(path, f -> Files.isDirectory(f) || Files.isRegularFile(f), "file or directory");
        List<FaceImporter.Job> jobs = new ArrayList<>();
        for (Path f : Files.isDirectory(p) ? FaceEval.images(p) : List.of(p)) {
            jobs.add(new FaceImporter.Job(person, null, f));
        }
        enroll(p, jobs, jobs.size() > 1, 10);
    }
}
