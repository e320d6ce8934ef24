package io.careerdata.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Heartbeats, loss and shutdown of the long jobs (backups, restores, verifications, exports). Keys {@code jobs.<name>}. */
@ConfigMapping(prefix = "jobs")
public interface JobsConfig {

    /** How often a replica refreshes the heartbeat of the jobs it runs ("off" stops it, as some tests do). */
    @WithDefault("5s")
    String heartbeatEvery();

    /** A running job whose heartbeat is older than this is failed as "instance lost" by any replica. */
    @WithDefault("PT60S")
    Duration lostAfter();

    /** How often a replica looks for lost jobs ("off" disables it; the tests call it themselves). */
    @WithDefault("15s")
    String reapEvery();

    /**
     * How long, counted from SIGTERM, a shutdown waits for running jobs to finish; those still running then
     * are stopped and recorded as failed and retryable. Keep delay + this under the pod's grace period.
     */
    @WithDefault("PT20S")
    Duration shutdownGrace();

    /**
     * A pause after each step of a job (a table of a backup or restore, a category of an export). Unset in
     * production; drills and tests set it to make a job last long enough to be interrupted.
     */
    Optional<Duration> pace();
}
