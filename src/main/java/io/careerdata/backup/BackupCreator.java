package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes backups: picks the base of an incremental, has {@link BackupWriter} write the snapshot,
 * audits it and prunes the tombstones no kept backup needs. Blocking, holding the backup lock.
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
            tombstones.prune(connection);
            return new BackupResult(manifest.id(), manifest.type(), manifest.baseId(), note, manifest.tables().size(),
                    manifest.totalRows(), manifest.totalBytes());
        }), r -> r.bytes(), r -> r.rows());
    }

    private boolean trustworthy(Manifest manifest) {
        try {
            return verifier.checkManifest(manifest, null).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
