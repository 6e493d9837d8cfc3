/**
 * Gatehouse public API: opcua. What the OPC UA server bundle tells the console, the REST API and the shell: its
 * endpoints and sessions, and the client certificates it trusts or rejected. Semantically versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gatehouse.api.opcua;
