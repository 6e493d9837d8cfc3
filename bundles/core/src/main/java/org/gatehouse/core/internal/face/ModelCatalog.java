package org.gatehouse.core.internal.face;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceModels.ModelFile;
import org.gatehouse.api.face.FaceModels.ModelSet;

/**
 * The face model catalogue: the manifest {@code models.json} the feature {@code gatehouse-models-face} installs with
 * the model files (see models/face/MODELS.md), each installed file checked against its pinned sha256 (computed once per
 * file size and modification time), and the files and set of the active engine marked. The engines name the files
 * they loaded in the service property {@code gatehouse.engine.files}; a loaded file that is not in the manifest, or
 * whose sha256 differs, makes the active set {@code custom}.
 */
public final class ModelCatalog {
    /** Service property of a face engine: the absolute paths of its model files. */
    public static final String FILES_PROPERTY = "gatehouse.engine.files";
    /** Service property of a face engine: its configured model set. */
    public static final String SET_PROPERTY = "gatehouse.engine.model.set";
    /** {@link ModelFile#set()} of a file in every set. */
    static final String BOTH = "both";

    /** Jackson is loaded when a manifest is first read, not with the class (tests of other modules build a Platform
     * without Jackson on their class path). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Path dir;
    private final Map<Path, Digest> digests = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();

    private record Digest(long size, long modified, String sha256) {
    }

    /**
     * What an engine published about its models.
     *
     * @param files the model files it loaded (absolute), null when it does not say
     * @param set   its configured model set, null when it has none
     */
    public record EngineFiles(List<Path> files, String set) {
        /** An engine that publishes nothing about its files. */
        public static final EngineFiles UNKNOWN = new EngineFiles(null, null);

        /** @return the values of an engine's service properties {@value #FILES_PROPERTY} and {@value #SET_PROPERTY} */
        public static EngineFiles of(Object files, Object set) {
            List<Path> paths = null;
            if (files instanceof String[] a) {
                paths = java.util.Arrays.stream(a).map(Paths::get).toList();
            } else if (files instanceof Collection<?> c) {
                paths = c.stream().map(o -> Paths.get(String.valueOf(o))).toList();
            } else if (files instanceof String s && !s.isBlank()) {
                paths = List.of(Paths.get(s));
            }
            return new EngineFiles(paths, set == null || String.valueOf(set).isBlank() ? null : String.valueOf(set));
        }
    }

