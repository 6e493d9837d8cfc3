package org.gatehouse.device.gate.hikvision.internal;

import java.io.IOException;

import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.support.gate.RosterSync;

/**
 * The roster sync's view of a Hikvision terminal: a person is a user (UserInfo Record, or Modify when the employee
 * number exists) plus a face (FaceDataRecord, or FDModify when the user has one); removal deletes the user. The
 * terminal's refusal of one person becomes {@link RosterSync.Refused} with its {@code subStatusCode}. At most
 * {@code perSecond} persons are sent per second: a terminal takes few photos a second.
 */
final class IsapiTerminal implements RosterSync.Terminal {
    private final IsapiClient client;
    private final int door;
    private final long minNanos;
    private long nextAt = System.nanoTime();

    IsapiTerminal(IsapiClient client, int door, int perSecond) {
        this.client = client;
        this.door = door;
        this.minNanos = 1_000_000_000L / perSecond;
    }

    @Override
    public void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
        pace();
        check(client.putUser(entry, door));
        if (photo != null) {
            check(client.putFace(entry.personId(), photo));
        }
    }

    @Override
    public void remove(String personId) throws IOException, RosterSync.Refused {
        pace();
        IsapiClient.Status s = client.deleteUser(personId);
        if (!s.ok() && !s.subStatusCode().toLowerCase(java.util.Locale.ROOT).contains("notexist")) {
            throw new RosterSync.Refused(s.subStatusCode());
        }
    }

    private static void check(IsapiClient.Status s) throws RosterSync.Refused {
        if (!s.ok()) {
            throw new RosterSync.Refused(s.subStatusCode());
        }
    }

    /** Waits until the next person may be sent. */
    private void pace() throws IOException {
        long now = System.nanoTime();
        long wait = nextAt - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        nextAt = Math.max(now, nextAt) + minNanos;
    }
}
