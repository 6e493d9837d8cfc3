/**
 * Gatehouse public API: danger zones (ponds, labs, chemical stores, construction sites): who may be there when, and
 * what a presence there means. Semantically versioned; the only package family plugins may import.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gatehouse.api.danger;
