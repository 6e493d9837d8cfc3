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
 * with ENGINE {@code onnx} or {@code opencv} (the legacy model set), or {@code onnx:clean} (the licence-clean set:
 * BlazeFace, dlib ResNet; see models/face/MODELS.md). LABELS_CSV as {@code gatehouse:face-eval} reads it (including the
 * development set's {@code testdata/faces/labels.csv}); without it, FACES_DIR holds one folder per identity.
 */
public final class FaceEvalBench {
    private FaceEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FaceEvalBench onnx|opencv|onnx:clean MODELS_DIR FACES_DIR [LABELS_CSV] [threshold] [minFaceSize] [lang]");
            System.exit(2);
        }
        String[] engine = args[0].split(":", 2);
        boolean clean = engine.length > 1 && PipelineOptions.CLEAN.equals(engine[1]);
        if (engine.length > 1 && !clean || clean && "opencv".equals(engine[0])) {
            System.err.println("FaceEvalBench: unknown engine " + args[0] + " (the clean set runs in the onnx engine only)");
            System.exit(2);
        }
        InferenceBackend backend = "opencv".equals(engine[0]) ? new OpencvBackend(2, 1) : new DjlOrtBackend();
        Path models = Path.of(args[1]);
        PipelineOptions options = clean ? PipelineOptions.clean(models) : PipelineOptions.defaults(models);
        Path labels = args.length > 3 ? Path.of(args[3]) : null;
        float threshold = args.length > 4 ? Float.parseFloat(args[4]) : 0.45f;
        int minSize = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        try (FacePipeline pipeline = new FacePipeline(backend, options)) {
            List<FaceEval.Sample> samples = FaceEval.scan(Path.of(args[2]), labels);
            FaceEval.Result r = new FaceEval(new RunnerEngine(engine[0], "bench", pipeline), threshold, minSize).run(samples, null);
            System.out.print(FaceEval.report(r, "gate", args.length > 6 ? args[6] : "en"));
        }
    }
}
