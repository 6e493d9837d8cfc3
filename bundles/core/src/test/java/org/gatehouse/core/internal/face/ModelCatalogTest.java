package org.gatehouse.core.internal.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceModels.ModelFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model catalogue on real files in a temporary directory: installed, missing, sha256 mismatch, active set. */
class ModelCatalogTest {
    @TempDir
    Path dir;
    ModelCatalog catalog;

    static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String entry(String file, String set, String role, String licence, String sha) {
        return "{\"name\":\"" + file.replace(".onnx", "") + "\",\"file\":\"" + file + "\",\"npm\":\"pkg\",\"version\":\"1.0.0\","
                + "\"path\":\"package/" + file + "\",\"sha256\":\"" + sha + "\",\"set\":\"" + set + "\",\"role\":\""
                + role + "\",\"licence\":\"" + licence + "\",\"note\":\"note of " + file + "\"}";
    }

    @BeforeEach
    void files() throws Exception {
        // detect: in both sets; landmark + feature: legacy (unknown licence); resnet: clean, converted; missing: clean
        Files.writeString(dir.resolve("detect.onnx"), "detector");
        Files.writeString(dir.resolve("landmark.onnx"), "landmarks");
        Files.writeString(dir.resolve("feature.onnx"), "feature");
        Files.writeString(dir.resolve("resnet.onnx"), "resnet");
        String resnet = "{\"file\":\"resnet.onnx\",\"converted_from\":\"resnet.dat\",\"npm\":\"models\",\"version\":\"0.0.0\","
                + "\"path\":\"package/resnet.dat\",\"sha256\":\"" + sha("resnet") + "\",\"set\":\"clean\",\"role\":\"embedding\","
                + "\"licence\":\"CC0-1.0\",\"note\":\"training data caveat\"}";
        Files.writeString(dir.resolve("models.json"), "{\"manifestVersion\":1,\"sets\":["
                + "{\"id\":\"legacy\",\"description\":\"old\",\"licence\":\"MIT; unknown\",\"default\":true},"
                + "{\"id\":\"clean\",\"description\":\"new\",\"licence\":\"MIT; CC0-1.0\",\"default\":false}],"
                + "\"models\":[" + entry("detect.onnx", "both", "detector", "MIT", sha("detector")) + ","
                + entry("landmark.onnx", "legacy", "landmarks", "unknown", sha("landmarks")) + ","
                + entry("feature.onnx", "legacy", "embedding", "unknown", sha("feature")) + "," + resnet + ","
                + entry("keypoints.onnx", "clean", "keypoints", "Apache-2.0", sha("keypoints")) + ","
                + entry("resnet.dat", "clean", "source", "CC0-1.0", sha("weights")) + "]}"); // a build input
        catalog = new ModelCatalog(dir);
    }

    ModelCatalog.EngineFiles engine(String set, String... names) {
        return new ModelCatalog.EngineFiles(java.util.Arrays.stream(names).map(dir::resolve).toList(), set);
    }

    static Map<String, ModelFile> byName(FaceModels m) {
        return m.files().stream().collect(Collectors.toMap(ModelFile::file, Function.identity()));
    }

    @Test
    void legacyEngineInstalledMissingAndActiveFiles() {
        FaceModels m = catalog.models(engine(null, "detect.onnx", "landmark.onnx", "feature.onnx"));
        assertEquals("legacy", m.activeSet());
        assertEquals("detect.onnx MIT, landmark.onnx unknown, feature.onnx unknown", m.activeLicence());
        assertEquals(List.of("legacy", "clean"), m.sets().stream().map(FaceModels.ModelSet::id).toList());
        assertTrue(m.sets().get(0).isDefault());
        assertFalse(m.sets().get(1).isDefault());
        assertEquals(5, m.files().size());
        Map<String, ModelFile> f = byName(m);
        assertFalse(f.containsKey("resnet.dat"), "a build input (role source) is not an installed model");
        ModelFile detect = f.get("detect.onnx");
        assertTrue(detect.installed() && detect.sha256Ok() && detect.active());
        assertEquals("both", detect.set());
        assertEquals("detector", detect.role());
        assertEquals("pkg@1.0.0:package/detect.onnx", detect.source());
        assertEquals("note of detect.onnx", detect.note());
        assertEquals("unknown", f.get("feature.onnx").licence());
        ModelFile resnet = f.get("resnet.onnx");
        assertTrue(resnet.installed() && resnet.sha256Ok());
        assertFalse(resnet.active());
        assertEquals("converted from resnet.dat (models@0.0.0:package/resnet.dat)", resnet.source());
        ModelFile missing = f.get("keypoints.onnx");
        assertFalse(missing.installed());
        assertFalse(missing.sha256Ok());
        assertFalse(missing.active());
    }

    @Test
    void cleanEngineIsCleanAndItsOwnSetWinsForSharedFiles() {
        FaceModels m = catalog.models(engine("clean", "detect.onnx", "resnet.onnx"));
        assertEquals("clean", m.activeSet());
        assertEquals("detect.onnx MIT, resnet.onnx CC0-1.0", m.activeLicence());
        // a file in both sets alone: the engine's set when it names one, else the default set
        assertEquals("clean", catalog.models(engine("clean", "detect.onnx")).activeSet());
        assertEquals("legacy", catalog.models(engine(null, "detect.onnx")).activeSet());
        // an engine that claims a set its files are not of
        assertEquals("legacy", catalog.models(engine("clean", "detect.onnx", "feature.onnx")).activeSet());
    }

