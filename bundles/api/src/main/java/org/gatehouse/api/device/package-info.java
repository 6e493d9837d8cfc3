/** Gatehouse public API: device. Semantically versioned; the only package family plugins may import. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.gatehouse.api.device;
