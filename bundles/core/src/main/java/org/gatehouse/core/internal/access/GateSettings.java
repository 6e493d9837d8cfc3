package org.gatehouse.core.internal.access;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Settings of the face gates (PID org.gatehouse.core, keys {@code gate.*} and {@code snapshot.*}).
 *
 * @param snapshotDir   root directory of the passage snapshots
 * @param retentionDays snapshots older than this many days are deleted by the daily purge
 * @param feverCelsius  a temperature above this makes the passage event a WARNING
 * @param zone          the time zone of snapshot folders and attendance days
 */
public record GateSettings(Path snapshotDir, int retentionDays, float feverCelsius, ZoneId zone) {
    public GateSettings {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("snapshot.retention.days must be at least 1");
        }
        if (!(feverCelsius > 30f && feverCelsius < 45f)) {
            throw new IllegalArgumentException("gate.fever.celsius must lie between 30 and 45");
        }
    }

    /** The default snapshot directory: {@code ${karaf.data}/gatehouse/snapshots}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("karaf.data", "data"), "gatehouse", "snapshots");
    }

    public static GateSettings defaults() {
        return new GateSettings(defaultDir(), 30, 37.3f, ZoneId.of("Asia/Shanghai"));
    }
}
