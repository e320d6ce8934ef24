package io.careerdata.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the reactive PostgreSQL pool as Quarkus configures it, with short connect and acquire
 * timeouts: the driver's defaults (60 s and 30 s) would hold requests and probes far too long.
 */
@Singleton
public class PostgresPoolCreator implements PgPoolCreator {

    @Inject
    DatabaseConfig config;

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setConnectTimeout((int) config.connectTimeout().toMillis()));
        input.poolOptions().setConnectionTimeout((int) config.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
