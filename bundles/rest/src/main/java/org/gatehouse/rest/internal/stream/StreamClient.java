package org.gatehouse.rest.internal.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import javax.servlet.AsyncContext;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;

import org.gatehouse.rest.internal.auth.Identity;

/**
 * One open stream. Messages wait in a bounded queue and are written with non-blocking servlet I/O (a
 * {@link WriteListener}), so no thread waits for a slow client: a message is written as soon as the connection can
 * take it, and flushed when the queue is empty. A client whose queue overflows gets {@code event: overflow} and is
 * closed; a write that fails (the client went away) closes it at once. Thread-safe: every method locks the client.
 */
final class StreamClient implements WriteListener {
    /** Largest batch of queued messages handed to the container in one write. */
    private static final int BATCH_BYTES = 64 * 1024;

    final long number;
    final Identity identity;
    private volatile Audience audience;
    private final int capacity;
    private final AsyncContext async;
    private final Consumer<StreamClient> onClose;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private ServletOutputStream out;
    private long nextId;
    private boolean listening;
    private boolean dirty;
    private boolean closing;
    private boolean closed;

    /**
     * @param onClose told once, when the client is closed for any reason
     */
    StreamClient(long number, Identity identity, Audience audience, int capacity, AsyncContext async,
                 Consumer<StreamClient> onClose) {
        this.number = number;
        this.identity = identity;
        this.audience = audience;
        this.capacity = capacity;
        this.async = async;
        this.onClose = onClose;
    }

    Audience audience() {
        return audience;
    }

    void audience(Audience audience) {
        this.audience = audience;
    }

    /** Starts writing: the container calls {@link #onWritePossible()} once the output can take data. */
    void start() throws IOException {
        ServletOutputStream stream = async.getResponse().getOutputStream();
        synchronized (this) {
            out = stream;
        }
        stream.setWriteListener(this);
    }

    /**
     * Queues a message {@code id:/event:/data:}.
     *
     * @return false when the client is closed or has just overflowed
     */
    boolean send(String event, String data) {
        synchronized (this) {
            if (closing || closed) {
                return false;
            }
            if (queue.size() >= capacity) {
                overflow();
                return false;
            }
            StringBuilder m = new StringBuilder(data.length() + 48);
            m.append("id: ").append(++nextId).append('\n').append("event: ").append(event).append('\n');
            for (String line : data.split("\n", -1)) {
                m.append("data: ").append(line).append('\n');
            }
            queue.add(m.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        pump();
        return true;
    }

    /** Queues a comment line (the keep-alive {@code : ping}); a full queue overflows as for any message. */
    void comment(String text) {
        synchronized (this) {
            if (closing || closed) {
                return;
            }
            if (queue.size() >= capacity) {
                overflow();
                return;
            }
            queue.add((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        pump();
    }

    /** @return whether this client overflowed or was closed */
    synchronized boolean done() {
        return closing || closed;
    }

    /** Replaces what is queued by the {@code overflow} message; the client is closed once it is written. */
    private void overflow() {
        queue.clear();
        queue.add(("id: " + (++nextId) + "\nevent: overflow\ndata: {\"queued\":" + capacity
                + ",\"message\":\"the client read too slowly; reconnect\"}\n\n").getBytes(StandardCharsets.UTF_8));
        closing = true;
        StreamHub.LOG.warn("Stream #{} of '{}' closed: more than {} messages waiting (client too slow)", number,
                identity.user(), capacity);
        onClose.accept(this);
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            listening = true;
        }
        pump();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    /** Writes what the connection can take now; never blocks. */
    private void pump() {
        boolean complete = false;
        synchronized (this) {
            if (!listening || closed) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (queue.isEmpty()) {
                        if (dirty) {
                            dirty = false;
                            out.flush();
                            continue;
                        }
                        complete = closing;
                        break;
                    }
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    while (!queue.isEmpty() && batch.size() < BATCH_BYTES) {
                        batch.writeBytes(queue.poll());
                    }
                    out.write(batch.toByteArray());
                    dirty = true;
                }
            } catch (IOException | IllegalStateException e) {
                complete = true;
            }
        }
        if (complete) {
            close();
        }
    }

    /** Ends the response and tells the hub; idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (the client went away)
        }
        onClose.accept(this);
    }
}
