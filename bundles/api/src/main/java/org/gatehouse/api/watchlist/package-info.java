/**
 * Gatehouse public API: the watchlist (黑名单): persons the school must be warned about, searched in every capture of
 * every gate and camera with a threshold of their own; hits, the staff's verdicts on them and the figures to tune
 * the threshold. Only the roles {@code security} and {@code admin} see any of it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gatehouse.api.watchlist;
