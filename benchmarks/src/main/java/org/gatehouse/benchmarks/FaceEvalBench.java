package org.gatehouse.benchmarks;

import java.nio.file.Path;
import java.util.List;

import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.opencv.internal.OpencvBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.RunnerEngine;
import org.gatehouse.engine.face.support.InferenceBackend;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.shell.internal.FaceEval;

/**
 * The accuracy evaluation of {@code gatehouse:face-eval} outside OSGi: the same {@link FaceEval} logic on the real
 * engine pipeline and models.
 *
 * <p>Usage: {@code FaceEvalBench ENGINE MODELS_DIR FACES_DIR [LABELS_CSV] [threshold=0.45] [minFaceSize=40] [en|zh-CN]}
 * with ENGINE {@code onnx} or {@code opencv}. LABELS_CSV as {@code gatehouse:face-eval} reads it (including the
 * development set's {@code testdata/faces/labels.csv}); without it, FACES_DIR holds one folder per identity.
 */
public final class FaceEvalBench {
    private FaceEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FaceEvalBench onnx|opencv MODELS_DIR FACES_DIR [LABELS_CSV] [threshold] [minFaceSize] [lang]");
            System.exit(2);
        }
        InferenceBackend backend = "opencv".equals(args[0]) ? new OpencvBackend(2, 1) : new DjlOrtBackend();
        Path labels = args.length > 3 ? Path.of(args[3]) : null;
        float threshold = args.length > 4 ? Float.parseFloat(args[4]) : 0.45f;
        int minSize = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        try (FacePipeline pipeline = new FacePipeline(backend, PipelineOptions.defaults(Path.of(args[1])))) {
            List<FaceEval.Sample> samples = FaceEval.scan(Path.of(args[2]), labels);
            FaceEval.Result r = new FaceEval(new RunnerEngine(args[0], "bench", pipeline), threshold, minSize).run(samples, null);
            System.out.print(FaceEval.report(r, "gate", args.length > 6 ? args[6] : "en"));
        }
    }
}
