package io.careerdata.backup;

import io.agroal.api.AgroalDataSource;
import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.backup.storage.BackupStorage;
import io.careerdata.cache.CacheLayer;
import io.careerdata.common.ProblemException;
import io.careerdata.privacy.ErasureService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The backup operations themselves: blocking, each on one JDBC connection of its own, run by jobs
 * and schedules on worker threads. Everything that writes (backup, restore, delete, retention) or
 * rehearses holds a PostgreSQL advisory lock for its run, so across all replicas one such run
 * happens at a time; another one is skipped ({@link Busy}).
 */
@ApplicationScoped
public class BackupOperations {

    private static final Logger LOG = Logger.getLogger(BackupOperations.class);
    private static final String LOCK = "hashtext('career-data-service:backup')";
    private static final Duration CACHE_CLEAR_LIMIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackupStorage storage;

    @Inject
    BackupRepository repository;

    @Inject
    BackupWriter writer;

    @Inject
    BackupVerifier verifier;

    @Inject
    BackupFiles files;

    @Inject
    BackupMetrics metrics;

    @Inject
    BackupConfig config;

    @Inject
    CacheLayer cache;

    @Inject
    RestoreLog restoreLog;

    /** Another run holds the backup lock, here or on another replica. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("another backup, restore or retention run is in progress", null, false, false);
        }
    }

    /** A failed run: a message for the operator, and where it failed for the metrics. */
    public static final class Failure extends RuntimeException {
        final Stage stage;

        Failure(Stage stage, String message, Throwable cause) {
            super(message, cause);
            this.stage = stage;
        }
    }

    @RegisterForReflection
    public record BackupResult(String backupId, BackupType type, String baseId, String note, int tables, long rows,
            long bytes) {
    }

    @RegisterForReflection
    public record TableChange(String table, Long rowsNow, long rowsAfter, Long added, Long removed, Long changed) {
    }

    @RegisterForReflection
    public record RestoreResult(String backupId, List<String> chain, boolean dryRun, List<TableChange> tables,
            long rows, Integer erasedAgain, Boolean cacheCleared, Map<String, Long> millis) {
    }

    @RegisterForReflection
    public record DrillResult(String backupId, List<String> chain, boolean ok, int tables, long rows,
            List<String> problems) {
    }

