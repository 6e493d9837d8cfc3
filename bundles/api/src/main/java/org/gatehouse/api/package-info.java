/** Gatehouse public API. Semantically versioned; the only package family plugins may import. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gatehouse.api;
