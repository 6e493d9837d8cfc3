/**
 * Gatehouse public API: the face gallery (enrollment, 1:N identification, guardian consent). Implemented by the core
 * on top of the {@link org.gatehouse.api.recognition.RecognitionEngine} services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.gatehouse.api.face;
