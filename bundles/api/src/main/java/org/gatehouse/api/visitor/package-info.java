/**
 * Gatehouse public API: visitors. A visit is requested (by the host's invitation link, or walk-in at the guard room),
 * approved by its host, matched by face at the gates inside its time window, traced by every later sighting, and
 * closed when the visitor leaves. Implemented by the core on top of the persons, the face gallery and the rosters.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gatehouse.api.visitor;
