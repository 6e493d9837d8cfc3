package org.gatehouse.api.access;

/** Where one person stands on one face terminal. */
public enum SyncState {
    /** The terminal holds the person and the current face photo. */
    SYNCED,
    /** The terminal refused the person or the photo; the reason is kept and it is not retried until the photo changes or an operator asks. */
    FAILED,
    /** The person was removed from the terminal. */
    REMOVED
}
