package org.gatehouse.support.gate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;

/**
 * One roster sync pass of one face terminal, shared by the terminal drivers: what {@link RosterService#roster} wants
 * on the terminal against what {@link RosterService#status} says it holds; removals first, then pushes; each outcome
 * reported. A refusal stays FAILED (not pushed again until the photo changes or an operator retries); an
 * {@link IOException} ends the pass and the next pass resumes. Minimal version of the zk helper; the hik helper's
 * version of this class has the same shape.
 */
public final class RosterSync {

    /** What a driver does on its terminal. */
    public interface Terminal {
        /** Adds or replaces the person with the face photo (null: the user only). */
        void put(RosterEntry entry, byte[] photo) throws IOException, Refused;

        /** Removes the person and the face. */
        void remove(String personId) throws IOException, Refused;
    }

    /** The terminal refused one person; {@link #reason} is its code. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public Refused(String reason) {
            super(reason);
            this.reason = reason == null || reason.isBlank() ? "refused" : reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * The outcome of one pass.
     *
     * @param remaining work not done because the pass stopped at {@code error}
     * @param error     why the pass stopped, null when it reached the end
     */
    public record Result(int pushed, int removed, int failed, int remaining, String error) {
    }

    private final String deviceId;
    private final RosterService roster;
    private final Terminal terminal;

    public RosterSync(String deviceId, RosterService roster, Terminal terminal) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** One pass; reports every outcome and the end of the pass to the roster service. */
    public Result run() {
        Map<String, SyncStatus> held = new HashMap<>();
        for (SyncStatus s : roster.status(deviceId)) {
            held.put(s.personId(), s);
        }
        List<RosterEntry> push = new ArrayList<>();
        Set<String> wanted = new TreeSet<>();
        for (RosterEntry entry : roster.roster(deviceId)) {
            wanted.add(entry.personId());
            SyncStatus s = held.get(entry.personId());
            if (s == null || s.state() == SyncState.REMOVED || !Objects.equals(s.faceHash(), entry.faceHash())) {
                push.add(entry);
            }
        }
        Set<String> remove = new TreeSet<>();
        held.values().stream().filter(s -> s.state() != SyncState.REMOVED && !wanted.contains(s.personId()))
                .forEach(s -> remove.add(s.personId()));
        int pushed = 0;
        int removed = 0;
        int failed = 0;
        String error = null;
        try {
            for (String personId : remove) {
                String hash = held.get(personId).faceHash();
                try {
                    terminal.remove(personId);
                    roster.report(deviceId, personId, SyncState.REMOVED, hash, null);
                    removed++;
                } catch (Refused r) {
                    roster.report(deviceId, personId, SyncState.FAILED, hash, r.reason());
                    failed++;
                }
            }
            for (RosterEntry entry : push) {
                byte[] photo = entry.faceHash() == null ? null : roster.facePhoto(entry.personId()).orElse(null);
                String hash = photo == null ? null : entry.faceHash();
                try {
                    terminal.put(entry, photo);
                    roster.report(deviceId, entry.personId(), SyncState.SYNCED, hash, null);
                    pushed++;
                } catch (Refused r) {
                    roster.report(deviceId, entry.personId(), SyncState.FAILED, hash, r.reason());
                    failed++;
                }
            }
        } catch (IOException e) {
            error = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        roster.reportRun(deviceId, error);
        return new Result(pushed, removed, failed, push.size() + remove.size() - pushed - removed - failed, error);
    }
}