    /** @param dir the directory of the model files and their {@code models.json} */
    public ModelCatalog(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** @return {@code ${karaf.base}/models/face}, where the feature installs the models (the engines' default too) */
    public static Path defaultDir() {
        return Paths.get(System.getProperty("karaf.base", "."), "models", "face");
    }

    public Path dir() {
        return dir;
    }

    /**
     * @param active what the active engine published; null when no engine runs
     * @return the catalogue
     * @throws GatehouseException UNAVAILABLE {@code no-model-manifest} when models.json is not installed,
     *                            {@code bad-model-manifest} when it cannot be read
     */
    public FaceModels models(EngineFiles active) {
        JsonNode manifest = manifest();
        List<ModelSet> sets = new ArrayList<>();
        for (JsonNode s : manifest.path("sets")) {
            sets.add(new ModelSet(s.path("id").asText(), text(s, "description"), text(s, "licence"),
                    s.path("default").asBoolean(false)));
        }
        List<Path> loaded = active == null || active.files() == null ? List.of() : active.files().stream()
                .map(p -> p.toAbsolutePath().normalize()).toList();
        Set<Path> unmatched = new LinkedHashSet<>(loaded);
        List<ModelFile> files = new ArrayList<>();
        for (JsonNode m : manifest.path("models")) {
            if ("source".equals(m.path("role").asText())) {
                continue; // a build input a converter read (dlib's .dat): recorded, never installed
            }
            String name = m.path("file").asText();
            Path p = dir.resolve(name).normalize();
            String pinned = text(m, "sha256");
            String actual = sha256(p);
            boolean isActive = unmatched.remove(p);
            files.add(new ModelFile(name, text(m, "role"), text(m, "set"), source(m), pinned,
                    m.hasNonNull("licence") ? m.get("licence").asText() : FaceModels.UNKNOWN, text(m, "note"),
                    actual != null, actual != null && actual.equalsIgnoreCase(pinned), isActive));
        }
        for (Path p : unmatched) { // loaded by the engine but not recorded here: no known licence
            String actual = sha256(p);
            files.add(new ModelFile(p.toString(), null, FaceModels.CUSTOM, "not in models.json", actual,
                    FaceModels.UNKNOWN, "not one of the shipped models: its licence is not recorded", actual != null,
                    false, true));
        }
        return new FaceModels(activeSet(active, sets, files), licenceLine(active, files), sets, files);
    }

    /** @return the set every active file belongs to (intact), preferring the engine's own, then the default set */
    private static String activeSet(EngineFiles active, List<ModelSet> sets, List<ModelFile> files) {
        if (active == null) {
            return FaceModels.NONE;
        }
        List<ModelFile> used = files.stream().filter(ModelFile::active).toList();
        if (used.isEmpty()) {
            return active.set() != null ? active.set() : FaceModels.CUSTOM;
        }
        List<String> candidates = new ArrayList<>();
        for (ModelSet s : sets) {
            if (used.stream().allMatch(f -> f.sha256Ok() && (s.id().equals(f.set()) || BOTH.equals(f.set())))) {
                candidates.add(s.id());
            }
        }
        if (candidates.isEmpty()) {
            return FaceModels.CUSTOM;
        }
        if (active.set() != null && candidates.contains(active.set())) {
            return active.set();
        }
        return sets.stream().filter(s -> s.isDefault() && candidates.contains(s.id())).map(ModelSet::id).findFirst()
                .orElse(candidates.get(0));
    }

    /** @return e.g. {@code fr-detect.onnx MIT, fr-feature.onnx unknown} */
    private static String licenceLine(EngineFiles active, List<ModelFile> files) {
        if (active == null) {
            return "no face engine is running";
        }
        List<String> parts = new ArrayList<>();
        for (ModelFile f : files) {
            if (f.active()) {
                String name = Paths.get(f.file()).getFileName().toString();
                parts.add(name + " " + f.licence() + (f.installed() && !f.sha256Ok() && !FaceModels.CUSTOM
                        .equals(f.set()) ? " (sha256 differs from models.json)" : ""));
            }
        }
        if (parts.isEmpty()) {
            return "the engine does not name its model files";
        }
        return String.join(", ", parts);
    }

    private static String source(JsonNode m) {
        String pkg = m.hasNonNull("npm") ? m.get("npm").asText() + (m.hasNonNull("version") ? "@"
                + m.get("version").asText() : "") + (m.hasNonNull("path") ? ":" + m.get("path").asText() : "") : null;
        if (m.hasNonNull("converted_from")) {
            return "converted from " + m.get("converted_from").asText() + (pkg == null ? "" : " (" + pkg + ")");
        }
        return pkg;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private JsonNode manifest() {
        Path file = dir.resolve("models.json");
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (NoSuchFileException e) {
            throw GatehouseException.unavailable("no-model-manifest", file + " not found: install the feature"
                    + " gatehouse-models-face", null);
        } catch (IOException e) {
            throw GatehouseException.unavailable("bad-model-manifest", file + " cannot be read: "
                    + firstLine(e.getMessage()), null);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** @return the hex sha256 of a file, cached by size and modification time; null when it is not a readable file */
    String sha256(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                digests.remove(file);
                return null;
            }
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            Digest d = digests.get(file);
            if (d != null && d.size() == size && d.modified() == modified) {
                return d.sha256();
            }
            String sha = digest(file);
            hashed.incrementAndGet();
            digests.put(file, new Digest(size, modified, sha));
            return sha;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return how many times a file was read to compute its sha256 (for tests of the cache) */
    int hashed() {
        return hashed.get();
    }

    private static String digest(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
