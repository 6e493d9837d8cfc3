/**
 * Gatehouse public API: perimeter. Fence event types every fence driver reports, and the arming of perimeter zones
 * (weekly schedule, by hand, bypass). Semantically versioned; the only package family plugins may import.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gatehouse.api.perimeter;
