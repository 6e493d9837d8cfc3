package org.gatehouse.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.face.FaceService;

@Command(scope = "gatehouse", name = "face-eval",
        description = "Measures the active engine on labelled folders without touching the gallery: one image per"
                + " identity is enrolled in memory, the rest and the never-enrolled faces (folder 'unknown' or images"
                + " directly in DIR) are probes. Reports rank-1, TAR, FAR at the threshold and a histogram.")
@Service
public class FaceEvalCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Argument(index = 0, name = "dir", required = true, description = "One sub-folder per identity")
    String dir;

    @Option(name = "--labels", description = "CSV relative/path,label instead of folders (empty label = never enrolled)")
    String labels;

    @Option(name = "--use", description = "gate, visitor or watchlist: whose threshold")
    String use = FaceService.USE_GATE;

    @Option(name = "--threshold", description = "Threshold to evaluate instead of the configured one")
    Float threshold;

    @Option(name = "--min-size", description = "Smallest face in pixels that is used")
    int minSize = 40;

    @Option(name = "--lang", description = "Language of the report: en or zh-CN (default: the system's)")
    String lang;

    @Override
    protected void run() throws Exception {
        Path d = existingDirectory(dir);
        float thr = threshold != null ? threshold : faces.threshold(use);
        List<FaceEval.Sample> samples = FaceEval.scan(d, labels == null ? null : Path.of(labels));
        FaceText t = FaceText.of(lang);
        if (samples.isEmpty()) {
            System.out.println(t.get("no-images", d));
            return;
        }
        FaceEval eval = new FaceEval(faces.activeEngine(), thr, minSize);
        ProgressBar bar = new ProgressBar(System.out, samples.size());
        FaceEval.Result r = eval.run(samples, bar::update);
        bar.finish();
        System.out.print(FaceEval.report(r, use, t));
    }
}
