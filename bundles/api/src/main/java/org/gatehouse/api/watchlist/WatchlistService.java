package org.gatehouse.api.watchlist;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.Frame;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The watchlist. The passage store calls {@link #match} for every capture of every gate and camera (and, after
 * recording, for every terminal event with a picture); a match denies a deciding gate
 * ({@link org.gatehouse.api.access.GateDecision#REASON_WATCHLIST}) and {@link #hit} records it and publishes
 * {@link #EVENT_HIT} with severity CRITICAL (a CRITICAL alarm; attributes {@code hitId}, {@code entryId},
 * {@code name}, {@code risk}, {@code score}, {@code templateId}, {@code passageId}; the event's snapshot is the
 * passage's). Every change is audited.
 *
 * <p>Expected bad input throws {@link org.gatehouse.api.GatehouseException}: INVALID {@code missing-name},
 * {@code missing-reason}, {@code bad-risk}, {@code bad-expiry}, the face codes of a photo, {@code bad-verdict},
 * {@code not-a-watchlist-alarm}; NOT_FOUND {@code unknown-entry}, {@code unknown-hit}, {@code unknown-template};
 * CONFLICT {@code enrolled-person} (the photo matches an enrolled student or staff member: the message names them).
 */
@ProviderType
public interface WatchlistService {
    /** Event type of a watchlist hit (severity CRITICAL). */
    String EVENT_HIT = "watchlist.hit";

    WatchlistEntry create(WatchlistRequest request, String actor);

    WatchlistEntry update(String entryId, WatchlistRequest request, String actor);

    /** Deletes an entry with its photos; its hits stay (with the entry's name). */
    void delete(String entryId, String actor);

    Optional<WatchlistEntry> entry(String entryId);

    /**
     * @param query  part of the name, reason or source, case-insensitive; null for all
     * @param active true: only entries that match now; false: only expired ones; null: both
     */
    Page<WatchlistEntry> entries(String query, Boolean active, int offset, int limit);

    /**
     * Adds a photo to an entry, refused when it matches an enrolled student or staff member at the gate threshold
     * (CONFLICT {@code enrolled-person}, naming them); a visitor or a guardian may be put on the watchlist.
     */
    FaceTemplate addFace(String entryId, Frame photo, String actor);

    List<FaceTemplate> faces(String entryId);

    /** A watchlist photo (audited as a personal-data read). */
    byte[] facePhoto(String entryId, long templateId, String reader);

    void deleteFace(String entryId, long templateId, String actor);

    /** Starts a bulk import of a folder on the server holding a CSV and the photos it names. */
    WatchlistImport importFolder(Path folder, String actor);

    /** Starts a bulk import of a zip holding a CSV and the photos it names. */
    WatchlistImport importZip(byte[] zip, String actor);

    Optional<WatchlistImport> importJob(String jobId);

    /** Searches an analysed face against the active entries; records nothing. */
    Optional<WatchlistMatch> match(Probe face, Instant at);

    /** Records a hit of a capture and publishes {@link #EVENT_HIT}. */
    WatchlistHit hit(WatchlistMatch match, Passage passage);

    /**
     * Records the staff's verdict on the hit behind an alarm ({@code POST /alarms/{id}/feedback}).
     *
     * @param verdict {@link WatchlistHit#CONFIRMED} or {@link WatchlistHit#FALSE}
     */
    WatchlistHit feedback(long alarmId, String verdict, String note, String actor);

    /** Hits, newest first; {@code entryId} null for all. */
    Page<WatchlistHit> hits(String entryId, int offset, int limit);

    Optional<WatchlistHit> hit(long hitId);

    /** The figures of the hits since {@code from} (null: all). */
    WatchlistStats stats(Instant from);
}
