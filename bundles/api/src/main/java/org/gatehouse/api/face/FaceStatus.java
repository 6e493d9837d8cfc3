package org.gatehouse.api.face;

import java.util.List;
import java.util.Map;

/**
 * State of the gallery.
 *
 * @param configuredEngine  the engine id the configuration asks for ({@code face.engine})
 * @param engineAvailable   whether that engine is registered
 * @param modelId           the active engine's model id, null without an engine
 * @param availableEngines  ids of every registered engine
 * @param templatesPerModel stored templates by model id
 * @param indexed           templates in the in-memory index of the active model
 * @param photos            stored enrollment photos
 * @param reenrollment      progress of the re-enrollment for the active model
 * @param searchKernel      how the 1:N index scans: {@code vector} (the JDK's Vector API) or {@code scalar} (the JVM
 *                          runs without {@code --add-modules jdk.incubator.vector}, several times slower)
 */
public record FaceStatus(String configuredEngine, boolean engineAvailable, String modelId,
                         List<String> availableEngines, Map<String, Long> templatesPerModel, int indexed, long photos,
                         Reenrollment reenrollment, String searchKernel) {
    /**
     * Re-computing templates from stored photos for a new model.
     *
     * @param modelId the target model, null when none ran yet
     * @param total   photos to process
     * @param done    processed (including failed)
     * @param failed  photos the new model rejected (no face, too small...)
     * @param running still running
     */
    public record Reenrollment(String modelId, int total, int done, int failed, boolean running) {
        public static final Reenrollment NONE = new Reenrollment(null, 0, 0, 0, false);
    }
}
