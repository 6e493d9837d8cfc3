package org.gatehouse.api.face;

import java.util.List;

/**
 * The face model files the distribution knows (its {@code models/face/models.json}), their licences, and which of
 * them the active engine uses.
 *
 * @param activeSet     the set the active engine's files form: a set id ({@code legacy}, {@code clean}),
 *                      {@code custom} when its files are not all of one known set, {@code none} without an engine
 * @param activeLicence one line: the licences of the active engine's model files (mentions {@code unknown} when any
 *                      of them has no established licence)
 * @param sets          the model sets of the manifest
 * @param files         every model file of the manifest, in its order
 * @since 1.2
 */
public record FaceModels(String activeSet, String activeLicence, List<ModelSet> sets, List<ModelFile> files) {
    /** {@link #activeSet()} when the active engine's files are not all of one set. */
    public static final String CUSTOM = "custom";
    /** {@link #activeSet()} without a running engine. */
    public static final String NONE = "none";
    /** The licence of a file with no established origin. */
    public static final String UNKNOWN = "unknown";

    /**
     * A model set.
     *
     * @param id          {@code legacy} or {@code clean}
     * @param description what the set consists of
     * @param licence     one line: the licences of its files
     * @param isDefault   whether the engines use it without configuration
     */
    public record ModelSet(String id, String description, String licence, boolean isDefault) {
    }

    /**
     * A model file.
     *
     * @param file      file name in the models directory
     * @param role      {@code detector}, {@code landmarks}, {@code embedding} or {@code keypoints} (build inputs, role {@code source}, are not listed)
     * @param set       {@code legacy}, {@code clean} or {@code both}
     * @param source    where the build took it from: {@code package@version:path}, or what it was converted from
     * @param sha256    the pinned sha256 (hex)
     * @param licence   an SPDX id, or {@value FaceModels#UNKNOWN}
     * @param note      one line, e.g. a training-data caveat
     * @param installed whether the file is in the models directory
     * @param sha256Ok  whether the installed file has the pinned sha256 (false when not installed)
     * @param active    whether the active engine loaded it
     */
    public record ModelFile(String file, String role, String set, String source, String sha256, String licence,
                            String note, boolean installed, boolean sha256Ok, boolean active) {
    }
}
