package org.gatehouse.engine.face.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Model file identity. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** @return the hex sha256 of a file */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the model id of an embedding file: its name without extension, {@code @}, the first 12 hex digits of its
     *         sha256 (a different file is a different model id, so templates are never mixed)
     */
    public static String modelId(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return name + "@" + sha256(file).substring(0, 12);
    }
}
