package org.gatehouse.device.gate.zkteco.internal;

/**
 * What the server answers one terminal request: an HTTP status and a plain text body.
 *
 * @param status HTTP status
 * @param body   the text (the protocol's {@code OK}, {@code OK: <n>}, an options block, commands, or
 *               {@code ERROR: <reason>})
 */
record ZkReply(int status, String body) {
    static final ZkReply OK = new ZkReply(200, "OK");

    static ZkReply ok(String body) {
        return new ZkReply(200, body);
    }

    static ZkReply error(int status, String reason) {
        return new ZkReply(status, "ERROR: " + reason);
    }
}
