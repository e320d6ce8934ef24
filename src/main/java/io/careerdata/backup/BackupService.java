package io.careerdata.backup;

import io.careerdata.backup.storage.BackupStorage;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.security.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The API's side of backups: starts jobs and answers at once, lists and reads backups. The work
 * itself (the operation beans: {@link BackupCreator}, {@link BackupRestore}, ...) and all file access run on worker threads, never on the event loop.
 */
@ApplicationScoped
public class BackupService {

    @Inject
    BackupCreator creator;

    @Inject
    BackupVerification verification;

    @Inject
    BackupRestore restore;

    @Inject
    RestoreDryRun restoreDryRun;

    @Inject
    BackupRetention retention;

    @Inject
    BackupRepository repository;

    @Inject
    BackupStorage storage;

    @Inject
    BackupJobs jobs;

    @Inject
    Caller caller;

    public Uni<BackupJobs.JobView> startBackup(BackupType type) {
        String actor = caller.actor();
        return start(jobs.newJob("backup", actor, null), job -> creator.backup(type, actor, job));
    }

    public Uni<BackupJobs.JobView> startVerify(String id) {
        return requireBackup(id).chain(() -> start(jobs.newJob("verify", caller.actor(), id), job -> verification.verify(id)));
    }

    public Uni<BackupJobs.JobView> startRestore(String id, boolean dryRun) {
        String actor = caller.actor();
        return requireBackup(id).chain(() -> start(jobs.newJob(dryRun ? "dry-run" : "restore", actor, id),
                job -> dryRun ? restoreDryRun.dryRun(id, job) : restore.restore(id, actor, job)));
    }

    public Uni<BackupJobs.JobView> job(UUID id) {
        return jobs.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("Job " + id)));
    }

    public Uni<Page<BackupRepository.Summary>> list(PageRequest request) {
        int page = request.page();
        int size = request.size();
        return blocking(() -> {
            List<Manifest> all = repository.all();
            List<BackupRepository.Summary> items = all.stream().skip((long) page * size).limit(size)
                    .map(repository::summary).toList();
            return new Page<>(items, page, size, all.size());
        });
    }

    public Uni<Manifest> manifest(String id) {
        return blocking(() -> repository.manifest(id).orElseThrow(() -> ProblemException.notFound("Backup " + id)));
    }

    public Uni<Void> delete(String id) {
        String actor = caller.actor();
        return blocking(() -> {
            retention.delete(id, actor);
            return null;
        }).onFailure(BackupLock.Busy.class)
                .transform(e -> ProblemException.conflict("Another backup operation is running; try again later"))
                .replaceWithVoid();
    }

    private Uni<Void> requireBackup(String id) {
        return blocking(() -> {
            if (!storage.exists(id)) {
                throw ProblemException.notFound("Backup " + id);
            }
            return null;
        }).replaceWithVoid();
    }

    /** Records the job, hands its work to a worker thread, and answers with the queued job. */
    private Uni<BackupJobs.JobView> start(BackupJobs.Job job, Function<BackupJobs.Job, Object> work) {
        return jobs.save(job)
                .onFailure().invoke(() -> jobs.discard(job))
                .invoke(() -> Infrastructure.getDefaultWorkerPool().execute(() -> jobs.run(job, work)))
                .map(ignored -> job.view());
    }

    private static <T> Uni<T> blocking(Callable<T> work) {
        return Uni.createFrom().item(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
