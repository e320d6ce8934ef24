package io.careerdata.datahealth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PostgreSQL through the reactive pool that serves requests: one round trip, its latency, the
 * pool's open connections (the pool does not tell how many of them are busy). No read replica is
 * part of the configuration, so there is no replication lag to report.
 */
@ApplicationScoped
public class PostgresPart implements DataPart {

    static final String NO_REPLICA = "not configured (no read replica in the service's configuration)";

    @Inject
    Pool pool;

    @Inject
    DataHealthConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "20")
    int maxPoolSize;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Uni<PartReport> check() {
        long start = System.nanoTime();
        return pool.query("SELECT 1").execute().map(rows -> {
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, Object> facts = facts(true);
            facts.put("latencyMillis", Math.round(millis * 100) / 100.0);
            boolean slow = millis > config.slowPostgres().toMillis();
            return PartReport.of(slow ? PartStatus.DEGRADED : PartStatus.UP,
                    slow ? "answers slowly: " + Math.round(millis) + " ms, over " + config.slowPostgres().toMillis() + " ms"
                            : "answers in " + Math.round(millis) + " ms", facts);
        }).onFailure().recoverWithItem(failure -> PartReport.of(PartStatus.DOWN,
                "unreachable: " + Reasons.of(failure), facts(false)));
    }

    private Map<String, Object> facts(boolean reachable) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reachable", reachable);
        facts.put("poolOpenConnections", pool.size());
        facts.put("poolMaxSize", maxPoolSize);
        facts.put("replication", NO_REPLICA);
        return facts;
    }
}
