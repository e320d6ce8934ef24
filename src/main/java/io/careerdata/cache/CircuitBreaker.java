package io.careerdata.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops calling Redis after a run of failures: closed (calls go through), open (no calls until the
 * open period is over), half-open (one probe decides between closed and open again).
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long openUntil;

    CircuitBreaker(int failureThreshold, Duration openDuration) {
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
    }

    State state() {
        return state.get();
    }

    boolean closed() {
        return state.get() == State.CLOSED;
    }

    /** True for exactly one caller once the open period is over: that caller runs the probe. */
    boolean claimProbe() {
        return state.get() == State.OPEN && System.nanoTime() - openUntil >= 0
                && state.compareAndSet(State.OPEN, State.HALF_OPEN);
    }

    void recordSuccess() {
        consecutiveFailures.set(0);
    }

    /** True when this failure opened the circuit. */
    boolean recordFailure() {
        if (consecutiveFailures.incrementAndGet() >= failureThreshold && state.get() == State.CLOSED) {
            return open();
        }
        return false;
    }

    /** Opens the circuit now, whatever the count; true when it was closed before. */
    boolean open() {
        openUntil = System.nanoTime() + openNanos;
        return state.getAndSet(State.OPEN) == State.CLOSED;
    }

    /**
     * Abandons a probe in flight (something it could not account for happened meanwhile) and lets the next
     * call probe again at once; true when there was a probe to abandon. Redis answered that probe, so
     * waiting a whole open period would only keep the cache off for longer.
     */
    boolean reprobe() {
        openUntil = System.nanoTime();
        return state.compareAndSet(State.HALF_OPEN, State.OPEN);
    }

    /** Ends a probe: closed when it succeeded (unless something opened the circuit meanwhile), open otherwise. */
    boolean probeSucceeded() {
        consecutiveFailures.set(0);
        return state.compareAndSet(State.HALF_OPEN, State.CLOSED);
    }
}
