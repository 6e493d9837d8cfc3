package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceModels.ModelFile;
import org.gatehouse.api.face.FaceModels.ModelSet;
import org.gatehouse.api.face.FaceStatus;
import org.junit.jupiter.api.Test;

/** gatehouse:face-models and the licence lines of gatehouse:face-status. */
class FaceModelsCommandTest {
    static final List<ModelSet> SETS = List.of(new ModelSet("legacy", "UltraFace + fr-landmark + fr-feature",
            "MIT; unknown", true), new ModelSet("clean", "BlazeFace + dlib ResNet", "Apache-2.0; CC0-1.0", false));

    static ModelFile file(String name, String set, String licence, boolean installed, boolean shaOk, boolean active) {
        return new ModelFile(name, "embedding", set, "pkg@0.0.1:package/" + name, "ab12", licence, "note", installed,
                shaOk, active);
    }

    static FaceModels legacy() {
        return new FaceModels("legacy", "fr-detect.onnx MIT, fr-feature.onnx unknown", SETS, List.of(
                file("fr-detect.onnx", "both", "MIT", true, true, true),
                file("fr-feature.onnx", "legacy", "unknown", true, true, true),
                file("blazeface-back-256.onnx", "clean", "Apache-2.0", false, false, false)));
    }

    static String[] lines(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).toArray(String[]::new);
    }

    @Test
    void tableShowsSetLicenceShaAndActiveWithAWarningForUnknownLicences() throws Exception {
        FaceImportTest.Gallery g = new FaceImportTest.Gallery();
        g.models = legacy();
        FaceModelsCommand cmd = new FaceModelsCommand();
        cmd.faces = g;
        cmd.lang = "en";
        String out = Capture.run(cmd)[0];
        assertTrue(out.contains("File"), out);
        String feature = lines(out, "fr-feature.onnx")[0];
        assertTrue(feature.matches("fr-feature\\.onnx\\s*\\|\\s*legacy\\s*\\|\\s*embedding\\s*\\|\\s*unknown\\s*\\|\\s*yes"
                + "\\s*\\|\\s*yes\\s*"), feature);
        assertTrue(lines(out, "blazeface-back-256.onnx")[0].contains("not installed"), out);
        assertTrue(out.contains("  legacy (default): MIT; unknown"), out);
        assertTrue(out.contains("  clean: Apache-2.0; CC0-1.0"), out);
        assertTrue(out.contains("Licence:      active set legacy: fr-detect.onnx MIT, fr-feature.onnx unknown"), out);
        assertTrue(out.contains("WARNING: the licence of fr-feature.onnx is unknown"), out);
        assertFalse(out.contains("ab12"), "sha256 and source only with -v");
        cmd.verbose = true;
        String verbose = Capture.run(cmd)[0];
        assertTrue(lines(verbose, "fr-feature.onnx")[0].contains("pkg@0.0.1:package/fr-feature.onnx"), verbose);
        assertTrue(lines(verbose, "fr-feature.onnx")[0].contains("ab12"), verbose);
    }

    @Test
    void cleanSetHasNoWarningAndChangedOrCustomFilesAreNamed() {
        FaceModels clean = new FaceModels("clean", "blazeface-back-256.onnx Apache-2.0", SETS, List.of(
                file("blazeface-back-256.onnx", "clean", "Apache-2.0", true, true, true)));
        assertEquals("Licence:      active set clean: blazeface-back-256.onnx Apache-2.0\n",
                FaceModelsCommand.licenceLines(clean, FaceText.of("en")));
        FaceModels custom = new FaceModels("custom", "fr-feature.onnx unknown (sha256 differs from models.json),"
                + " mine.onnx unknown", SETS, List.of(file("fr-feature.onnx", "legacy", "unknown", true, false, true),
                file("/site/mine.onnx", "custom", "unknown", true, false, true)));
        String text = FaceModelsCommand.text(custom, FaceText.of("en"), false);
        assertTrue(text.contains("WARNING: the licence of fr-feature.onnx, mine.onnx is unknown"), text);
        assertTrue(text.contains("WARNING: fr-feature.onnx differs from its sha256 in models.json."), text);
        assertTrue(lines(text, "fr-feature.onnx")[0].contains("NO"), text);
        assertTrue(lines(text, "/site/mine.onnx")[0].matches(".*\\|\\s*-\\s*\\|.*"), text);
    }

    @Test
    void chineseTexts() {
        String text = FaceModelsCommand.text(legacy(), FaceText.of("zh-CN"), false);
        assertTrue(text.contains("许可证"), text);
        assertTrue(text.contains("当前模型集 legacy"), text);
        assertTrue(text.contains("警告：fr-feature.onnx 的许可证未知"), text);
        assertTrue(text.contains("legacy（默认）"), text);
    }

    @Test
    void faceStatusPrintsTheLicenceLineOrWhyItIsNotKnown() throws Exception {
        FaceImportTest.Gallery g = new FaceImportTest.Gallery();
        FaceStatus st = new FaceStatus("onnx", true, "fr-feature@87aacdfe5751", List.of("onnx"), Map.of(), 0, 0,
                FaceStatus.Reenrollment.NONE, "vector");
        String without = FaceStatusCommand.text(st, g);
        assertTrue(without.contains("Licence:      not known (this face service does not list its model files)"),
                without);
        g.models = legacy();
        FaceStatusCommand cmd = new FaceStatusCommand();
        cmd.faces = g;
        cmd.lang = "en";
        String out = Capture.run(cmd)[0];
        assertTrue(out.contains("Licence:      active set legacy: fr-detect.onnx MIT, fr-feature.onnx unknown"), out);
        assertTrue(out.contains("WARNING: the licence of fr-feature.onnx is unknown"), out);
    }
}
