package io.careerdata.jobs;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a SIGTERM does to the jobs. When the shutdown begins (the start of {@code quarkus.shutdown.delay},
 * while readiness already answers DOWN) the scheduler stops starting runs. Once in-flight requests are done,
 * running jobs get until {@code jobs.shutdown-grace} after the signal to finish; the rest are stopped and
 * their rows failed as interrupted and retryable, so no row is left {@code running}.
 */
@ApplicationScoped
public class JobShutdown {

    private static final Logger LOG = Logger.getLogger(JobShutdown.class);
    /** The error of a job that a shutdown interrupted. */
    public static final String INTERRUPTED = "interrupted: the replica running this job shut down; run it again";

    @Inject
    Scheduler scheduler;

    @Inject
    JobsConfig config;

    @Inject
    JobHeartbeats heartbeats;

    @Inject
    @All
    List<TrackedJobs> kinds;

    private volatile long beganAt;

    void delayBegins(@Observes ShutdownDelayInitiatedEvent event) {
        begin();
    }

    /** Observed early (low priority number), before the beans that jobs use are gone. */
    void shutdown(@Observes @Priority(1) ShutdownEvent event) {
        begin();
        drain();
    }

    /** True once a shutdown has begun: no new run should start. */
    public boolean shuttingDown() {
        return beganAt != 0;
    }

    private synchronized void begin() {
        if (beganAt != 0) {
            return;
        }
        beganAt = System.nanoTime();
        if (scheduler.isRunning()) {
            scheduler.pause();
        }
        LOG.info("Shutting down: scheduled runs paused; running jobs may finish within " + config.shutdownGrace());
    }

    private void drain() {
        long deadline = beganAt + config.shutdownGrace().toNanos();
        while (System.nanoTime() < deadline && kinds.stream().anyMatch(kind -> !kind.runningHere().isEmpty())) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (TrackedJobs kind : kinds) {
            Set<UUID> left = kind.runningHere();
            if (!left.isEmpty()) {
                LOG.warnf("Stopping %d jobs of %s: the shutdown grace is over", left.size(), kind.table().name());
                kind.stop(left, INTERRUPTED, true);
            }
            try {
                heartbeats.failHere(kind, INTERRUPTED)
                        .call(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : kind.cleanUp(rows))
                        .await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.errorf("Jobs of %s could not be recorded as interrupted (the reaper fails them later): %s",
                        kind.table().name(), e.getMessage());
            }
        }
    }
}
