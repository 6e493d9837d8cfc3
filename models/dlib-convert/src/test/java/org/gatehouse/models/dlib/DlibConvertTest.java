package org.gatehouse.models.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step: converts what models.json says, checks the pin, fails clearly on a mismatch or a bad source. */
class DlibConvertTest {
    static final String DAT = "dlib_face_recognition_resnet_model_v1.dat";

    private static Path manifest(Path dir, String sha) throws Exception {
        Path m = dir.resolve("models.json");
        Files.writeString(m, "{\"models\":[{\"name\":\"fr-detect\",\"file\":\"fr-detect.onnx\"},"
                + "{\"name\":\"dlib-resnet-v1\",\"file\":\"dlib-resnet-v1.onnx\",\"converted_from\":\"" + DAT
                + "\",\"sha256\":\"" + sha + "\"}]}");
        return m;
    }

    @Test
    void theProjectManifestPinsTheConvertedFile(@TempDir Path dir) throws Exception {
        Path projectManifest = Fixtures.property("models.json");
        Files.copy(Fixtures.dat(), dir.resolve(DAT));
        assertEquals(1, DlibConvert.convertAll(projectManifest, dir));
        JsonNode entry = null;
        for (JsonNode m : new ObjectMapper().readTree(projectManifest.toFile()).get("models")) {
            if (m.hasNonNull("converted_from")) {
                entry = m;
            }
        }
        assertEquals(DAT, entry.get("converted_from").asText());
        assertEquals(entry.get("sha256").asText(), DlibConvert.sha256(Files.readAllBytes(dir.resolve(entry.get("file").asText()))));
    }

    @Test
    void aWrongPinFailsAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.dat(), dir.resolve(DAT));
        Files.writeString(dir.resolve("dlib-resnet-v1.onnx"), "stale");
        DlibConvert.ConversionException e = assertThrows(DlibConvert.ConversionException.class,
                () -> DlibConvert.convertAll(manifest(dir, "00".repeat(32)), dir));
        assertTrue(e.getMessage().startsWith("SHA-256 MISMATCH for the converted dlib-resnet-v1.onnx: expected 0000"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("dlib-resnet-v1.onnx")));
    }

    @Test
    void aTruncatedSourceIsAClearError(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(Fixtures.dat());
        Files.write(dir.resolve(DAT), java.util.Arrays.copyOf(all, all.length - 100));
        DlibConvert.ConversionException e = assertThrows(DlibConvert.ConversionException.class,
                () -> DlibConvert.convertAll(manifest(dir, "00".repeat(32)), dir));
        assertTrue(e.getMessage().startsWith("cannot convert " + DAT + ": unexpected end of file"), e.getMessage());
    }

    @Test
    void extraBytesAfterTheNetworkAreRefused(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(Fixtures.dat());
        Files.write(dir.resolve(DAT), java.util.Arrays.copyOf(all, all.length + 3));
        DlibConvert.ConversionException e = assertThrows(DlibConvert.ConversionException.class,
                () -> DlibConvert.convertAll(manifest(dir, "00".repeat(32)), dir));
        assertEquals("cannot convert " + DAT + ": 3 unexpected bytes after the end of the network (at byte "
                + all.length + ")", e.getMessage());
    }
}
