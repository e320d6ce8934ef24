package io.careerdata.datahealth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The data-layer health answer: how long each part may take (keep every one under 1 s: the parts
 * run at once, so the answer takes as long as the slowest bound), and the thresholds of DEGRADED.
 */
@ConfigMapping(prefix = "data-health")
public interface DataHealthConfig {

    Timeouts timeout();

    /** A PostgreSQL round trip slower than this makes its part DEGRADED. */
    @WithDefault("200MS")
    Duration slowPostgres();

    /** Redis memory use over this share of maxmemory makes its part DEGRADED. */
    @WithDefault("0.9")
    double redisMemoryShare();

    /** The cache part is DEGRADED when over the last 5 minutes more than this share of reads went without it. */
    @WithDefault("0.05")
    double cacheFallbackShare();

    /** The backups part is DEGRADED when the newest successful backup is older than this. */
    @WithDefault("26H")
    Duration backupMaxAge();

    /** ... or the newest passing verification is older than this. */
    @WithDefault("26H")
    Duration verificationMaxAge();

    /** ... or the newest passing restore drill (or dry run) is older than this. */
    @WithDefault("8D")
    Duration drillMaxAge();

    /** A storage (backups, exports) with less than this share of its space free is DEGRADED. */
    @WithDefault("0.05")
    double minFreeShare();

    /** The exports part is DEGRADED when this many exports or more failed in the last 24 hours. */
    @WithDefault("3")
    long exportFailuresPerDay();

    /** The time each part may take; past it the part is UNKNOWN ("timed out"). */
    interface Timeouts {

        /** PostgreSQL round trip. */
        @WithDefault("800MS")
        Duration postgres();

        /** Redis PING and INFO. */
        @WithDefault("800MS")
        Duration redis();

        /** The cache's windows (in memory). */
        @WithDefault("800MS")
        Duration cache();

        /** Backup job history, schedules, free space of the backup storage. */
        @WithDefault("800MS")
        Duration backups();

        /** Export jobs and free space of the export storage. */
        @WithDefault("800MS")
        Duration exports();

        /** Flyway's view of the schema (over JDBC, on a worker thread). */
        @WithDefault("800MS")
        Duration schema();
    }
}