    @RegisterForReflection
    public record RetentionResult(List<String> deleted, int drafts) {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Runs {@code work} holding the backup lock; throws {@link Busy} when someone else holds it. */
    <T> T locked(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(" + LOCK + ")")) {
                throw new Busy();
            }
            try {
                return work.run(connection);
            } finally {
                release(connection);
            }
        } catch (SQLException e) {
            throw new Failure(Stage.DATABASE, "the database failed: " + firstLine(e.getMessage()), e);
        } catch (IOException | UncheckedIOException e) {
            throw new Failure(Stage.STORAGE, "the backup storage failed: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the transaction and gives the lock back. On a broken connection the server has ended the
     * session, and with it the lock; the pool is told to drop such connections.
     */
    private void release(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            queryBoolean(connection, "SELECT pg_advisory_unlock(" + LOCK + ")");
        } catch (SQLException e) {
            LOG.debugf("Backup connection lost (%s)", e.getMessage());
            dataSource.flush(AgroalDataSource.FlushMode.INVALID);
        }
    }

    /** Takes a backup. An incremental needs a base of the current lineage and schema; without one it is a full. */
    public BackupResult backup(BackupType requested, String actor, BackupJobs.Job job) {
        return measured(Operation.BACKUP, () -> locked(connection -> {
            String schemaVersion = SchemaCatalog.schemaVersion(connection);
            var lineage = SchemaCatalog.lineage(connection);
            List<Manifest> all = repository.all();
            Manifest base = null;
            String note = null;
            if (requested == BackupType.INCREMENTAL) {
                base = all.stream().filter(m -> lineage.equals(m.lineage()) && schemaVersion.equals(m.schemaVersion()))
                        .findFirst().filter(this::trustworthy).orElse(null);
                if (base == null) {
                    note = "no base of this database's current state and schema: a full backup was taken instead";
                }
            }
            Manifest manifest = writer.write(connection, base, job);
            if (job != null) {
                job.backupId(manifest.id());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", manifest.type().value());
            details.put("baseId", manifest.baseId());
            details.put("rows", manifest.totalRows());
            details.put("bytes", manifest.totalBytes());
            BackupAudit.record(connection, actor, "backup.create", manifest.id(), details);
            pruneTombstones(connection);
            return new BackupResult(manifest.id(), manifest.type(), manifest.baseId(), note, manifest.tables().size(),
                    manifest.totalRows(), manifest.totalBytes());
        }), r -> r.bytes(), r -> r.rows());
    }

    /** Verifies one backup and its base chain, and keeps the outcome beside it. */
    public BackupVerifier.Report verify(String id) {
        Manifest manifest = repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id));
        return measured(Operation.VERIFY, () -> {
            String schemaVersion = currentSchemaVersion();
            BackupVerifier.Report report = verifier.verify(manifest, schemaVersion);
            List<String> problems = new ArrayList<>(report.problems());
            try {
                List<Manifest> chain = repository.chain(manifest);
                for (Manifest base : chain.subList(0, chain.size() - 1)) {
                    if (repository.lastVerification(base.id()).map(v -> !v.ok()).orElse(false)) {
                        problems.add("base backup " + base.id() + " failed its last verification");
                    }
                }
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
            BackupVerifier.Report complete = new BackupVerifier.Report(report.backupId(), problems.isEmpty(),
                    report.checkedAt(), report.files(), report.rows(), List.copyOf(problems));
            repository.recordVerification(complete);
            if (!complete.ok()) {
                throw new Failure(Stage.VERIFICATION, "backup " + id + " failed verification: "
                        + String.join("; ", complete.problems()), null);
            }
            return complete;
        }, r -> manifest.totalBytes(), BackupVerifier.Report::rows);
    }

    /**
     * Restores a backup (with its chain) over the live tables in one transaction, or with
     * {@code dryRun} loads it into temporary tables and reports what would change.
     */
    public RestoreResult restore(String id, boolean dryRun, String actor, BackupJobs.Job job) {
        Manifest manifest = repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id));
        Operation operation = dryRun ? Operation.DRILL : Operation.RESTORE;
        return measured(operation, () -> locked(connection -> {
            long verifyStart = System.nanoTime();
            List<Manifest> chain = verifiedChain(connection, manifest);
            LOG.debugf("Checked the chain of %s in %d ms", id, (System.nanoTime() - verifyStart) / 1_000_000);
            connection.setAutoCommit(false);
            try {
                return dryRun ? dryRun(connection, chain, job) : restoreLive(connection, chain, actor, job);
            } catch (SQLException | IOException | RuntimeException e) {
                if (!dryRun) {
                    auditFailedRestore(connection, actor, id, e);
                }
                throw e;
            }
        }), r -> 0L, RestoreResult::rows);
    }

    /** Best effort: the connection may be the thing that failed. */
    private static void auditFailedRestore(Connection connection, String actor, String id, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            BackupAudit.record(connection, actor, "backup.restore.failed", id, Map.of("reason", message(failure)));
        } catch (SQLException e) {
            LOG.warnf("The failed restore of %s could not be audited: %s", id, e.getMessage());
        }
    }

    /**
     * A backup older than an erasure still holds the person: they are erased again in the restoring
     * transaction, so they are never visible ({@code erased_users} is merged, not replaced). Answers
     * how many people that was.
     */
    private static int eraseAgain(Connection connection) throws SQLException {
        int erased = 0;
        try (Statement st = connection.createStatement()) {
            for (String sql : ErasureService.REAPPLY_SQL) {
                erased = st.executeUpdate(sql); // the last statement deletes the users
            }
        }
        if (erased > 0) {
            LOG.infof("Erased %d people again whom the restored backup still held", erased);
        }
        return erased;
    }

    /** Restores the newest chain into temporary tables and compares them with its manifest. */
    public DrillResult drill() {
        return measured(Operation.DRILL, () -> locked(connection -> {
            Manifest newest = repository.all().stream().findFirst()
                    .orElseThrow(() -> new Failure(Stage.VERIFICATION, "there is no backup to drill", null));
            List<Manifest> chain = verifiedChain(connection, newest);
            connection.setAutoCommit(false);
            try {
                ChainLoader loader = new ChainLoader(connection, storage, files, false, Set.of());
                loader.load(chain, (table, rows) -> {
                });
                List<String> problems = loader.differences(newest, true);
                if (!problems.isEmpty()) {
                    throw new Failure(Stage.VERIFICATION, "drill of " + newest.id() + " found: "
                            + String.join("; ", problems), null);
                }
                Manifest last = chain.get(chain.size() - 1);
                return new DrillResult(newest.id(), chain.stream().map(Manifest::id).toList(), true,
                        last.tables().size(), last.tables().stream().mapToLong(Manifest.TableEntry::tableRows).sum(),
                        List.of());
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }), r -> 0L, DrillResult::rows);
    }

    /** Deletes a backup no other backup depends on. */
    public void delete(String id, String actor) {
        locked(connection -> {
            List<Manifest> all = repository.all();
            if (!storage.exists(id)) {
                throw ProblemException.notFound("Backup " + id);
            }
            List<String> dependents = repository.dependents(id, all);
            if (!dependents.isEmpty()) {
                throw ProblemException.conflict("Backup " + id + " is the base of " + String.join(", ", dependents)
                        + "; delete those first");
            }
            storage.delete(id);
            BackupAudit.record(connection, actor, "backup.delete", id, Map.of());
            return null;
        });
    }

    /** Deletes what the retention rules let go (see {@link RetentionPolicy}), and drafts of dead runs. */
    RetentionResult retention(Instant now, Duration maxAge, int maxCount) {
        return locked(connection -> {
            List<Manifest> all = repository.all();
            List<String> deleted = RetentionPolicy.toDelete(all,
                    id -> repository.lastVerification(id).map(BackupRepository.Verified::ok).orElse(false),
                    now, maxAge, maxCount);
            for (String id : deleted) {
                storage.delete(id);
                BackupAudit.record(connection, BackupAudit.SCHEDULER, "backup.delete", id, Map.of("reason", "retention"));
            }
            int drafts = storage.removeAbandonedDrafts(Duration.ofDays(1).toMillis());
            pruneTombstones(connection);
            return new RetentionResult(deleted, drafts);
        });
    }

    /** The newest backup time in the storage, for the metrics after a restart. */
    Optional<Instant> newestBackupTime() {
        return repository.all().stream().findFirst().map(Manifest::createdAt);
    }

    /** The chain of a backup, each one checked before anything of it reaches the database. */
    private List<Manifest> verifiedChain(Connection connection, Manifest manifest) throws SQLException {
        List<Manifest> chain;
        try {
            chain = repository.chain(manifest);
        } catch (IllegalStateException e) {
            throw new Failure(Stage.VERIFICATION, e.getMessage(), null);
        }
        String schemaVersion = SchemaCatalog.schemaVersion(connection);
        for (Manifest m : chain) {
            // the stored bytes against the manifest here; rows and digests while loading, before any commit
            BackupVerifier.Report report = verifier.verify(m, schemaVersion, false);
            if (!report.ok()) {
                repository.recordVerification(report);
                throw new Failure(Stage.VERIFICATION, "backup " + m.id() + " failed verification: "
                        + String.join("; ", report.problems()), null);
            }
        }
        return chain;
    }

    private RestoreResult restoreLive(Connection connection, List<Manifest> chain, String actor, BackupJobs.Job job)
            throws SQLException, IOException {
        Manifest last = chain.get(chain.size() - 1);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + config.restore().lockTimeout().toMillis());
            st.execute("SET LOCAL maintenance_work_mem = " + SchemaCatalog.literal(config.restore().maintenanceWorkMem()));
        }
        ChainLoader loader = new ChainLoader(connection, storage, files, true, config.restore().mergeTables());
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
        // a full backup alone was checked row count by row count by COPY; a chain is checked as a whole
        boolean sameSchema = last.schemaVersion().equals(SchemaCatalog.schemaVersion(connection));
        List<String> problems = chain.size() == 1 ? List.of()
                : loader.differences(last, config.restore().checkDigests() && sameSchema);
        if (!problems.isEmpty()) {
            throw new Failure(Stage.VERIFICATION, "the restored data does not match the backup: "
                    + String.join("; ", problems), null);
        }
        millis.put("check", (System.nanoTime() - checkStart) / 1_000_000);
        int erasedAgain = eraseAgain(connection);
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
        boolean cacheCleared = clearCache();
        return new RestoreResult(last.id(), chain.stream().map(Manifest::id).toList(), false, tables, rows, erasedAgain,
                cacheCleared, millis);
    }

    private RestoreResult dryRun(Connection connection, List<Manifest> chain, BackupJobs.Job job)
            throws SQLException, IOException {
        Manifest last = chain.get(chain.size() - 1);
        try {
            ChainLoader loader = new ChainLoader(connection, storage, files, false, Set.of());
            loader.load(chain, job == null ? (t, r) -> {
            } : job);
            List<String> problems = loader.differences(last, true);
            if (!problems.isEmpty()) {
                throw new Failure(Stage.VERIFICATION, "the backup does not restore to what it recorded: "
                        + String.join("; ", problems), null);
            }
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
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
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

    /**
     * Empties the cache after a restore: it holds the data from before. The cache's own clear
     * changes its epoch first, so no entry from before is served even while its keys are removed.
     * Waits on this worker thread, bounded; a failure is reported, not thrown (the cache's circuit
     * breaker then keeps it out of use until the epoch has changed).
     */
    private boolean clearCache() {
        try {
            long removed = cache.clear(null).await().atMost(CACHE_CLEAR_LIMIT);
            LOG.debugf("Cleared %d cached entries after the restore", removed);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("The cache could not be cleared after the restore (%s)", firstLine(e.getMessage()));
            metrics.failed(Operation.RESTORE, Stage.CACHE, Duration.ZERO);
            return false;
        }
    }

    /** Tombstones that every kept backup of the current lineage has seen are of no further use. */
    private void pruneTombstones(Connection connection) throws SQLException {
        var lineage = SchemaCatalog.lineage(connection);
        List<Manifest> current = repository.all().stream().filter(m -> lineage.equals(m.lineage())).toList();
        if (current.isEmpty()) {
            return;
        }
        String oldest = current.get(current.size() - 1).snapshot();
        try (Statement st = connection.createStatement()) {
            st.execute("DELETE FROM backup_deletions WHERE pg_visible_in_snapshot(xid, "
                    + SchemaCatalog.literal(oldest) + "::pg_snapshot)");
        }
    }

    private boolean trustworthy(Manifest manifest) {
        try {
            return verifier.checkManifest(manifest, null).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private String currentSchemaVersion() {
        try (Connection connection = dataSource.getConnection()) {
            return SchemaCatalog.schemaVersion(connection);
        } catch (SQLException e) {
            throw new Failure(Stage.DATABASE, "the database failed: " + firstLine(e.getMessage()), e);
        }
    }

    private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** PostgreSQL's detail lines may quote a row (personal data): job errors and logs get the first line only. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static String message(Throwable e) {
        return e.getMessage() != null ? firstLine(e.getMessage()) : e.getClass().getSimpleName();
    }

    /** Runs an operation and records its duration, size or failure stage. Skips ({@link Busy}) are not failures. */
    private <T> T measured(Operation operation, java.util.function.Supplier<T> run,
            java.util.function.ToLongFunction<T> bytes, java.util.function.ToLongFunction<T> rows) {
        long start = System.nanoTime();
        try {
            T result = run.get();
            metrics.succeeded(operation, Duration.ofNanos(System.nanoTime() - start), bytes.applyAsLong(result),
                    rows.applyAsLong(result));
            return result;
        } catch (Busy | ProblemException e) {
            throw e;
        } catch (Failure e) {
            metrics.failed(operation, e.stage, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } catch (RuntimeException e) {
            metrics.failed(operation, Stage.INTERNAL, Duration.ofNanos(System.nanoTime() - start));
            throw new Failure(Stage.INTERNAL, message(e), e);
        }
    }
}
