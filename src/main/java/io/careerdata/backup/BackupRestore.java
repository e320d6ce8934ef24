package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.backup.storage.BackupStorage;
import io.careerdata.common.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Restores a backup (with its chain) over the live tables in one transaction: all or nothing.
 * Checks the chain first and the loaded data against the manifest before it commits; erases again
 * whoever was erased since, starts a new lineage, audits (a failure too), and clears the cache.
 * Blocking, holding the backup lock.
 */
@ApplicationScoped
public class BackupRestore {

    private static final Logger LOG = Logger.getLogger(BackupRestore.class);

    @Inject
    BackupLock lock;

    @Inject
    BackupRepository repository;

    @Inject
    BackupVerification verification;

    @Inject
    BackupStorage storage;

    @Inject
    BackupFiles files;

    @Inject
    BackupMetrics metrics;

    @Inject
    BackupConfig config;

    @Inject
    RestoreLog restoreLog;

    @Inject
    AfterRestore afterRestore;

    /** One table: rows now and after, and by primary key added, removed, changed (null: not known). */
    @RegisterForReflection
    public record TableChange(String table, Long rowsNow, long rowsAfter, Long added, Long removed, Long changed) {
    }

    /** A restore's or a dry run's outcome; {@code millis} are the phases of the load. */
    @RegisterForReflection
    public record RestoreResult(String backupId, List<String> chain, boolean dryRun, List<TableChange> tables,
            long rows, Integer erasedAgain, Boolean cacheCleared, Map<String, Long> millis) {
    }

    public RestoreResult restore(String id, String actor, BackupJobs.Job job) {
        Manifest manifest = repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id));
        return metrics.measured(Operation.RESTORE, () -> lock.locked(connection -> {
            List<Manifest> chain = verification.verifiedChain(connection, manifest);
            connection.setAutoCommit(false);
            try {
                return restore(connection, chain, actor, job);
            } catch (SQLException | IOException | RuntimeException e) {
                auditFailure(connection, actor, id, e);
                throw e;
            }
        }), r -> 0L, RestoreResult::rows);
    }

    /** Best effort: the connection may be the thing that failed. */
    private static void auditFailure(Connection connection, String actor, String id, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            BackupAudit.record(connection, actor, "backup.restore.failed", id,
                    Map.of("reason", BackupFailure.message(failure)));
        } catch (SQLException e) {
            LOG.warnf("The failed restore of %s could not be audited: %s", id, e.getMessage());
        }
    }

    private RestoreResult restore(Connection connection, List<Manifest> chain, String actor, BackupJobs.Job job)
            throws SQLException, IOException {
        Manifest last = chain.get(chain.size() - 1);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + config.restore().lockTimeout().toMillis());
            st.execute("SET LOCAL maintenance_work_mem = " + SchemaCatalog.literal(config.restore().maintenanceWorkMem()));
        }
        ChainLoader loader = new ChainLoader(new LiveTables(connection, config.restore().mergeTables()), storage, files);
        int pid = connection.unwrap(PGConnection.class).getBackendPID();
        List<TableChange> tables = new ArrayList<>();
        for (String table : loader.currentTables().keySet()) {
            Manifest.TableEntry entry = last.table(table);
            tables.add(new TableChange(table, null, entry == null ? 0 : entry.tableRows(), null, null, null));
        }
        loader.load(chain, (table, rows) -> {
            if (job != null) {
                job.tableLoaded(table, rows);
            }
            restoreLog.tableLoaded(table, rows, pid);
        });
        long checkStart = System.nanoTime();
        Map<String, Long> millis = new LinkedHashMap<>(loader.phases());
        List<String> problems = check(connection, loader, chain);
        if (!problems.isEmpty()) {
            throw new BackupFailure(Stage.VERIFICATION, "the restored data does not match the backup: "
                    + String.join("; ", problems), null);
        }
        millis.put("check", (System.nanoTime() - checkStart) / 1_000_000);
        int erasedAgain = afterRestore.eraseAgain(connection);
        long stateStart = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            // the data now has another history: incrementals must not build on backups taken before
            st.execute("UPDATE backup_state SET lineage = gen_random_uuid()");
            st.execute("DELETE FROM backup_deletions");
        }
        millis.put("state", (System.nanoTime() - stateStart) / 1_000_000);
        long rows = tables.stream().mapToLong(TableChange::rowsAfter).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chain", chain.stream().map(Manifest::id).toList());
        details.put("rows", rows);
        details.put("erasedAgain", erasedAgain);
        BackupAudit.record(connection, actor, "backup.restore", last.id(), details);
        long commitStart = System.nanoTime();
        connection.commit();
        connection.setAutoCommit(true);
        millis.put("commit", (System.nanoTime() - commitStart) / 1_000_000);
        LOG.infof("Restored backup %s (%d backups in the chain, %d rows; milliseconds by phase %s)", last.id(),
                chain.size(), rows, millis);
        boolean cacheCleared = afterRestore.clearCache();
        return new RestoreResult(last.id(), chain.stream().map(Manifest::id).toList(), false, tables, rows, erasedAgain,
                cacheCleared, millis);
    }

    /**
     * A full backup alone was checked row count by row count by COPY; a chain is checked as a whole,
     * by digests when configured and the schema is the backup's (another one may add columns).
     */
    private List<String> check(Connection connection, ChainLoader loader, List<Manifest> chain) throws SQLException {
        if (chain.size() == 1) {
            return List.of();
        }
        Manifest last = chain.get(chain.size() - 1);
        boolean sameSchema = last.schemaVersion().equals(SchemaCatalog.schemaVersion(connection));
        return config.restore().checkDigests() && sameSchema ? loader.digestDifferences(last)
                : loader.countDifferences(last);
    }
}
