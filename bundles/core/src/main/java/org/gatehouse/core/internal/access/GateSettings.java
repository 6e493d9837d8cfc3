package org.gatehouse.core.internal.access;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Settings of the face gates (PID org.gatehouse.core, keys {@code gate.*} and {@code snapshot.*}).
 *
 * @param snapshotDir   root directory of the passage snapshots
 * @param retentionDays snapshots older than this many days are deleted by the daily purge
 * @param feverCelsius  a temperature at or above this flags the passage {@code fever} (event WARNING)
 * @param zone          the time zone of snapshot folders, attendance days and gate hours
 * @param repeatSeconds the same person at the same gate within this many seconds of an open passage counts once
 * @param feverDeny     whether a fever denies the passage ({@code gate.fever.deny}); else it is only flagged
 */
public record GateSettings(Path snapshotDir, int retentionDays, float feverCelsius, ZoneId zone, int repeatSeconds,
                           boolean feverDeny) {
    public GateSettings {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("snapshot.retention.days must be at least 1");
        }
        if (!(feverCelsius > 30f && feverCelsius < 45f)) {
            throw new IllegalArgumentException("gate.fever.celsius must lie between 30 and 45");
        }
        if (repeatSeconds < 0 || repeatSeconds > 24 * 3600) {
            throw new IllegalArgumentException("gate.repeat.seconds must lie between 0 and 86400");
        }
    }

    /** Settings with the default repeat window (60 s) and fever only flagged. */
    public GateSettings(Path snapshotDir, int retentionDays, float feverCelsius, ZoneId zone) {
        this(snapshotDir, retentionDays, feverCelsius, zone, 60, false);
    }

    /** The default snapshot directory: {@code ${karaf.data}/gatehouse/snapshots}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("karaf.data", "data"), "gatehouse", "snapshots");
    }

    public static GateSettings defaults() {
        return new GateSettings(defaultDir(), 30, 37.3f, ZoneId.of("Asia/Shanghai"));
    }
}
