package org.gatehouse.core.internal;

import java.util.function.Consumer;

/**
 * A background loop on one daemon thread: it runs a round when poked, or after a period without a poke, and stops
 * without an interrupt (Derby closes a connection whose thread is interrupted). The outbox's delivery and the
 * notices' scheduler run on one each.
 */
public final class Worker {
    private final String name;
    private final long periodMs;
    private final long joinMs;
    private final Runnable round;
    private final Consumer<RuntimeException> onFailure;
    private final Object wake = new Object();
    private volatile boolean running;
    private boolean dirty;
    private Thread thread;

    /**
     * @param startDirty whether the first round runs at once rather than after the first period
     * @param onFailure  what to do with a round that failed (log it, back off); the loop goes on
     */
    public Worker(String name, long periodMs, long joinMs, boolean startDirty, Runnable round,
                  Consumer<RuntimeException> onFailure) {
        this.name = name;
        this.periodMs = periodMs;
        this.joinMs = joinMs;
        this.dirty = startDirty;
        this.round = round;
        this.onFailure = onFailure;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop after its current round, waiting for it at most the join time. */
    public synchronized void stop() {
        running = false;
        poke();
        if (thread != null) {
            try {
                thread.join(joinMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** @return whether the loop runs */
    public boolean alive() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** @return true while {@link #stop()} waits for the loop: a long round should end early */
    public boolean stopping() {
        return !running && thread != null;
    }

    /** Runs a round soon. */
    public void poke() {
        synchronized (wake) {
            dirty = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                synchronized (wake) {
                    if (!dirty) {
                        wake.wait(periodMs);
                    }
                    dirty = false;
                }
                if (running) {
                    round.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        }
    }
}
