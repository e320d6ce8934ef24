package io.careerdata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the database's sessions are doing: a summary of {@code pg_stat_activity} for this database. */
@ApplicationScoped
public class ActivityInspector {

    private static final String SUMMARY = """
            SELECT (SELECT json_object_agg(state, n) FROM (
                        SELECT coalesce(state, 'unknown') AS state, count(*) AS n FROM pg_stat_activity
                        WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY 1) s)::text AS states,
                   (SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                    WHERE NOT l.granted AND d.datname = current_database()) AS waiting_locks,
                   (SELECT extract(epoch FROM max(now() - xact_start)) FROM pg_stat_activity
                    WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()) AS longest,
                   (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                    AND wait_event_type = 'Lock') AS waiting_sessions""";

    @Inject
    Pool pool;

    /**
     * @param sessionsByState client sessions of this database by state (active, idle, idle in transaction, ...)
     * @param longestTransactionSeconds age of the oldest open transaction but this query's, null when none
     */
    @RegisterForReflection
    public record Activity(Map<String, Long> sessionsByState, long waitingLocks, long sessionsWaitingOnLocks,
            Double longestTransactionSeconds) {
    }

    public Uni<Activity> activity() {
        return pool.query(SUMMARY).execute().map(rows -> activity(rows.iterator().next()));
    }

    private static Activity activity(Row row) {
        Map<String, Long> states = new LinkedHashMap<>();
        String json = row.getString("states");
        if (json != null) {
            new io.vertx.core.json.JsonObject(json).forEach(e -> states.put(e.getKey(), ((Number) e.getValue()).longValue()));
        }
        Object longest = row.getValue("longest");
        return new Activity(states, row.getLong("waiting_locks"), row.getLong("waiting_sessions"),
                longest == null ? null : ((Number) longest).doubleValue());
    }
}
