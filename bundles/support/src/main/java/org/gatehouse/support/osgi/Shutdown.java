package org.gatehouse.support.osgi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** How a driver stops its threads when it is detached or its component deactivates. */
public final class Shutdown {
    private Shutdown() {
    }

    /**
     * Stops an executor and waits for its tasks to end; an interrupt while waiting is kept on the thread.
     *
     * @param ex         the executor, may be null (nothing to do)
     * @param interrupt  true to interrupt running tasks ({@code shutdownNow}), false to let them finish
     * @param waitMillis how long to wait for them
     * @return whether every task ended in time (true for a null executor)
     */
    public static boolean executor(ExecutorService ex, boolean interrupt, long waitMillis) {
        if (ex == null) {
            return true;
        }
        if (interrupt) {
            ex.shutdownNow();
        } else {
            ex.shutdown();
        }
        try {
            return ex.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
