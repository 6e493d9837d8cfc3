package org.gatehouse.device.fence.dc09.internal;

import java.time.Instant;
import java.util.List;

/**
 * One DC-09 message as received, decrypted when it was encrypted.
 *
 * @param id        the message id without the {@code *}: {@code ADM-CID}, {@code SIA-DCS}, {@code NULL}, ...
 * @param encrypted whether it came encrypted ({@code "*ADM-CID"})
 * @param seq       the sequence number, four digits
 * @param receiver  the receiver number ({@code R}), null when absent
 * @param prefix    the account prefix ({@code L})
 * @param account   the account, 3 to 16 hex digits
 * @param data      the data between the brackets, e.g. {@code #1234|1130 01 001}
 * @param extended  the extended data blocks ({@code [X...]}) without brackets
 * @param timestamp the frame's timestamp (UTC), null when a plain frame carries none
 * @param stamp     the timestamp as written ({@code 10:15:00,12-02-2026}), null when absent
 */
record Dc09Message(String id, boolean encrypted, String seq, String receiver, String prefix, String account,
                   String data, List<String> extended, Instant timestamp, String stamp) {

    static final String ADM_CID = "ADM-CID";
    static final String SIA_DCS = "SIA-DCS";
    static final String NULL = "NULL";

    Dc09Message {
        extended = extended == null ? List.of() : List.copyOf(extended);
    }

    /** @return the id as written in the frame, with the {@code *} of an encrypted message */
    String wireId() {
        return (encrypted ? "*" : "") + id;
    }
}
