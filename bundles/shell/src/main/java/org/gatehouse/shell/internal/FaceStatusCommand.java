package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceStatus;

@Command(scope = "gatehouse", name = "face-status",
        description = "Shows the face engine, its model and the licences of its model files, template counts, thresholds and"
                + " re-enrollment progress.")
@Service
public class FaceStatusCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Option(name = "--lang", description = "Language of the licence lines: en or zh-CN (default: the system's)")
    String lang;

    @Override
    protected void run() {
        System.out.print(text(faces.status(), faces, FaceText.of(lang)));
    }

    static String text(FaceStatus st, FaceService faces) {
        return text(st, faces, FaceText.of("en"));
    }

    static String text(FaceStatus st, FaceService faces, FaceText t) {
        StringBuilder b = new StringBuilder();
        b.append("Engine:       ").append(st.configuredEngine()).append(st.engineAvailable() ? " (running)"
                : " (NOT running; available: " + (st.availableEngines().isEmpty() ? "none" : String.join(", ",
                st.availableEngines())) + ")").append('\n');
        b.append("Model:        ").append(Formats.orDash(st.modelId())).append('\n');
        b.append(FaceModelsCommand.licenceLines(faces, t));
        b.append("Indexed:      ").append(st.indexed()).append(" templates of the active model\n");
        b.append("Photos:       ").append(st.photos()).append('\n');
        b.append("Search:       ").append(st.searchKernel()).append("vector".equals(st.searchKernel()) ? ""
                : " (start the JVM with --add-modules jdk.incubator.vector for the fast scan)").append('\n');
        st.templatesPerModel().forEach((m, n) -> b.append("  model ").append(m).append(": ").append(n)
                .append(" templates\n"));
        b.append("Thresholds:   ");
        for (String use : FaceService.USES) {
            b.append(use).append('=').append(faces.threshold(use)).append(' ');
        }
        b.append('\n');
        FaceStatus.Reenrollment r = st.reenrollment();
        if (r.modelId() != null) {
            b.append("Re-enrollment for ").append(r.modelId()).append(": ").append(ProgressBar.render(r.done(),
                    r.total(), r.running() ? "running" : "finished")).append(r.failed() > 0 ? ", " + r.failed()
                    + " photos failed" : "").append('\n');
        }
        return b.toString();
    }
}
