package io.careerdata.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop switch of one running job: the job calls {@link #check()} between steps and stops with
 * {@link Stopped} once a shutdown, the loss of its row or an erasure has asked it to.
 */
public final class JobControl {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String reason;
    private volatile boolean retryable;

    /** Asks the job to stop; the first reason wins. */
    public synchronized void stop(String why, boolean canRetry) {
        if (reason == null) {
            reason = why;
            retryable = canRetry;
            stopped.countDown();
        }
    }

    public boolean isStopped() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Throws {@link Stopped} once the job has been asked to stop. */
    public void check() {
        if (reason != null) {
            throw new Stopped(reason, retryable);
        }
    }

    /** Waits {@code pace} (if set), ending early and throwing {@link Stopped} when the job is stopped meanwhile. */
    public void step(Optional<Duration> pace) {
        if (pace.isPresent() && !pace.get().isZero()) {
            try {
                stopped.await(pace.get().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted", true);
            }
        }
        check();
    }

    /** A job that stopped because it was asked to; its message is meant for the job's record. */
    public static final class Stopped extends RuntimeException {

        private final boolean retryable;

        Stopped(String reason, boolean retryable) {
            super(reason, null, false, false);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
