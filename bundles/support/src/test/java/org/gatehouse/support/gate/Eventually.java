package org.gatehouse.support.gate;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a background thread does, in tests (also the terminal drivers', through the test jar). */
public final class Eventually {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Waits up to 20 s for the condition; fails the test otherwise. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        await("the condition", condition);
    }

    /** Waits up to 20 s for the condition; fails the test naming what it waited for otherwise. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
