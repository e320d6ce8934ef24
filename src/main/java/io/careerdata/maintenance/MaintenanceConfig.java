package io.careerdata.maintenance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the database maintenance API ({@code /api/v1/data-management/database}). */
@ConfigMapping(prefix = "maintenance")
public interface MaintenanceConfig {

    /** Longest run of one EXPLAIN (ANALYZE) of a catalogue query; it is cancelled after this. */
    @WithDefault("5s")
    Duration explainTimeout();

    /** How often the database gauges are read from PostgreSQL ({@code off} disables it). */
    @WithDefault("60s")
    String metricsEvery();

    /** A statement whose mean execution time exceeds this counts in {@code database.slow.queries}. */
    @WithDefault("500ms")
    Duration slowQueryThreshold();

    /** Finished maintenance jobs kept in memory for {@code GET /jobs/{id}}. */
    @WithDefault("200")
    int jobHistory();
}
