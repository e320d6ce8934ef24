package io.careerdata.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Timeouts of the PostgreSQL pool that Quarkus has no setting for. */
@ConfigMapping(prefix = "career.database")
public interface DatabaseConfig {

    /** How long opening a connection to PostgreSQL may take (an unreachable host fails after it). */
    @WithDefault("3s")
    Duration connectTimeout();

    /** How long a request waits for a free pooled connection before it fails. */
    @WithDefault("5s")
    Duration acquireTimeout();
}
