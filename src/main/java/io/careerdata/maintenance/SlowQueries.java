package io.careerdata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The most expensive statements of this database, from {@code pg_stat_statements} (PostgreSQL 13+
 * column names). Without the extension, or without its library loaded, the answer says how to turn
 * it on instead of failing.
 */
@ApplicationScoped
public class SlowQueries {

    private static final Logger LOG = Logger.getLogger(SlowQueries.class);
    static final String HOW_TO_ENABLE = "Add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart"
            + " PostgreSQL, then run CREATE EXTENSION pg_stat_statements in this database (migration V6 does it"
            + " where the service's user may)";

    private static final String SCHEMA = "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            + " WHERE e.extname = 'pg_stat_statements'";

    private static final String TOP = """
            SELECT query, calls, total_exec_time, mean_exec_time, max_exec_time, rows, shared_blks_hit, shared_blks_read
            FROM %s.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC
            LIMIT $1""";

    private static final String SLOW_COUNT = """
            SELECT count(*) FROM %s.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND mean_exec_time > $1""";

    @Inject
    Pool pool;

    /** What {@code GET /slow-queries} answers; {@code statements} is null when unavailable. */
    @RegisterForReflection
    public record Answer(boolean available, String howToEnable, String reason, List<Statement> statements) {
    }

    /** One normalised statement and its totals since the statistics were reset. Times in milliseconds. */
    @RegisterForReflection
    public record Statement(String query, long calls, double totalTimeMs, double meanTimeMs, double maxTimeMs, long rows,
            long sharedBlocksHit, long sharedBlocksRead, Double hitRatio) {
    }

    public Uni<Answer> top(int limit) {
        return schema().chain(schema -> schema == null
                ? Uni.createFrom().item(unavailable("the extension is not installed in this database"))
                : pool.preparedQuery(TOP.formatted(quote(schema))).execute(Tuple.of(limit))
                        .map(rows -> {
                            List<Statement> found = new ArrayList<>();
                            rows.forEach(row -> found.add(statement(row)));
                            return new Answer(true, null, null, found);
                        })
                        .onFailure().recoverWithItem(SlowQueries::unavailable));
    }

    /** Statements whose mean time is over {@code thresholdMs}; null when the extension is unavailable. */
    public Uni<Long> slowCount(double thresholdMs) {
        return schema().chain(schema -> schema == null ? Uni.createFrom().nullItem()
                : pool.preparedQuery(SLOW_COUNT.formatted(quote(schema))).execute(Tuple.of(thresholdMs))
                        .map(rows -> rows.iterator().next().getLong(0))
                        .onFailure().recoverWithNull());
    }

    private Uni<String> schema() {
        return pool.query(SCHEMA).execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    private static Answer unavailable(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("shared_preload_libraries")) {
            return unavailable("the extension is installed but its library is not loaded");
        }
        LOG.warnf("pg_stat_statements could not be read: %s", message);
        return unavailable("the statistics could not be read (see the service log)");
    }

    private static Answer unavailable(String reason) {
        return new Answer(false, HOW_TO_ENABLE, reason, null);
    }

    private static Statement statement(Row row) {
        long hit = row.getLong("shared_blks_hit");
        long read = row.getLong("shared_blks_read");
        return new Statement(row.getString("query"), row.getLong("calls"), row.getDouble("total_exec_time"),
                row.getDouble("mean_exec_time"), row.getDouble("max_exec_time"), row.getLong("rows"), hit, read,
                hit + read == 0 ? null : (double) hit / (hit + read));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
