package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.face.Candidate;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.recognition.Frame;

@Command(scope = "gatehouse", name = "face-identify",
        description = "Identifies the best face of an image among the enrolled faces (1:N).")
@Service
public class FaceIdentifyCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Argument(index = 0, name = "file", required = true, description = "Image file (.jpg, .png)")
    String file;

    @Option(name = "--use", description = "gate, visitor or watchlist (selects the threshold)")
    String use = FaceService.USE_GATE;

    @Option(name = "-n", description = "Candidates, 1-50")
    int n = 5;

    @Override
    protected void run() throws Exception {
        Path p = existingFile(file);
        long t0 = System.nanoTime();
        Identification id = faces.identify(new Frame(Files.readAllBytes(p), FaceEval.format(p)), use, n);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("Face %dx%d at (%d,%d) of %d found, model %s, use %s, threshold %.3f, %d ms%n",
                Math.round(id.face().width()), Math.round(id.face().height()), Math.round(id.face().x()),
                Math.round(id.face().y()), id.facesFound(), id.modelId(), id.use(), id.threshold(), ms);
        ShellTable table = new ShellTable().emptyTableText("No enrolled faces.");
        table.column("Rank");
        table.column("Person");
        table.column("Name");
        table.column("Score");
        table.column("Match");
        table.column("Template");
        int rank = 1;
        for (Candidate c : id.candidates()) {
            table.addRow().addContent(rank++, c.personId(), Formats.orDash(c.name()), String.format("%.3f", c.score()),
                    c.matched() ? "MATCH" : "", c.templateId());
        }
        table.print(System.out);
    }
}
