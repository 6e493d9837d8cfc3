package org.gatehouse.shell.internal;

import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "gatehouse", name = "face-import",
        description = "Enrolls a folder tree of face photos, one sub-folder per person, with a progress bar and a"
                + " summary of rejects by reason. Persons must exist: unknown ones are rejects, nothing is created.")
@Service
public class FaceImportCommand extends FaceImportAction {
    @Argument(index = 0, name = "dir", required = true, description = "Directory with one sub-folder per person")
    String dir;

    @Option(name = "--map", description = "CSV folder,personId (default: the folder name is the person id)")
    String map;

    @Option(name = "--examples", description = "Files listed per reject reason")
    int examples = 10;

    @Override
    protected void run() throws Exception {
        Path d = existingDirectory(dir);
        Map<String, String> m = map == null ? null : FaceImporter.map(Path.of(map));
        enroll(d, FaceImporter.folders(d, m), true, Math.max(0, examples));
    }
}
