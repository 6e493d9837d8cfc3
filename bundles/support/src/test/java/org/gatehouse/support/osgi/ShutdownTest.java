package org.gatehouse.support.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void aRunningTaskFinishesWhenNotInterruptedAndIsInterruptedOtherwise() throws Exception {
        ExecutorService gentle = java.util.concurrent.Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        gentle.execute(() -> {
            started.countDown();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        started.await();
        assertTrue(Shutdown.executor(gentle, false, 5_000));
        assertTrue(finished.get(), "the task ran to its end");

        ExecutorService hard = java.util.concurrent.Executors.newSingleThreadExecutor();
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        hard.execute(() -> {
            sleeping.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        sleeping.await();
        assertTrue(Shutdown.executor(hard, true, 5_000));
        assertTrue(interrupted.get());
        assertTrue(Shutdown.executor(null, true, 1));
    }

    @Test
    void aTaskThatIgnoresTheStopIsReportedAndTheCallersInterruptIsKept() throws Exception {
        ExecutorService stubborn = java.util.concurrent.Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        stubborn.execute(() -> {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    // ignores interrupts until released
                }
            }
        });
        assertFalse(Shutdown.executor(stubborn, true, 50), "still running after the wait");
        Thread.currentThread().interrupt();
        assertFalse(Shutdown.executor(stubborn, true, 1_000));
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        release.countDown();
        assertTrue(stubborn.awaitTermination(5, TimeUnit.SECONDS));
    }
}
