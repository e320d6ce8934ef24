package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps {@code backup.last.success.timestamp} true where this replica did not run the work itself:
 * after a restart, and after a run it skipped because another replica held the backup lock. Both
 * read the finish times of succeeded jobs in {@code backup_jobs}, which all replicas share. Blocking
 * (bounded): called at start-up and on worker threads.
 */
@ApplicationScoped
class SuccessGauges {

    private static final Logger LOG = Logger.getLogger(SuccessGauges.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    /** The job kinds whose success each gauge shows; a dry run rehearses a restore as a drill does. */
    private static final Map<Operation, List<String>> KINDS = Map.of(
            Operation.BACKUP, List.of("backup"),
            Operation.VERIFY, List.of("verify"),
            Operation.DRILL, List.of("drill", "dry-run"));

    @Inject
    Pool pool;

    @Inject
    BackupRepository repository;

    @Inject
    BackupMetrics metrics;

    /** At start-up: every gauge from the job history; the backup one also from the newest backup stored. */
    void load() {
        KINDS.keySet().forEach(this::refresh);
        try {
            repository.all().stream().findFirst()
                    .ifPresent(newest -> metrics.knownSuccess(Operation.BACKUP, newest.createdAt()));
        } catch (RuntimeException e) {
            LOG.warnf("The backup storage could not be read at start-up: %s", e.getMessage());
        }
    }

    /** After a job of {@code kind} was skipped: the gauge of its operation from the job history. */
    void refreshAfterSkip(String kind) {
        KINDS.forEach((operation, kinds) -> {
            if (kinds.contains(kind)) {
                refresh(operation);
            }
        });
    }

    private void refresh(Operation operation) {
        try {
            Row row = pool.preparedQuery("SELECT max(finished_at) AS at FROM backup_jobs"
                            + " WHERE state = 'succeeded' AND kind = ANY ($1)")
                    .execute(Tuple.tuple().addArrayOfString(KINDS.get(operation).toArray(String[]::new)))
                    .await().atMost(READ_LIMIT).iterator().next();
            if (row.getOffsetDateTime("at") != null) {
                Instant at = row.getOffsetDateTime("at").toInstant();
                metrics.knownSuccess(operation, at);
            }
        } catch (RuntimeException e) {
            LOG.warnf("The last %s success could not be read from the job history: %s", operation.tag(),
                    e.getMessage());
        }
    }
}
