package org.gatehouse.models.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Build step: {@code DlibConvert MODELS_JSON MODELS_DIR}. For every model of the manifest with
 * {@code "converted_from"}, reads MODELS_DIR/&lt;converted_from&gt; (already fetched and checked by
 * build/fetch-models.sh), converts it, writes MODELS_DIR/&lt;file&gt; and checks the result against the entry's
 * pinned sha256. A mismatch fails the build (exit status 3) and leaves no output file.
 */
public final class DlibConvert {
    private DlibConvert() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DlibConvert MODELS_JSON MODELS_DIR");
            System.exit(2);
        }
        try {
            int n = convertAll(Path.of(args[0]), Path.of(args[1]));
            System.err.println("dlib-convert: " + n + " model(s) converted, sha256 ok");
        } catch (ConversionException e) {
            System.err.println("dlib-convert: " + e.getMessage());
            System.exit(3);
        }
    }

    /** A conversion failed or its result does not match the pin. */
    public static final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConversionException(String message) {
            super(message);
        }
    }

    /** @return how many models were converted */
    public static int convertAll(Path manifest, Path dir) throws IOException, ConversionException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        int n = 0;
        for (JsonNode m : root.path("models")) {
            if (!m.hasNonNull("converted_from")) {
                continue;
            }
            Path source = dir.resolve(m.get("converted_from").asText());
            Path target = dir.resolve(m.get("file").asText());
            String expected = m.path("sha256").asText("");
            byte[] onnx;
            try {
                onnx = convert(source);
            } catch (DlibFormatException e) {
                throw new ConversionException("cannot convert " + source.getFileName() + ": " + e.getMessage());
            }
            String got = sha256(onnx);
            if (!got.equals(expected)) {
                Files.deleteIfExists(target);
                throw new ConversionException("SHA-256 MISMATCH for the converted " + target.getFileName() + ": expected "
                        + expected + ", got " + got + " (the converter or its input changed; review, then update models.json)");
            }
            Files.write(target, onnx);
            System.err.println("dlib-convert: " + target.getFileName() + " <- " + source.getFileName() + " (sha256 ok)");
            n++;
        }
        return n;
    }

    /** Reads a dlib face recognition ResNet .dat and returns the ONNX bytes. */
    public static byte[] convert(Path dat) throws IOException {
        DlibNet net = DlibDatReader.readResNet(dat);
        return ResNetOnnx.convert(net, "dlib face recognition ResNet v1 (Davis King, CC0 1.0), converted from "
                + dat.getFileName() + " by Gatehouse's dlib converter; affine layers folded into the convolutions.");
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
