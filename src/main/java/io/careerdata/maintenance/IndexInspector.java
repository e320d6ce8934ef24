package io.careerdata.maintenance;

import io.careerdata.maintenance.IndexReport.Index;
import io.careerdata.maintenance.IndexReport.Missing;
import io.careerdata.maintenance.IndexReport.Redundant;
import io.careerdata.maintenance.IndexReport.UnindexedForeignKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the schema's indexes from the catalogue and compares them with what the migrations declare. */
@ApplicationScoped
public class IndexInspector {

    static final String SCHEMA_TABLES = "t.relnamespace = current_schema()::regnamespace AND t.relname <> 'flyway_schema_history'";

    private static final String INDEXES = """
            SELECT ic.relname AS name, t.relname AS table_name, i.indisvalid, i.indisunique, i.indisprimary,
                   am.amname, pg_relation_size(i.indexrelid) AS size_bytes, coalesce(s.idx_scan, 0) AS scans,
                   pg_get_expr(i.indpred, i.indrelid, true) AS predicate, pg_get_indexdef(i.indexrelid) AS definition,
                   array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k
                         ORDER BY k) AS columns
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_am am ON am.oid = ic.relam
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
            WHERE %s
            ORDER BY t.relname, ic.relname""".formatted(SCHEMA_TABLES);

    // an index serves a foreign key when its leading columns are the key's columns, in any order
    private static final String UNINDEXED_FOREIGN_KEYS = """
            SELECT c.conname, t.relname AS table_name, c.confrelid::regclass::text AS referenced,
                   array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND %s
              AND NOT EXISTS (
                  SELECT 1 FROM pg_index i
                  WHERE i.indrelid = c.conrelid
                    AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                    AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
            ORDER BY t.relname, c.conname""".formatted(SCHEMA_TABLES);

    private static final String STATS_SINCE =
            "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()";

    @Inject
    Pool pool;

    @Inject
    DeclaredIndexes declared;

    public Uni<IndexReport> report() {
        return pool.query(INDEXES).execute().map(this::indexes)
                .chain(indexes -> pool.query(UNINDEXED_FOREIGN_KEYS).execute().map(IndexInspector::foreignKeys)
                        .chain(keys -> pool.query(STATS_SINCE).execute().map(IndexInspector::statsSince)
                                .map(since -> assemble(since, indexes, keys))));
    }

    /** The database's view of one index, or null when it does not exist. */
    public Uni<Index> find(String name) {
        return report().map(report -> report.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null));
    }

    /** Invalid indexes of the schema, for the gauge. */
    public Uni<Integer> invalidCount() {
        return pool.query("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE NOT i.indisvalid AND "
                + SCHEMA_TABLES).execute().map(rows -> rows.iterator().next().getInteger(0));
    }

    private IndexReport assemble(Instant since, List<Index> indexes, List<UnindexedForeignKey> keys) {
        Set<String> present = indexes.stream().map(Index::name).collect(Collectors.toSet());
        List<Missing> missing = declared.all().values().stream().filter(d -> !present.contains(d.name()))
                .map(d -> new Missing(d.name(), d.table(), d.statement())).toList();
        int invalid = (int) indexes.stream().filter(i -> !i.valid()).count();
        return new IndexReport(since, indexes, missing, redundant(indexes), keys, invalid);
    }

    private List<Index> indexes(RowSet<Row> rows) {
        List<Index> found = new ArrayList<>();
        for (Row row : rows) {
            boolean unique = row.getBoolean("indisunique");
            boolean primary = row.getBoolean("indisprimary");
            long scans = row.getLong("scans");
            String name = row.getString("name");
            found.add(new Index(name, row.getString("table_name"), row.getBoolean("indisvalid"), unique, primary,
                    row.getString("amname"), Arrays.asList(row.getArrayOfStrings("columns")), row.getString("predicate"),
                    row.getLong("size_bytes"), scans, scans == 0 && !unique && !primary,
                    declared.find(name).isPresent(), row.getString("definition")));
        }
        return found;
    }

    /**
     * Pairs where one index's key columns are a leading prefix of another's on the same table, with the
     * same method and predicate. A unique index is not redundant to a longer one: it enforces something
     * the longer one does not; two identical indexes name the later one as covered.
     */
    static List<Redundant> redundant(List<Index> indexes) {
        List<Redundant> found = new ArrayList<>();
        for (Index a : indexes) {
            for (Index b : indexes) {
                if (a == b || !a.table().equals(b.table()) || !a.method().equals(b.method())
                        || !Objects.equals(a.predicate(), b.predicate()) || !a.valid() || !b.valid()) {
                    continue;
                }
                boolean prefix = a.columns().size() <= b.columns().size()
                        && b.columns().subList(0, a.columns().size()).equals(a.columns());
                boolean same = a.columns().equals(b.columns());
                boolean keeps = (a.unique() || a.primary()) && !(same && (b.unique() || b.primary()));
                boolean bothKeep = (a.unique() || a.primary()) == (b.unique() || b.primary());
                boolean coveredOnce = !same || !bothKeep || a.name().compareTo(b.name()) > 0;
                if (prefix && !keeps && coveredOnce) {
                    found.add(new Redundant(a.name(), b.name(), a.table(), a.sizeBytes()));
                }
            }
        }
        return found;
    }

    private static List<UnindexedForeignKey> foreignKeys(RowSet<Row> rows) {
        List<UnindexedForeignKey> found = new ArrayList<>();
        for (Row row : rows) {
            found.add(new UnindexedForeignKey(row.getString("conname"), row.getString("table_name"),
                    Arrays.asList(row.getArrayOfStrings("columns")), row.getString("referenced")));
        }
        return found;
    }

    private static Instant statsSince(RowSet<Row> rows) {
        OffsetDateTime reset = rows.iterator().hasNext() ? rows.iterator().next().getOffsetDateTime(0) : null;
        return reset == null ? null : reset.toInstant();
    }
}
