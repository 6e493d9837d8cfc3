package org.gatehouse.support.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;

/** A RosterService in memory, for one or more terminals: the roster is the same for every terminal. */
public class MemoryRoster implements RosterService {
    public final Map<String, RosterEntry> entries = new TreeMap<>();
    public final Map<String, byte[]> photos = new ConcurrentHashMap<>();
    public final Map<String, SyncStatus> status = new ConcurrentHashMap<>();
    public final List<String> runs = new ArrayList<>();
    public final AtomicLong version = new AtomicLong();

    /** Puts a person named {@code Name <id>} with a face photo of the text's bytes. */
    public void put(String personId, String photo) {
        put(personId, "Name " + personId, photo.getBytes());
    }

    /** Puts (or replaces) a person with a name and a face photo: a new roster version. */
    public synchronized void put(String personId, String name, byte[] photo) {
        photos.put(personId, photo);
        entries.put(personId, new RosterEntry(personId, name, null, null, null, null,
                Integer.toHexString(Arrays.hashCode(photo))));
        version.incrementAndGet();
    }

    public synchronized void drop(String personId) {
        entries.remove(personId);
        version.incrementAndGet();
    }

    @Override
    public synchronized List<RosterEntry> roster(String deviceId) {
        return List.copyOf(entries.values());
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
        status.put(personId, new SyncStatus(deviceId, personId, state, faceHash, error, Instant.now()));
    }

    @Override
    public synchronized void reportRun(String deviceId, String error) {
        runs.add(String.valueOf(error));
    }

    public synchronized List<String> runs() {
        return List.copyOf(runs);
    }

    @Override
    public List<SyncStatus> status(String deviceId) {
        return List.copyOf(status.values());
    }

    @Override
    public SyncSummary summary(String deviceId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void retry(String deviceId, String actor) {
        status.values().removeIf(s -> s.state() == SyncState.FAILED);
        version.incrementAndGet();
    }

    @Override
    public void setValidity(String personId, Instant from, Instant to, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant[]> validity(String personId) {
        return Optional.empty();
    }

    public SyncState state(String personId) {
        SyncStatus s = status.get(personId);
        return s == null ? null : s.state();
    }
}
