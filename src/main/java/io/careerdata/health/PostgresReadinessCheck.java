package io.careerdata.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: PostgreSQL answers on the pool that serves requests. The JDBC pool is left out on
 * purpose: backups and exports hold its few connections for whole runs, and a probe waiting for
 * one would take the pod out of service during every scheduled backup. The answer is bounded well
 * under the kubelet's 1 s probe timeout.
 */
@Readiness
@ApplicationScoped
public class PostgresReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    @Inject
    Pool pool;

    @Override
    public Uni<HealthCheckResponse> call() {
        return TimedProbe.run("postgresql", pool.query("SELECT 1").execute(), TIMEOUT);
    }
}
