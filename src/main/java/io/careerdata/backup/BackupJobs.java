package io.careerdata.backup;

import io.careerdata.common.ProblemException;
import io.careerdata.jobs.InstanceId;
import io.careerdata.jobs.JobControl;
import io.careerdata.jobs.JobsConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Backup, verify and restore jobs, kept in the database so that any replica answers
 * {@code GET /jobs/{id}}. The replica running a job writes its whole state with each change, with
 * a revision that only grows: writes may arrive in any order, the newest wins, and a finished row
 * (succeeded, failed, skipped) is never changed again, so a job failed as lost stays failed. Each row
 * names the instance running it and carries its heartbeat ({@link BackupJobTracking}).
 */
@ApplicationScoped
public class BackupJobs {

    private static final Logger LOG = Logger.getLogger(BackupJobs.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 1000;

    private static final String UPSERT = """
            INSERT INTO backup_jobs (id, kind, state, backup_id, actor, tables_done, tables_total, rows_done, rows_total,
                                     result, error, revision, created_at, updated_at, finished_at, instance_id,
                                     heartbeat_at, retryable)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14, $15, now(), $16)
            ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, backup_id = EXCLUDED.backup_id,
                tables_done = EXCLUDED.tables_done, tables_total = EXCLUDED.tables_total,
                rows_done = EXCLUDED.rows_done, rows_total = EXCLUDED.rows_total, result = EXCLUDED.result,
                error = EXCLUDED.error, revision = EXCLUDED.revision, updated_at = now(),
                finished_at = EXCLUDED.finished_at, heartbeat_at = now(), retryable = EXCLUDED.retryable
            WHERE backup_jobs.revision < EXCLUDED.revision AND backup_jobs.state IN ('queued', 'running')""";

    @Inject
    Pool pool;

    @Inject
    ManifestCodec codec;

    @Inject
    SuccessGauges gauges;

    @Inject
    InstanceId instance;

    @Inject
    JobsConfig jobsConfig;

    /** The jobs of this replica that are not finished, by id. */
    private final Map<UUID, Job> running = new ConcurrentHashMap<>();

    /** What {@code GET /jobs/{id}} answers. */
    @RegisterForReflection
    public record JobView(UUID id, String kind, String state, String backupId, String actor, Progress progress,
            Map<String, Object> result, String error, boolean retryable, Instant createdAt, Instant updatedAt,
            Instant finishedAt) {
    }

    /** Tables and rows done, of the total (rows of a backup are the planner's estimate). */
    @RegisterForReflection
    public record Progress(int tablesDone, int tablesTotal, long rowsDone, long rowsTotal) {
    }

    /** A job being run by this replica. */
    public final class Job implements BackupWriter.Progress, ChainLoader.Listener {
        private final UUID id = UUID.randomUUID();
        private final JobControl control = new JobControl();
        private volatile boolean recorded;
        private boolean retryable;
        private final String kind;
        private final String actor;
        private final Instant createdAt = Instant.now();
        private String state = "queued";
        private String backupId;
        private int tablesDone;
        private int tablesTotal;
        private long rowsDone;
        private long rowsTotal;
        private Map<String, Object> result;
        private String error;
        private Instant finishedAt;
        private int revision;
        private long lastSave;

        private Job(String kind, String actor, String backupId) {
            this.kind = kind;
            this.actor = actor;
            this.backupId = backupId;
        }

        public UUID id() {
            return id;
        }

        /** Asks the run to stop at its next step (a table). */
        void stop(String reason, boolean canRetry) {
            control.stop(reason, canRetry);
        }

        public String actor() {
            return actor;
        }

        public synchronized String state() {
            return state;
        }

        public synchronized void running() {
            state = "running";
            saveLater(true);
        }

        public synchronized void backupId(String value) {
            backupId = value;
        }

        /** The id of the backup being written is known before its first file: a lost run's draft can be found. */
        @Override
        public synchronized void writing(String id) {
            backupId = id;
            saveLater(true);
        }

        @Override
        public void started(int tables, long rows) {
            synchronized (this) {
                tablesTotal = tables;
                rowsTotal = rows;
                saveLater(true);
            }
            control.check();
        }

        /** Also where a stopped job stops (outside the monitor: the pace may wait). */
        @Override
        public void tableDone(long rows) {
            synchronized (this) {
                tablesDone++;
                rowsDone += rows;
                saveLater(false);
            }
            control.step(jobsConfig.pace());
        }

        @Override
        public void tableLoaded(String table, long rows) {
            tableDone(rows);
        }

        public void finished(String finalState, Map<String, Object> outcome, String failure) {
            finished(finalState, outcome, failure, false);
        }

        synchronized void finished(String finalState, Map<String, Object> outcome, String failure, boolean canRetry) {
            state = finalState;
            result = outcome;
            error = failure;
            retryable = canRetry;
            finishedAt = Instant.now();
            running.remove(id);
            saveLater(true);
        }

        public synchronized JobView view() {
            return new JobView(id, kind, state, backupId, actor, new Progress(tablesDone, tablesTotal, rowsDone, rowsTotal),
                    result, error, retryable, createdAt, Instant.now(), finishedAt);
        }

        /** Progress is written at most once a second; state changes always. */
        private void saveLater(boolean always) {
            long now = System.currentTimeMillis();
            if (!always && now - lastSave < PROGRESS_INTERVAL_MILLIS) {
                return;
            }
            lastSave = now;
            save(this).subscribe().with(ok -> {
            }, e -> LOG.warnf("Job %s could not be recorded: %s", id, e.getMessage()));
        }
    }

    public Job newJob(String kind, String actor, String backupId) {
        Job job = new Job(kind, actor, backupId);
        running.put(job.id, job);
        return job;
    }

    /**
     * Runs a job's work on the calling (worker) thread and records how it ended: succeeded with
     * its result, skipped when another run held the backup lock (the success gauge is then read
     * from the job history), or failed with a message meant for an operator (never a stack trace).
     */
    public void run(Job job, Function<Job, Object> work) {
        job.running();
        try {
            Object result = work.apply(job);
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = result == null ? null : codec.mapper().convertValue(result, Map.class);
            job.finished("succeeded", outcome, null);
        } catch (BackupLock.Busy e) {
            LOG.infof("%s job %s skipped: %s", job.kind, job.id, e.getMessage());
            job.finished("skipped", null, e.getMessage());
            gauges.refreshAfterSkip(job.kind); // the replica that ran it records its success
        } catch (JobControl.Stopped e) {
            LOG.warnf("%s job %s stopped: %s", job.kind, job.id, e.getMessage());
            job.finished("failed", null, e.getMessage(), e.retryable());
        } catch (BackupFailure | ProblemException e) {
            LOG.warnf("%s job %s failed: %s", job.kind, job.id, e.getMessage());
            job.finished("failed", null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s job %s failed", job.kind, job.id);
            job.finished("failed", null, "internal error (see the service log for job " + job.id + ")");
        }
    }

    /** Writes the job's current state; a later revision already written is kept. */
    public Uni<Void> save(Job job) {
        Tuple tuple;
        synchronized (job) {
            job.revision++;
            tuple = Tuple.tuple()
                    .addUUID(job.id).addString(job.kind).addString(job.state).addString(job.backupId)
                    .addString(job.actor).addInteger(job.tablesDone).addInteger(job.tablesTotal)
                    .addLong(job.rowsDone).addLong(job.rowsTotal)
                    .addValue(job.result == null ? null : new JsonObject(job.result))
                    .addString(job.error).addInteger(job.revision)
                    .addOffsetDateTime(job.createdAt.atOffset(ZoneOffset.UTC))
                    .addOffsetDateTime(job.finishedAt == null ? null : job.finishedAt.atOffset(ZoneOffset.UTC))
                    .addString(instance.value()).addBoolean(job.retryable);
        }
        return pool.preparedQuery(UPSERT).execute(tuple).invoke(() -> job.recorded = true).replaceWithVoid();
    }

    /** This replica's unfinished jobs whose row has been written. */
    List<Job> runningHere() {
        return running.values().stream().filter(job -> job.recorded).toList();
    }

    /** A job whose run never started (its first record failed). */
    void discard(Job job) {
        running.remove(job.id);
    }

    public Uni<Optional<JobView>> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM backup_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(RowSet::iterator)
                .map(rows -> rows.hasNext() ? Optional.of(view(rows.next())) : Optional.empty());
    }

    public Uni<Integer> forgetFinishedBefore(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM backup_jobs WHERE finished_at < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).map(RowSet::rowCount);
    }

    private static JobView view(Row row) {
        JsonObject result = row.getJsonObject("result");
        return new JobView(row.getUUID("id"), row.getString("kind"), row.getString("state"), row.getString("backup_id"),
                row.getString("actor"),
                new Progress(row.getInteger("tables_done"), row.getInteger("tables_total"), row.getLong("rows_done"),
                        row.getLong("rows_total")),
                result == null ? null : result.getMap(), row.getString("error"), row.getBoolean("retryable"),
                instant(row, "created_at"),
                instant(row, "updated_at"), instant(row, "finished_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
