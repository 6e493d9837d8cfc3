package org.gatehouse.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.service.PersonService;

/** Base of the commands that enroll image files of existing persons and print a summary of the rejects. */
abstract class FaceImportAction extends GatehouseAction {
    @Reference
    FaceService faces;

    @Reference
    PersonService persons;

    @Option(name = "--lang", description = "Language of the summary: en or zh-CN (default: the system's)")
    String lang;

    /**
     * Enrolls the jobs as the session's user and prints the summary, or that {@code where} holds no image.
     *
     * @param progress whether to draw a progress bar
     * @param examples files listed per reject reason
     */
    void enroll(Path where, List<FaceImporter.Job> jobs, boolean progress, int examples) {
        FaceText t = FaceText.of(lang);
        if (jobs.isEmpty()) {
            System.out.println(t.get("no-images", where));
            return;
        }
        FaceImporter.Summary s = new FaceImporter(faces, persons, currentUser()).run(jobs,
                progress ? System.out : null);
        FaceImporter.print(s, t, System.out, examples);
    }
}
