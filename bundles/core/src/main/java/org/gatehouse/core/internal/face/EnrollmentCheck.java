package org.gatehouse.core.internal.face;

import org.gatehouse.api.recognition.Frame;

/**
 * The enrollment quality gate without enrolling, for a domain that must refuse a photo before it stores anything else
 * (the visitors' invitation page: a refused selfie leaves no visit and no person behind).
 */
public interface EnrollmentCheck {
    /**
     * Checks a photo as {@link org.gatehouse.api.face.FaceService#enroll} would, storing nothing.
     *
     * @throws org.gatehouse.api.GatehouseException the face codes of enroll ({@code no-face}, {@code several-faces},
     *                                              {@code face-too-small}, ...), UNAVAILABLE {@code no-engine}
     */
    void checkEnrollment(Frame photo);
}
