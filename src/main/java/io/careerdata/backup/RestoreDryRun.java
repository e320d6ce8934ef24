package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupRestore.RestoreResult;
import io.careerdata.backup.BackupRestore.TableChange;
import io.careerdata.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore's dry run: the chain loaded into temporary tables, checked against its manifest, and
 * compared table by table with the live data to report what a restore would change. Nothing is
 * changed. Counted as a drill in the metrics (it rehearses a restore the same way). Blocking,
 * holding the backup lock.
 */
@ApplicationScoped
public class RestoreDryRun {

    @Inject
    Rehearsal rehearsal;

    @Inject
    BackupRepository repository;

    @Inject
    BackupMetrics metrics;

    @Inject
    BackupConfig config;

    public RestoreResult dryRun(String id, BackupJobs.Job job) {
        Manifest manifest = repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id));
        ChainLoader.Listener listener = job == null ? (t, r) -> {
        } : job;
        return metrics.measured(Operation.DRILL, () -> rehearsal.run(() -> manifest, listener,
                backupId -> "the backup does not restore to what it recorded: ", this::report), r -> 0L, RestoreResult::rows);
    }

    private RestoreResult report(Connection connection, ChainLoader loader, List<Manifest> chain) throws SQLException {
        Manifest last = chain.get(chain.size() - 1);
        List<TableChange> changes = new ArrayList<>();
        for (String table : loader.currentTables().keySet()) {
            TableChange change = compare(connection, loader, table, last.table(table));
            boolean merged = config.restore().mergeTables().contains(table) && change.added() != null;
            changes.add(merged ? new TableChange(table, change.rowsNow(), change.rowsNow() + change.added(),
                    change.added(), 0L, 0L) : change); // a restore adds to it and keeps its rows
        }
        long rows = changes.stream().mapToLong(TableChange::rowsAfter).sum();
        return new RestoreResult(last.id(), chain.stream().map(Manifest::id).toList(), true, changes, rows, null,
                null, loader.phases());
    }

    /** What a restore would do to one table: rows now and after, and by primary key added, removed, changed. */
    private static TableChange compare(Connection connection, ChainLoader loader, String table, Manifest.TableEntry entry)
            throws SQLException {
        String live = loader.liveTable(table);
        long now = loader.count(live);
        if (entry == null) {
            return new TableChange(table, now, 0, 0L, now, 0L);
        }
        if (entry.primaryKey().isEmpty()) {
            return new TableChange(table, now, entry.tableRows(), null, null, null);
        }
        String restored = loader.target(table);
        String key = SchemaCatalog.quote(entry.primaryKey().get(0));
        String on = String.join(" AND ", entry.primaryKey().stream()
                .map(c -> "l." + SchemaCatalog.quote(c) + " = r." + SchemaCatalog.quote(c)).toList());
        String rowOf = entry.columns().stream().map(SchemaCatalog::quote).reduce((a, b) -> a + ", " + b).orElseThrow();
        String sql = "SELECT count(*) FILTER (WHERE l." + key + " IS NULL), count(*) FILTER (WHERE r." + key + " IS NULL),"
                + " count(*) FILTER (WHERE l." + key + " IS NOT NULL AND r." + key + " IS NOT NULL AND ROW("
                + prefixed("l", rowOf) + ")::text IS DISTINCT FROM ROW(" + prefixed("r", rowOf) + ")::text)"
                + " FROM " + restored + " r FULL JOIN " + live + " l ON " + on;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new TableChange(table, now, entry.tableRows(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }
}
