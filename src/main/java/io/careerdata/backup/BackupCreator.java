package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.replica.ReadReplica;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes backups: picks the base of an incremental, has {@link BackupWriter} write the snapshot,
 * audits it and prunes the tombstones no kept backup needs. Blocking, holding the backup lock. The
 * table data may come from the read replica ({@link ReadReplica}); everything else is the primary's.
 */
@ApplicationScoped
public class BackupCreator {

    @Inject
    BackupLock lock;

    @Inject
    BackupRepository repository;

    @Inject
    BackupWriter writer;

    @Inject
    BackupVerifier verifier;

    @Inject
    BackupMetrics metrics;

    @Inject
    Tombstones tombstones;

    @Inject
    ReadReplica replica;

    @RegisterForReflection
    public record BackupResult(String backupId, BackupType type, String baseId, String note, int tables, long rows,
            long bytes) {
    }

    /** Takes a backup. An incremental needs a base of the current lineage and schema; without one it is a full. */
    public BackupResult backup(BackupType requested, String actor, BackupJobs.Job job) {
        return metrics.measured(Operation.BACKUP, () -> lock.locked(connection -> {
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
            // tombstone triggers on the primary first: a replica that serves has replayed them
            connection.setAutoCommit(true);
            SchemaCatalog.trackDeletions(connection);
            Manifest manifest = writeSnapshot(connection, base, job);
            if (job != null) {
                job.backupId(manifest.id());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", manifest.type().value());
            details.put("baseId", manifest.baseId());
            details.put("rows", manifest.totalRows());
            details.put("bytes", manifest.totalBytes());
            BackupAudit.record(connection, actor, "backup.create", manifest.id(), details);
            tombstones.prune(connection);
            return new BackupResult(manifest.id(), manifest.type(), manifest.baseId(), note, manifest.tables().size(),
                    manifest.totalRows(), manifest.totalBytes());
        }), r -> r.bytes(), r -> r.rows());
    }

    /**
     * The table data from the read replica's snapshot when it may serve and has replayed everything
     * so far, else from the primary over the lock's connection. Job rows, the lock, the audit entry
     * and the tombstones stay on the primary.
     */
    private Manifest writeSnapshot(Connection primary, Manifest base, BackupJobs.Job job) throws SQLException, IOException {
        Optional<Connection> onReplica = replica.replicaConnection(ReadReplica.Work.BACKUP, true);
        if (onReplica.isEmpty()) {
            return writer.write(primary, base, job);
        }
        try (Connection data = onReplica.get()) {
            return writer.write(data, base, job);
        }
    }

    private boolean trustworthy(Manifest manifest) {
        try {
            return verifier.checkManifest(manifest, null).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
