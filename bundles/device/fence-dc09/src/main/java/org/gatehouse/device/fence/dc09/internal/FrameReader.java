package org.gatehouse.device.fence.dc09.internal;

import java.util.Arrays;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a byte stream into frames: a frame starts at LF and ends at CR, whatever the reads were (a frame split across
 * reads, several in one). Bytes outside a frame are skipped to the next LF with one log line per run; a frame longer
 * than the format allows is dropped the same way; a frame cut short by a new LF is handed on as it is (it fails its
 * length check and gets a NAK).
 */
final class FrameReader {
    private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);

    private final String from;
    private final Consumer<byte[]> frames;
    private byte[] buf = new byte[256];
    private int len;
    private boolean inFrame;
    private int garbage;

    /**
     * @param from   the peer, for log lines
     * @param frames receives the inside of each frame (between LF and CR)
     */
    FrameReader(String from, Consumer<byte[]> frames) {
        this.from = from;
        this.frames = frames;
    }

    void feed(byte[] data, int off, int n) {
        for (int i = off; i < off + n; i++) {
            byte b = data[i];
            if (!inFrame) {
                if (b == Dc09Codec.LF) {
                    flushGarbage();
                    inFrame = true;
                    len = 0;
                } else {
                    garbage++;
                }
                continue;
            }
            if (b == Dc09Codec.CR) {
                inFrame = false;
                frames.accept(Arrays.copyOf(buf, len));
            } else if (b == Dc09Codec.LF) {
                LOG.warn("DC-09 from {}: frame cut short after {} bytes by the next frame", from, len);
                frames.accept(Arrays.copyOf(buf, len));
                len = 0;
            } else if (len >= Dc09Codec.MAX_FRAME) {
                inFrame = false;
                garbage += len + 1;
            } else {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, Dc09Codec.MAX_FRAME));
                }
                buf[len++] = b;
            }
        }
        flushGarbage();
    }

    /** The stream ended: a frame begun and not ended is lost (the panel sends it again), said in one line. */
    void end() {
        flushGarbage();
        if (inFrame && len > 0) {
            LOG.warn("DC-09 from {}: connection ended inside a frame ({} bytes, no CR): dropped", from, len);
        }
        inFrame = false;
    }

    private void flushGarbage() {
        if (garbage > 0) {
            LOG.warn("DC-09 from {}: skipped {} bytes outside a frame (no LF start or too long)", from, garbage);
            garbage = 0;
        }
    }
}
