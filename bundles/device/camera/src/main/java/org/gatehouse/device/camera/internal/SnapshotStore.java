package org.gatehouse.device.camera.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence snapshots of one camera, as passage snapshots are kept by the core: JPEG files under
 * {@code <snapshot.dir>/<device>/yyyy/MM/dd/<name>.jpg} (UTC days), written atomically, days older than
 * {@code snapshot.retention.days} deleted (checked at most once an hour, when a snapshot is written). The event's
 * {@code snapshotRef} is {@code cameras/<device>/snapshots/yyyy/MM/dd/<name>.jpg}; {@link #read} answers it.
 */
final class SnapshotStore {

    static final String PREFIX = "cameras/";
    private static final Pattern NAME = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/[A-Za-z0-9_.-]{1,80}\\.jpg");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final String deviceId;
    private final Path dir;
    private final int retentionDays;
    private long lastPurge = Long.MIN_VALUE;

    SnapshotStore(String deviceId, Path root, int retentionDays) {
        this.deviceId = deviceId;
        this.dir = root.resolve(deviceId.replaceAll("[^A-Za-z0-9_.-]", "_"));
        this.retentionDays = retentionDays;
    }

    /**
     * Writes a snapshot.
     *
     * @return its reference for {@code SecurityEvent#snapshotRef}
     * @throws UncheckedIOException when it cannot be written
     */
    synchronized String write(Instant at, String name, byte[] jpeg) {
        String rel = DAY.format(at.atZone(ZoneOffset.UTC)) + "/" + name + ".jpg";
        Path f = dir.resolve(rel);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.write(tmp, jpeg);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + f + ": " + e.getMessage(), e);
        }
        purge(Instant.now());
        return ref(rel);
    }

    /** @return the reference of a snapshot of this camera */
    String ref(String rel) {
        return PREFIX + deviceId + "/snapshots/" + rel;
    }

    /** @return the snapshot a reference names, empty when it names none of this camera's (or it was purged) */
    Optional<byte[]> read(String ref) {
        String head = PREFIX + deviceId + "/snapshots/";
        if (ref == null || !ref.startsWith(head) || !NAME.matcher(ref.substring(head.length())).matches()) {
            return Optional.empty();
        }
        Path f = dir.resolve(ref.substring(head.length()));
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("Camera '{}': cannot read snapshot {}: {}", deviceId, f, e.toString());
            return Optional.empty();
        }
    }

    /** Deletes the day folders older than the retention (at most once an hour). */
    synchronized int purge(Instant now) {
        long t = now.toEpochMilli();
        if (lastPurge != Long.MIN_VALUE && t - lastPurge < 3_600_000L) {
            return 0;
        }
        lastPurge = t;
        LocalDate oldest = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(retentionDays);
        int deleted = 0;
        for (Path y : list(dir)) {
            for (Path m : list(y)) {
                for (Path d : list(m)) {
                    LocalDate day;
                    try {
                        day = LocalDate.parse(y.getFileName() + "/" + m.getFileName() + "/" + d.getFileName(), DAY);
                    } catch (RuntimeException e) {
                        continue; // not one of ours
                    }
                    if (day.isBefore(oldest)) {
                        for (Path f : list(d)) {
                            deleted += delete(f) ? 1 : 0;
                        }
                        delete(d);
                    }
                }
                delete(m); // only when empty
            }
            delete(y);
        }
        if (deleted > 0) {
            LOG.info("Camera '{}': purged {} presence snapshots older than {} days", deviceId, deleted, retentionDays);
        }
        return deleted;
    }

    private static java.util.List<Path> list(Path d) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // unreadable: nothing to purge there
        }
        return out;
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) { // a folder not empty yet, or in use
            return false;
        }
    }
}
