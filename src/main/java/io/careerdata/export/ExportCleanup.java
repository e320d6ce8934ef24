package io.careerdata.export;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes what exports leave behind, every {@code export.cleanup-every}: jobs interrupted long ago
 * become failed; expired jobs lose their row; and every file whose job is not pending, running or
 * ready (expired, failed, deleted, or of an erased person) is deleted. Safe to run on every replica
 * at once: each step only deletes what no replica still needs.
 */
@ApplicationScoped
public class ExportCleanup {

    private static final Logger LOG = Logger.getLogger(ExportCleanup.class);

    /** What one run did. */
    public record Result(int failedAsStale, int expiredRows, int deletedExports) {
    }

    private final Pool pool;
    private final ExportStorage storage;
    private final ExportConfig config;
    private final ExportMetrics metrics;

    ExportCleanup(Pool pool, ExportStorage storage, ExportConfig config, ExportMetrics metrics) {
        this.pool = pool;
        this.storage = storage;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${export.cleanup-every:1h}", identity = "export-cleanup",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run()
                .invoke(result -> LOG.debugf("Export cleanup: %s", result))
                .onFailure().invoke(e -> LOG.warn("Export cleanup failed; it runs again later", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Result> run() {
        return pool.preparedQuery("UPDATE export_jobs SET state = 'failed', error = 'The export was interrupted',"
                        + " completed_at = now() WHERE state IN ('pending', 'running') AND created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.staleAfter())))
                .chain(stale -> pool.query("DELETE FROM export_jobs WHERE expires_at <= now()").execute()
                        .chain(expired -> deleteUnneededFiles()
                                .map(deleted -> new Result(stale.rowCount(), expired.rowCount(), deleted))))
                .invoke(result -> metrics.cleanedUp(result.deletedExports()));
    }

    private Uni<Integer> deleteUnneededFiles() {
        return Uni.createFrom().item(storage::exportPathsById)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> found.isEmpty() ? Uni.createFrom().item(0) : keptIds(found.keySet())
                        .chain(kept -> Uni.createFrom().item(() -> deleteAllBut(found, kept))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }

    private Uni<Set<UUID>> keptIds(Set<UUID> ids) {
        return pool.preparedQuery("SELECT id FROM export_jobs WHERE id = ANY($1)"
                        + " AND state IN ('pending', 'running', 'ready')")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> kept = new HashSet<>();
                    for (Row row : rows) {
                        kept.add(row.getUUID("id"));
                    }
                    return kept;
                });
    }

    private static int deleteAllBut(Map<UUID, List<Path>> found, Set<UUID> kept) {
        int deleted = 0;
        for (Map.Entry<UUID, List<Path>> export : found.entrySet()) {
            if (!kept.contains(export.getKey())) {
                ExportStorage.deleteAll(export.getValue());
                deleted++;
            }
        }
        return deleted;
    }
}
