package io.careerdata.backup;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The scheduled runs. Every replica fires them; the backup lock in PostgreSQL lets one replica do
 * the work and the others skip (their job ends as {@code skipped}). A schedule set to {@code off}
 * never fires. Scheduled methods run on worker threads, where blocking work is allowed.
 */
@ApplicationScoped
public class BackupScheduler {

    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

    @Inject
    BackupCreator creator;

    @Inject
    BackupVerification verification;

    @Inject
    RestoreDrill restoreDrill;

    @Inject
    BackupRetention retention;

    @Inject
    BackupRepository repository;

    @Inject
    BackupJobs jobs;

    @Inject
    BackupConfig config;

    @Inject
    SuccessGauges gauges;

    @Scheduled(identity = "backup-daily", cron = "{backup.schedule.daily}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        backupAndRetain(BackupType.INCREMENTAL);
    }

    @Scheduled(identity = "backup-weekly", cron = "{backup.schedule.weekly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        backupAndRetain(BackupType.FULL);
    }

    @Scheduled(identity = "backup-monthly", cron = "{backup.schedule.monthly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void monthly() {
        backupAndRetain(BackupType.FULL);
    }

    @Scheduled(identity = "backup-verify", cron = "{backup.schedule.verify}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void verifyNewest() {
        List<Manifest> newest = repository.all().stream().limit(config.verify().newest()).toList();
        for (Manifest manifest : newest) {
            BackupJobs.Job job = jobs.newJob("verify", BackupAudit.SCHEDULER, manifest.id());
            jobs.run(job, j -> verification.verify(manifest.id()));
        }
    }

    @Scheduled(identity = "backup-drill", cron = "{backup.schedule.drill}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drill() {
        jobs.run(jobs.newJob("drill", BackupAudit.SCHEDULER, null), j -> restoreDrill.drill());
    }

    /** A scheduled backup, then retention. Answers the job: succeeded, skipped (another replica ran) or failed. */
    BackupJobs.JobView backupAndRetain(BackupType type) {
        BackupJobs.Job job = jobs.newJob("backup", BackupAudit.SCHEDULER, null);
        jobs.run(job, j -> creator.backup(type, BackupAudit.SCHEDULER, j));
        if ("succeeded".equals(job.state())) {
            try {
                var deleted = retention.retention(Instant.now(), config.retention().maxAge(),
                        config.retention().maxCount());
                if (!deleted.deleted().isEmpty()) {
                    LOG.infof("Retention deleted backups %s", deleted.deleted());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Retention did not run: %s", e.getMessage());
            }
            jobs.forgetFinishedBefore(Instant.now().minus(config.retention().jobHistory())).subscribe().with(
                    n -> LOG.debugf("Forgot %s finished backup jobs", n),
                    e -> LOG.warnf("Old backup jobs could not be removed: %s", e.getMessage()));
        }
        return job.view();
    }

    /** The success gauges an alert watches start from the job history, not from 0, after a restart. */
    void onStart(@Observes StartupEvent event) {
        gauges.load();
    }
}
