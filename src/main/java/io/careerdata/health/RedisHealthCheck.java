package io.careerdata.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reports Redis under {@code /q/health/well}: visible to operators and alerts, but never part of
 * readiness, because reads fall back to PostgreSQL when the cache is gone.
 */
@Wellness
@ApplicationScoped
public class RedisHealthCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Inject
    ReactiveRedisDataSource redis;

    @Override
    public Uni<HealthCheckResponse> call() {
        return TimedProbe.run("redis", redis.execute("PING"), TIMEOUT);
    }
}
