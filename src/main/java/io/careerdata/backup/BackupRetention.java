package io.careerdata.backup;

import io.careerdata.backup.storage.BackupStorage;
import io.careerdata.common.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deleting backups: one on request, when no other backup depends on it, and what the retention
 * rules ({@link RetentionPolicy}) let go, with drafts of dead runs. Blocking, holding the backup lock.
 */
@ApplicationScoped
public class BackupRetention {

    @Inject
    BackupLock lock;

    @Inject
    BackupRepository repository;

    @Inject
    BackupStorage storage;

    @Inject
    Tombstones tombstones;

    @RegisterForReflection
    public record RetentionResult(List<String> deleted, int drafts) {
    }

    /** Deletes a backup no other backup depends on. */
    public void delete(String id, String actor) {
        lock.locked(connection -> {
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

    /** Deletes what the retention rules let go, and drafts of dead runs. */
    RetentionResult retention(Instant now, Duration maxAge, int maxCount) {
        return lock.locked(connection -> {
            List<Manifest> all = repository.all();
            List<String> deleted = RetentionPolicy.toDelete(all,
                    id -> repository.lastVerification(id).map(BackupRepository.Verified::ok).orElse(false),
                    now, maxAge, maxCount);
            for (String id : deleted) {
                storage.delete(id);
                BackupAudit.record(connection, BackupAudit.SCHEDULER, "backup.delete", id, Map.of("reason", "retention"));
            }
            int drafts = storage.removeAbandonedDrafts(Duration.ofDays(1).toMillis());
            tombstones.prune(connection);
            return new RetentionResult(deleted, drafts);
        });
    }
}
