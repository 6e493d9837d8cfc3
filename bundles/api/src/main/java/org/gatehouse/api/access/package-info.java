/**
 * Gatehouse public API: face gate passages (with their snapshots) and the attendance derived from them. Implemented
 * by the core on top of the face gallery and the event spine.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gatehouse.api.access;
