package io.careerdata.replica;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * When heavy read-only work may use the read replica (the datasource {@code replica}, configured
 * with the standard {@code QUARKUS_DATASOURCE_REPLICA_*} variables; without them it is inactive).
 */
@ConfigMapping(prefix = "replica")
public interface ReplicaConfig {

    /** The largest replay lag at which the replica still serves; beyond it the primary does. */
    @WithDefault("30s")
    Duration maxLag();

    /** How long one answer of "is the replica usable" is reused before the replica is asked again. */
    @WithDefault("1s")
    Duration checkEvery();

    /** How long a check of the replica (its lag, or how far it has replayed) may take before it counts as down. */
    @WithDefault("2s")
    Duration checkTimeout();

    /**
     * How long a read that must include every commit made so far (exports, statistics) waits for
     * the replica to replay up to the primary's current WAL position before it goes to the primary.
     */
    @WithDefault("1s")
    Duration catchUpWait();
}
