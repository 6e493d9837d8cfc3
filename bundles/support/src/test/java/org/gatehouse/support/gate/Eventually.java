package org.gatehouse.support.gate;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a background thread does, in tests (also the terminal drivers', through the test jar). */
public final class Eventually {
    private Eventually() {
    }

    /** Waits up to 10 s for the condition; fails the test otherwise. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(10);
        }
    }
}