    @Test
    void shaMismatchOfAnActiveFileMakesTheSetCustom() throws IOException {
        Files.writeString(dir.resolve("feature.onnx"), "feature, but another file");
        FaceModels m = catalog.models(engine(null, "detect.onnx", "landmark.onnx", "feature.onnx"));
        ModelFile feature = byName(m).get("feature.onnx");
        assertTrue(feature.installed());
        assertFalse(feature.sha256Ok());
        assertTrue(feature.active());
        assertEquals("custom", m.activeSet());
        assertTrue(m.activeLicence().contains("feature.onnx unknown (sha256 differs from models.json)"),
                m.activeLicence());
    }

    @Test
    void aLoadedFileOutsideTheManifestIsListedAsCustomWithUnknownLicence() throws IOException {
        Path other = Files.createDirectory(dir.resolve("site")).resolve("mine.onnx");
        Files.writeString(other, "mine");
        FaceModels m = catalog.models(new ModelCatalog.EngineFiles(List.of(dir.resolve("detect.onnx"),
                dir.resolve("landmark.onnx"), other), null));
        assertEquals("custom", m.activeSet());
        assertEquals("detect.onnx MIT, landmark.onnx unknown, mine.onnx unknown", m.activeLicence());
        ModelFile mine = byName(m).get(other.toString());
        assertEquals("custom", mine.set());
        assertEquals("unknown", mine.licence());
        assertTrue(mine.installed() && mine.active());
        assertFalse(mine.sha256Ok());
        assertNull(mine.role());
    }

    @Test
    void withoutEngineOrWithoutFileNames() {
        FaceModels none = catalog.models(null);
        assertEquals("none", none.activeSet());
        assertEquals("no face engine is running", none.activeLicence());
        assertTrue(none.files().stream().noneMatch(ModelFile::active));
        FaceModels unnamed = catalog.models(ModelCatalog.EngineFiles.UNKNOWN);
        assertEquals("custom", unnamed.activeSet());
        assertEquals("the engine does not name its model files", unnamed.activeLicence());
        assertEquals("clean", catalog.models(new ModelCatalog.EngineFiles(null, "clean")).activeSet());
    }

    @Test
    void eachFileIsHashedOnceUntilItChanges() throws Exception {
        ModelCatalog.EngineFiles legacy = engine(null, "detect.onnx", "landmark.onnx", "feature.onnx");
        catalog.models(legacy);
        assertEquals(4, catalog.hashed(), "the four installed files");
        catalog.models(legacy);
        catalog.models(null);
        assertEquals(4, catalog.hashed(), "unchanged files are not read again");
        Path feature = dir.resolve("feature.onnx");
        Files.writeString(feature, "featurX"); // same size
        Files.setLastModifiedTime(feature, FileTime.fromMillis(Files.getLastModifiedTime(feature).toMillis() + 5_000));
        assertFalse(byName(catalog.models(legacy)).get("feature.onnx").sha256Ok());
        assertEquals(5, catalog.hashed());
        Files.delete(feature);
        assertFalse(byName(catalog.models(legacy)).get("feature.onnx").installed());
        Files.writeString(feature, "feature");
        assertTrue(byName(catalog.models(legacy)).get("feature.onnx").sha256Ok());
    }

    @Test
    void engineFilesFromServiceProperties() {
        ModelCatalog.EngineFiles f = ModelCatalog.EngineFiles.of(new String[] {"/m/a.onnx", "/m/b.onnx"}, "legacy");
        assertEquals(List.of(Path.of("/m/a.onnx"), Path.of("/m/b.onnx")), f.files());
        assertEquals("legacy", f.set());
        assertEquals(List.of(Path.of("/m/a.onnx")), ModelCatalog.EngineFiles.of(List.of("/m/a.onnx"), null).files());
        assertEquals(List.of(Path.of("/m/a.onnx")), ModelCatalog.EngineFiles.of("/m/a.onnx", " ").files());
        assertNull(ModelCatalog.EngineFiles.of(null, "").set());
        assertNull(ModelCatalog.EngineFiles.of(null, null).files());
    }

    @Test
    void missingOrUnreadableManifestIsAClearUnavailableError() throws IOException {
        Files.writeString(dir.resolve("models.json"), "{ not json");
        GatehouseException bad = assertThrows(GatehouseException.class, () -> catalog.models(null));
        assertEquals("bad-model-manifest", bad.code());
        assertTrue(bad.getMessage().contains("models.json cannot be read"), bad.getMessage());
        Files.writeString(dir.resolve("models.json"), "[]");
        assertEquals("bad-model-manifest", assertThrows(GatehouseException.class, () -> catalog.models(null)).code());
        Files.delete(dir.resolve("models.json"));
        GatehouseException missing = assertThrows(GatehouseException.class, () -> catalog.models(null));
        assertEquals("no-model-manifest", missing.code());
        assertTrue(missing.getMessage().contains("gatehouse-models-face"), missing.getMessage());
    }
}
