package org.gatehouse.device.gate.zkteco.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;

/** An in-memory roster of one terminal, as the core's roster service keeps it: entries, photos, reported states. */
final class TestRoster implements RosterService {
    final Map<String, RosterEntry> entries = new ConcurrentSkipListMap<>();
    final Map<String, byte[]> photos = new ConcurrentHashMap<>();
    final Map<String, SyncStatus> states = new ConcurrentHashMap<>();
    final List<String> runs = new CopyOnWriteArrayList<>();
    final AtomicLong version = new AtomicLong(1);

    void add(String personId, String name, byte[] photo) {
        photos.put(personId, photo);
        entries.put(personId, new RosterEntry(personId, name, PersonRole.STUDENT, "7-1", null, null, hash(photo)));
        version.incrementAndGet();
    }

    void drop(String personId) {
        entries.remove(personId);
        version.incrementAndGet();
    }

    static String hash(byte[] photo) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] jpeg(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] image = new byte[text.length + 4];
        image[0] = (byte) 0xFF;
        image[1] = (byte) 0xD8;
        System.arraycopy(text, 0, image, 2, text.length);
        image[image.length - 2] = (byte) 0xFF;
        image[image.length - 1] = (byte) 0xD9;
        return image;
    }

    SyncState state(String personId) {
        SyncStatus s = states.get(personId);
        return s == null ? null : s.state();
    }

    @Override
    public List<RosterEntry> roster(String deviceId) {
        return new ArrayList<>(entries.values());
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public Optional<byte[]> facePhoto(String personId) {
        return Optional.ofNullable(photos.get(personId));
    }

    @Override
    public void report(String deviceId, String personId, SyncState state, String faceHash, String error) {
        states.put(personId, new SyncStatus(deviceId, personId, state, faceHash, error, Instant.now()));
    }

    @Override
    public void reportRun(String deviceId, String error) {
        runs.add(String.valueOf(error));
    }

    @Override
    public List<SyncStatus> status(String deviceId) {
        return new ArrayList<>(states.values());
    }

    @Override
    public SyncSummary summary(String deviceId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void retry(String deviceId, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setValidity(String personId, Instant from, Instant to, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant[]> validity(String personId) {
        return Optional.empty();
    }
}
