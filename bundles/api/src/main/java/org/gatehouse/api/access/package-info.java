/**
 * Gatehouse public API: face gate passages (with their snapshots), the open/deny decision, the terminal rosters, early-leave passes, the school calendar and the attendance derived from the passages. Implemented
 * by the core on top of the face gallery and the event spine.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.gatehouse.api.access;
