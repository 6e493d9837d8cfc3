package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.service.PersonService;

@Command(scope = "gatehouse", name = "face-import",
        description = "Enrolls a folder tree of face photos, one sub-folder per person, with a progress bar and a"
                + " summary of rejects by reason. Persons must exist: unknown ones are rejects, nothing is created.")
@Service
public class FaceImportCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Reference
    PersonService persons;

    @Argument(index = 0, name = "dir", required = true, description = "Directory with one sub-folder per person")
    String dir;

    @Option(name = "--map", description = "CSV folder,personId (default: the folder name is the person id)")
    String map;

    @Option(name = "--lang", description = "Language of the summary: en or zh-CN (default: the system's)")
    String lang;

    @Option(name = "--examples", description = "Files listed per reject reason")
    int examples = 10;

    @Override
    protected void run() throws Exception {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            throw GatehouseException.notFound("no-such-file", "no directory " + d);
        }
        Map<String, String> m = map == null ? null : FaceImporter.map(Path.of(map));
        List<FaceImporter.Job> jobs = FaceImporter.folders(d, m);
        FaceText t = FaceText.of(lang);
        if (jobs.isEmpty()) {
            System.out.println(t.get("no-images", d));
            return;
        }
        FaceImporter.Summary s = new FaceImporter(faces, persons, currentUser()).run(jobs, System.out);
        FaceImporter.print(s, t, System.out, Math.max(0, examples));
    }
}
