package io.careerdata.export;

import io.careerdata.jobs.JobControl;
import io.careerdata.jobs.TrackedJobs;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The exports this replica is making, each with its stop switch and a signal that it has ended (its
 * outcome recorded, its files of an unfinished run removed). Heartbeats, the reaper and the shutdown see
 * them through {@link TrackedJobs}; an erasure stops the person's running exports and waits for them.
 */
@ApplicationScoped
public class RunningExports implements TrackedJobs {

    private static final Logger LOG = Logger.getLogger(RunningExports.class);
    private static final Table TABLE = new Table("export_jobs", "'pending', 'running'", "completed_at", "");
    /** The error a running export ends with when its person is erased. */
    static final String ERASED = "cancelled: the person's data was erased";

    private record Running(UUID userId, JobControl control, CompletableFuture<Void> ended) {
    }

    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    @Inject
    ExportStorage storage;

    /** Registers an export about to be made; answers its stop switch. */
    JobControl begin(UUID exportId, UUID userId) {
        return running.computeIfAbsent(exportId, id -> new Running(userId, new JobControl(), new CompletableFuture<>()))
                .control();
    }

    /** The export's outcome is recorded and its unneeded files are gone. */
    void end(UUID exportId) {
        Running ended = running.remove(exportId);
        if (ended != null) {
            ended.ended().complete(null);
        }
    }

    /** Stops the person's running exports here and waits (at most {@code wait}) until each has ended. */
    Uni<Void> stopUser(UUID userId, Duration wait) {
        List<CompletableFuture<Void>> ending = running.values().stream().filter(r -> r.userId().equals(userId))
                .peek(r -> r.control().stop(ERASED, false))
                .map(Running::ended).toList();
        if (ending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(wait).recoverWithItem(() -> {
                    LOG.warnf("An export of an erased person did not stop within %s; its files are deleted anyway", wait);
                    return null;
                })
                .replaceWithVoid();
    }

    @Override
    public Table table() {
        return TABLE;
    }

    /** Every export here has a committed row (it is started after the commit). */
    @Override
    public Set<UUID> runningHere() {
        return Set.copyOf(running.keySet());
    }

    @Override
    public void stop(Set<UUID> ids, String reason, boolean retryable) {
        ids.stream().map(running::get).filter(Objects::nonNull).forEach(r -> r.control().stop(reason, retryable));
    }

    /** Deletes the work directory (and any file) of each export failed as lost or interrupted. */
    @Override
    public Uni<Void> cleanUp(List<Row> failed) {
        return Uni.createFrom().item(() -> {
            failed.forEach(row -> storage.deleteExportNow(row.getUUID("user_id"), row.getUUID("id")));
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
