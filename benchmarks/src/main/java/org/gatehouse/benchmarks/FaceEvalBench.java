package org.gatehouse.benchmarks;

import java.nio.file.Path;
import java.util.List;

import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.shell.internal.FaceEval;

/**
 * The accuracy evaluation of {@code gatehouse:face-eval} outside OSGi: the same {@link FaceEval} on a directory of
 * labelled folders (see the shell README), for an engine class on the class path.
 *
 * <p>Usage: {@code FaceEvalBench ENGINE_CLASS DIR [threshold=0.5] [minFaceSize=40] [language=en]}. The engine class needs a public
 * no-argument constructor (the engine bundles provide a stand-alone factory for this; until they are merged, any
 * {@link RecognitionEngine} implementation works).
 */
public final class FaceEvalBench {
    private FaceEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FaceEvalBench ENGINE_CLASS DIR [threshold] [minFaceSize]");
            System.exit(2);
        }
        RecognitionEngine engine = (RecognitionEngine) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        float threshold = args.length > 2 ? Float.parseFloat(args[2]) : 0.5f;
        int minSize = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        List<FaceEval.Sample> samples = FaceEval.scan(Path.of(args[1]), null);
        FaceEval.Result r = new FaceEval(engine, threshold, minSize).run(samples, null);
        System.out.print(FaceEval.report(r, "gate", args.length > 4 ? args[4] : "en"));
    }
}
