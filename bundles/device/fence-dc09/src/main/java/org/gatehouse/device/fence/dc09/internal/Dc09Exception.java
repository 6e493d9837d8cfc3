package org.gatehouse.device.fence.dc09.internal;

/**
 * A frame the receiver cannot take, with the reply the standard asks for: NAK for a frame that was not received
 * correctly (CRC, length, format) or whose timestamp is out of the window, DUH for a correct frame that cannot be
 * handled (unknown account, zone or message id, wrong key). The message is one line for the operator's log.
 */
final class Dc09Exception extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reply to a refused frame. */
    enum Reply { NAK, DUH }

    private final Reply reply;
    private final transient Dc09Message message;

    Dc09Exception(Reply reply, String reason) {
        this(reply, reason, null);
    }

    /** @param message the parsed header of the frame when known (a DUH answers with its sequence and account) */
    Dc09Exception(Reply reply, String reason, Dc09Message message) {
        super(reason, null, false, false);
        this.reply = reply;
        this.message = message;
    }

    Reply reply() {
        return reply;
    }

    /** @return the frame's header, null when it could not be parsed */
    Dc09Message message() {
        return message;
    }
}
