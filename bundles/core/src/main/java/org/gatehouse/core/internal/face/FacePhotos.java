package org.gatehouse.core.internal.face;

import java.util.Map;
import java.util.Optional;

/**
 * The enrollment photos as the face terminals' rosters need them (the access domain reads them through this, the face
 * domain owns the table).
 */
public interface FacePhotos {
    /** @return person id -> SHA-256 hex of that person's newest enrollment photo, for every person with one */
    Map<String, String> newestPhotoHashes();

    /** @return student id -> the latest guardian consent decision (granted or not), for every student with one */
    Map<String, Boolean> consentDecisions();

    /** @return the bytes of a person's newest enrollment photo, empty if none */
    Optional<byte[]> newestPhoto(String personId);

    /** @return the bytes of one enrollment photo, empty if it is gone (the watchlist shows its photos) */
    Optional<byte[]> photo(long photoId);
}
