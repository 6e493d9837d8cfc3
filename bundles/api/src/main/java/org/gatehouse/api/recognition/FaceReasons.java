package org.gatehouse.api.recognition;

/**
 * Stable reason codes ({@link org.gatehouse.api.GatehouseException#code()}) for rejected images and faces. Engines
 * throw {@code GatehouseException.invalid(code, message)} with the image codes; the core's quality gate uses the face
 * codes. REST answers 400/422 with them; the shell's import summary groups rejects by them.
 */
public final class FaceReasons {
    /** Zero bytes. */
    public static final String IMAGE_EMPTY = "image-empty";
    /** Not a JPEG/PNG/BMP, or truncated/corrupt so that it cannot be decoded. */
    public static final String IMAGE_UNDECODABLE = "image-undecodable";
    /** Width x height above the engine's {@code max.pixels} (checked from the header, before decoding). */
    public static final String IMAGE_TOO_LARGE = "image-too-large";
    /** No face found. */
    public static final String NO_FACE = "no-face";
    /** The face box is smaller than the use's minimum. */
    public static final String FACE_TOO_SMALL = "face-too-small";
    /** The aligned face is too blurred. */
    public static final String FACE_BLURRED = "face-blurred";
    /** The face is turned too far from frontal. */
    public static final String FACE_OFF_FRONTAL = "face-off-frontal";
    /** An enrollment photo shows several faces of similar size. */
    public static final String SEVERAL_FACES = "several-faces";
    /** No recognition engine is available (or the configured one is absent). */
    public static final String NO_ENGINE = "no-engine";

    private FaceReasons() {
    }
}
