package io.careerdata.jobs;

import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keeps the jobs of every replica honest. Each replica refreshes {@code heartbeat_at} of the jobs it
 * runs; any replica fails a job whose heartbeat is older than {@code jobs.lost-after} ("instance lost",
 * retryable), removes its partial files and ends the database sessions the lost instance holds locks
 * with. One UPDATE ... RETURNING per table: when several replicas reap at once, each row is failed,
 * and cleaned up, by exactly one of them.
 */
@ApplicationScoped
public class JobHeartbeats {

    private static final Logger LOG = Logger.getLogger(JobHeartbeats.class);
    /** The error of a lost job; {@code %s} is the instance that ran it (PostgreSQL's format()). */
    public static final String LOST = "instance lost: the replica running this job (%s) stopped sending heartbeats;"
            + " run it again";
    static final String TAKEN = "this job's record was failed or removed elsewhere (lost instance or erasure)";

    @Inject
    Pool pool;

    @Inject
    InstanceId instance;

    @Inject
    JobsConfig config;

    @Inject
    @All
    List<TrackedJobs> kinds;

    @Scheduled(every = "${jobs.heartbeat-every:5s}", identity = "jobs-heartbeat",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        return each(this::beat)
                .onFailure().invoke(e -> LOG.warnf("Job heartbeats not written: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${jobs.reap-every:15s}", identity = "jobs-reaper",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledReap() {
        return reap().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Lost jobs not reaped; trying again later: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Refreshes the heartbeats of this replica's jobs; a job whose row is no longer its own is stopped. */
    Uni<Void> beat(TrackedJobs kind) {
        Set<UUID> here = kind.runningHere();
        if (here.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        TrackedJobs.Table t = kind.table();
        return pool.preparedQuery("UPDATE " + t.name() + " SET heartbeat_at = now() WHERE id = ANY($1)"
                        + " AND instance_id = $2 AND state IN (" + t.activeStates() + ") RETURNING id")
                .execute(Tuple.of(here.toArray(UUID[]::new), instance.value()))
                .invoke(rows -> {
                    Set<UUID> gone = new HashSet<>(here);
                    ids(rows).forEach(gone::remove);
                    gone.retainAll(kind.runningHere()); // a job that ended meanwhile is not stopped
                    if (!gone.isEmpty()) {
                        LOG.warnf("Jobs %s of %s are no longer this replica's; stopping them", gone, t.name());
                        kind.stop(gone, TAKEN, false);
                    }
                })
                .replaceWithVoid();
    }

    /** Fails every lost job, of every replica; answers how many. */
    public Uni<Integer> reap() {
        List<Integer> counts = new ArrayList<>();
        return each(kind -> reap(kind).invoke(counts::add).replaceWithVoid())
                .map(done -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> reap(TrackedJobs kind) {
        TrackedJobs.Table t = kind.table();
        return fail(t, "format($1, coalesce(instance_id, 'unknown'))",
                "coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $2)",
                Tuple.of(LOST, config.lostAfter().toMillis() / 1000.0))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Set<UUID> lost = new HashSet<>();
                    Set<String> instances = new HashSet<>();
                    rows.forEach(row -> {
                        lost.add(row.getUUID("id"));
                        String by = row.getString("instance_id");
                        if (by != null && !by.equals(instance.value())) {
                            instances.add(by);
                        }
                    });
                    LOG.warnf("Failed %d lost jobs of %s (instances %s)", rows.size(), t.name(), instances);
                    lost.retainAll(kind.runningHere()); // this replica stalled past the limit itself
                    if (!lost.isEmpty()) {
                        kind.stop(lost, TAKEN, true);
                    }
                    return endSessionsOf(instances).chain(() -> kind.cleanUp(rows)).replaceWith(rows.size());
                });
    }

    /** Fails this replica's unfinished jobs of {@code kind} as interrupted and retryable (a shutdown); answers the rows. */
    Uni<List<Row>> failHere(TrackedJobs kind, String reason) {
        return fail(kind.table(), "$1", "instance_id = $2", Tuple.of(reason, instance.value()));
    }

    private Uni<List<Row>> fail(TrackedJobs.Table t, String error, String condition, Tuple params) {
        return pool.preparedQuery("UPDATE " + t.name() + " SET state = 'failed', error = " + error
                        + ", retryable = true, " + t.endedColumn() + " = now()" + t.alsoSet()
                        + " WHERE state IN (" + t.activeStates() + ") AND " + condition + " RETURNING *")
                .execute(params)
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    /**
     * An advisory lock lives as long as the session that took it; the session of a hung or cut-off
     * instance may outlive the instance's usefulness for a long time (TCP keepalive), so it is ended.
     */
    private Uni<Void> endSessionsOf(Set<String> instances) {
        if (instances.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] names = instances.stream().map(InstanceId::lockHolderName).toArray(String[]::new);
        return pool.preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = ANY($1) AND pid <> pg_backend_pid()")
                .execute(Tuple.of(names))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        LOG.warnf("Ended %d database sessions of lost instances %s", rows.size(), instances);
                    }
                })
                .replaceWithVoid();
    }

    /** One kind after the other: never two statements at once from one caller. */
    private Uni<Void> each(Function<TrackedJobs, Uni<Void>> work) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (TrackedJobs kind : kinds) {
            all = all.chain(() -> work.apply(kind));
        }
        return all;
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }
}
