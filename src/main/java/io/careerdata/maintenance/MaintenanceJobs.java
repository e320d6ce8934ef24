package io.careerdata.maintenance;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs maintenance statements (REINDEX / CREATE INDEX CONCURRENTLY, VACUUM, ANALYZE) as jobs. Each
 * runs as one plain (simple protocol) query on a pooled reactive connection in autocommit: none of
 * these statements may run inside a transaction. One job at a time across replicas, under a
 * PostgreSQL advisory lock held by the job's session. Job states live in this replica's memory.
 */
@ApplicationScoped
public class MaintenanceJobs {

    private static final Logger LOG = Logger.getLogger(MaintenanceJobs.class);
    static final String LOCK = "hashtext('career-data-service:maintenance')";

    @Inject
    Pool pool;

    @Inject
    MaintenanceConfig config;

    private final Map<UUID, MaintenanceJob> jobs = new LinkedHashMap<>();

    /** The work of a job, given the job's connection; answers the job's result. */
    @FunctionalInterface
    interface Work extends Function<SqlConnection, Uni<Map<String, Object>>> {
    }

    /** Records a queued job and starts it; answers at once with the queued state. */
    public MaintenanceJob start(String kind, String target, String actor, String statement, Work work) {
        MaintenanceJob job = new MaintenanceJob(UUID.randomUUID(), kind, target, "queued", actor, statement, null, null,
                Instant.now(), null, null);
        put(job);
        run(job, work).subscribe().with(ignored -> {
        }, e -> LOG.errorf(e, "Maintenance job %s could not be recorded", job.id()));
        return job;
    }

    public Optional<MaintenanceJob> find(UUID id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private Uni<Void> run(MaintenanceJob queued, Work work) {
        return pool.withConnection(connection -> connection.query("SELECT pg_try_advisory_lock(" + LOCK + ")").execute()
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(queued.failed("another maintenance job is running; try again later"));
                    }
                    MaintenanceJob running = put(queued.running());
                    return work.apply(connection).map(running::succeeded)
                            .onFailure().recoverWithItem(e -> running.failed(message(e)))
                            .call(() -> connection.query("SELECT pg_advisory_unlock(" + LOCK + ")").execute()
                                    .onFailure().recoverWithNull());
                }))
                .onFailure().recoverWithItem(e -> queued.failed(message(e)))
                .invoke(this::put)
                .invoke(done -> LOG.infof("Maintenance job %s (%s %s) %s%s", done.id(), done.kind(), done.target(),
                        done.state(), done.error() == null ? "" : ": " + done.error()))
                .replaceWithVoid();
    }

    private MaintenanceJob put(MaintenanceJob job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
            // forget the oldest finished jobs beyond the history size
            var oldest = jobs.values().iterator();
            while (jobs.size() > config.jobHistory() && oldest.hasNext()) {
                if (oldest.next().finished()) {
                    oldest.remove();
                }
            }
        }
        return job;
    }

    /** PostgreSQL's own message (first line): it names the index or table, never the service's internals. */
    private static String message(Throwable e) {
        String text = e.getMessage() == null ? "the database failed" : e.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
