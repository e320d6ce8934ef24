package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Verification of a backup together with its chain: on request and on schedule (every file read
 * through, the outcome kept beside the backup), and before anything of a chain reaches the
 * database in a restore, dry run or drill (the stored bytes against the manifest). Blocking.
 */
@ApplicationScoped
public class BackupVerification {

    private static final Logger LOG = Logger.getLogger(BackupVerification.class);

    @Inject
    BackupLock lock;

    @Inject
    BackupRepository repository;

    @Inject
    BackupVerifier verifier;

    @Inject
    BackupMetrics metrics;

    /** Verifies one backup and its base chain, and keeps the outcome beside it. Needs no lock: it only reads. */
    public BackupVerifier.Report verify(String id) {
        Manifest manifest = repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id));
        return metrics.measured(Operation.VERIFY, () -> {
            String schemaVersion = lock.unlocked(SchemaCatalog::schemaVersion);
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
                throw new BackupFailure(Stage.VERIFICATION, "backup " + id + " failed verification: "
                        + String.join("; ", complete.problems()), null);
            }
            return complete;
        }, r -> manifest.totalBytes(), BackupVerifier.Report::rows);
    }

    /** The chain of a backup, each one checked before anything of it reaches the database. */
    List<Manifest> verifiedChain(Connection connection, Manifest manifest) throws SQLException {
        long start = System.nanoTime();
        List<Manifest> chain;
        try {
            chain = repository.chain(manifest);
        } catch (IllegalStateException e) {
            throw new BackupFailure(Stage.VERIFICATION, e.getMessage(), null);
        }
        String schemaVersion = SchemaCatalog.schemaVersion(connection);
        for (Manifest m : chain) {
            // the stored bytes against the manifest here; rows and digests while loading, before any commit
            BackupVerifier.Report report = verifier.verify(m, schemaVersion, false);
            if (!report.ok()) {
                repository.recordVerification(report);
                throw new BackupFailure(Stage.VERIFICATION, "backup " + m.id() + " failed verification: "
                        + String.join("; ", report.problems()), null);
            }
        }
        LOG.debugf("Checked the chain of %s in %d ms", manifest.id(), (System.nanoTime() - start) / 1_000_000);
        return chain;
    }
}
