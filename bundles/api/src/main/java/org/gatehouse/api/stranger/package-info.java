/**
 * Gatehouse public API: stranger alerts. Per zone and time window (dormitories at night, the campus on holidays), a
 * face nobody in the gallery matched raises an alarm; repeats of the same unknown face (clustered by embedding) fold
 * into one alarm with a count and the best snapshot.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gatehouse.api.stranger;
