package io.careerdata.maintenance;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Size, dead tuples, bloat and vacuum history of the schema's tables. Bloat is estimated from the
 * planner's statistics: the pages the live rows would fill (row count times the average row width
 * from {@code pg_stats} plus a 28-byte tuple header and pointer), against the heap's actual size.
 */
@ApplicationScoped
public class TableInspector {

    private static final String TABLES = """
            SELECT t.relname AS name, greatest(t.reltuples, 0)::bigint AS rows_estimate,
                   pg_table_size(t.oid) AS table_bytes, pg_indexes_size(t.oid) AS index_bytes,
                   CASE WHEN t.reltoastrelid = 0 THEN 0 ELSE pg_total_relation_size(t.reltoastrelid) END AS toast_bytes,
                   pg_total_relation_size(t.oid) AS total_bytes, pg_relation_size(t.oid) AS heap_bytes,
                   coalesce(s.n_live_tup, 0) AS live, coalesce(s.n_dead_tup, 0) AS dead,
                   s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
                   coalesce(s.seq_scan, 0) AS seq_scans, coalesce(s.idx_scan, 0) AS idx_scans,
                   w.row_width, current_setting('block_size')::int AS block_size
            FROM pg_class t
            LEFT JOIN pg_stat_user_tables s ON s.relid = t.oid
            LEFT JOIN (SELECT tablename, sum(avg_width) AS row_width FROM pg_stats
                       WHERE schemaname = current_schema() GROUP BY tablename) w ON w.tablename = t.relname
            WHERE t.relkind IN ('r', 'p') AND %s
            """.formatted(IndexInspector.SCHEMA_TABLES);

    private static final int TUPLE_OVERHEAD = 28;
    private static final int PAGE_HEADER = 24;

    @Inject
    Pool pool;

    /** Every table, those that need attention (highest dead ratio) first. */
    public Uni<List<TableReport>> tables() {
        return pool.query(TABLES + " ORDER BY CASE WHEN coalesce(s.n_live_tup, 0) + coalesce(s.n_dead_tup, 0) = 0 THEN 0"
                + " ELSE s.n_dead_tup::float8 / (s.n_live_tup + s.n_dead_tup) END DESC, t.relname")
                .execute().map(TableInspector::reports);
    }

    /** The table's names, the catalogue that requests naming a table are checked against. */
    public Uni<List<String>> names() {
        return pool.query("SELECT t.relname FROM pg_class t WHERE t.relkind IN ('r', 'p') AND "
                + IndexInspector.SCHEMA_TABLES + " ORDER BY 1").execute()
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    /** One table's report, or null when the schema has no such table. */
    public Uni<TableReport> table(String name) {
        return pool.preparedQuery(TABLES + " AND t.relname = $1").execute(Tuple.of(name))
                .map(rows -> reports(rows).stream().findFirst().orElse(null));
    }

    private static List<TableReport> reports(RowSet<Row> rows) {
        List<TableReport> reports = new ArrayList<>();
        for (Row row : rows) {
            long live = row.getLong("live");
            long dead = row.getLong("dead");
            long heap = row.getLong("heap_bytes");
            Long bloat = bloat(row, heap);
            reports.add(new TableReport(row.getString("name"), row.getLong("rows_estimate"), row.getLong("table_bytes"),
                    row.getLong("index_bytes"), row.getLong("toast_bytes"), row.getLong("total_bytes"), live, dead,
                    live + dead == 0 ? 0 : (double) dead / (live + dead), bloat,
                    bloat == null || heap == 0 ? null : (double) bloat / heap,
                    instant(row, "last_vacuum"), instant(row, "last_autovacuum"), instant(row, "last_analyze"),
                    instant(row, "last_autoanalyze"), row.getLong("seq_scans"), row.getLong("idx_scans")));
        }
        return reports;
    }

    private static Long bloat(Row row, long heapBytes) {
        Object width = row.getValue("row_width");
        if (width == null) {
            return null;
        }
        int block = row.getInteger("block_size");
        double rowBytes = ((Number) width).doubleValue() + TUPLE_OVERHEAD;
        long pages = (long) Math.ceil(row.getLong("rows_estimate") * rowBytes / (block - PAGE_HEADER));
        return Math.max(0, heapBytes - pages * block);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
