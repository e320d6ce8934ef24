package io.careerdata.backup;

import io.careerdata.backup.storage.BackupStorage;
import io.careerdata.jobs.TrackedJobs;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** The backup jobs as the heartbeats, the reaper and the shutdown see them (see {@link io.careerdata.jobs.JobHeartbeats}). */
@ApplicationScoped
public class BackupJobTracking implements TrackedJobs {

    private static final Logger LOG = Logger.getLogger(BackupJobTracking.class);
    private static final Table TABLE = new Table("backup_jobs", "'queued', 'running'", "finished_at",
            ", updated_at = now(), revision = revision + 1");

    @Inject
    BackupJobs jobs;

    @Inject
    BackupStorage storage;

    @Override
    public Table table() {
        return TABLE;
    }

    @Override
    public Set<UUID> runningHere() {
        return jobs.runningHere().stream().map(BackupJobs.Job::id).collect(Collectors.toSet());
    }

    @Override
    public void stop(Set<UUID> ids, String reason, boolean retryable) {
        jobs.runningHere().stream().filter(job -> ids.contains(job.id())).forEach(job -> job.stop(reason, retryable));
    }

    /** A lost backup leaves its draft (never a published backup); a restore rolled back with its session. */
    @Override
    public Uni<Void> cleanUp(List<Row> failed) {
        List<String> drafts = failed.stream().filter(row -> "backup".equals(row.getString("kind")))
                .map(row -> row.getString("backup_id")).filter(Objects::nonNull).toList();
        if (drafts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            for (String id : drafts) {
                try {
                    storage.removeDraft(id);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Draft of lost backup %s not removed (retention removes it later): %s", id, e.getMessage());
                }
            }
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
