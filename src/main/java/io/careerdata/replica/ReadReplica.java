package io.careerdata.replica;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Where heavy read-only work runs: on the read replica (datasource {@code replica}) while it is
 * configured, reachable and at most {@code replica.max-lag} behind, else on the primary. The answer
 * is measured on the replica without blocking and reused for {@code replica.check-every}. Without a
 * configured replica every call goes straight to the primary, with nothing measured or counted.
 *
 * <p>A read that must hold every commit made before it starts (exports, statistics that the cache
 * keeps after an invalidation) also waits, up to {@code replica.catch-up-wait}, until the replica
 * has replayed the primary's current WAL position; else it goes to the primary.
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    /**
     * Seconds behind the primary; 0 while the replica streams and has replayed all it received (an
     * idle primary sends nothing, so the last replay timestamp grows old without any lag); null on
     * a server that is not a standby.
     */
    static final String LAG_SQL = "SELECT (CASE WHEN NOT pg_is_in_recovery() THEN NULL"
            + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
            + " AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0"
            + " ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END)::float8";
    /** Everything inserted into the WAL so far, a commit made with synchronous_commit off included. */
    private static final String PRIMARY_POSITION_SQL = "SELECT pg_current_wal_insert_lsn()::text";
    private static final String REPLAYED_SQL = "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn";
    private static final Duration REPLAY_POLL = Duration.ofMillis(20);

    /** Heavy read-only work that may move to the replica. */
    public enum Work {
        EXPORT, STATS, BACKUP;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Side { PRIMARY, REPLICA }

    private static final Uni<Side> ON_PRIMARY = Uni.createFrom().item(Side.PRIMARY);
    private static final Uni<Side> ON_REPLICA = Uni.createFrom().item(Side.REPLICA);

    @Inject
    ReplicaConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool primary;

    @Inject
    AgroalDataSource primaryJdbc;

    @Inject
    @ReactiveDataSource("replica")
    InjectableInstance<Pool> replicaPools;

    @Inject
    @DataSource("replica")
    InjectableInstance<AgroalDataSource> replicaDataSources;

    /** Null while no replica is configured (its reactive URL is needed for the checks). */
    private Pool replica;
    private AgroalDataSource replicaJdbc;
    private Uni<Double> lag;
    private volatile double lastLag = Double.NaN;
    private final Map<Work, Map<Side, Counter>> reads = new EnumMap<>(Work.class);

    @PostConstruct
    void findReplica() {
        replica = replicaPools.listActive().stream().findFirst().orElse(null);
        if (replica == null) {
            return;
        }
        replicaJdbc = replicaDataSources.listActive().stream().findFirst().orElse(null);
        lag = Uni.createFrom().deferred(this::measureLag).memoize().atLeast(config.checkEvery());
        Gauge.builder("career.replica.lag.seconds", this, ReadReplica::refreshedLag)
                .description("Replay lag of the read replica; NaN while it is unreachable or not a standby")
                .register(registry);
        for (Work work : Work.values()) {
            Map<Side, Counter> bySide = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                bySide.put(side, Counter.builder("career.replica.reads")
                        .description("Heavy read-only work started, by the server that served it")
                        .tag("work", work.tag()).tag("side", side.name().toLowerCase(Locale.ROOT)).register(registry));
            }
            reads.put(work, bySide);
        }
    }

    /** The replica's lag in seconds as last measured (at most check-every old); NaN when unreachable. */
    public Uni<Double> lagSeconds() {
        return replica == null ? Uni.createFrom().item(Double.NaN) : lag;
    }

    /**
     * Runs a non-blocking read on the replica when it may serve it, else on the primary. A read
     * that fails on the replica is run again on the primary.
     *
     * @param complete the read must hold every commit made before it starts
     */
    public <T> Uni<T> read(Work work, boolean complete, Function<SqlClient, Uni<T>> query) {
        if (replica == null) {
            return query.apply(primary);
        }
        return side(false, complete).chain(side -> {
            count(work, side);
            if (side == Side.PRIMARY) {
                return query.apply(primary);
            }
            return query.apply(replica).onFailure().recoverWithUni(failure -> {
                LOG.warnf("Read replica failed (%s); %s read again on the primary", failure.getMessage(), work.tag());
                count(work, Side.PRIMARY);
                return query.apply(primary);
            });
        });
    }

    /**
     * A JDBC connection for a blocking read (worker threads only): the replica's when it may serve
     * it, else the primary's. The caller makes it read-only and closes it.
     */
    public Connection connection(Work work, boolean complete) throws SQLException {
        Optional<Connection> onReplica = replicaConnection(work, complete);
        return onReplica.isPresent() ? onReplica.get() : primaryJdbc.getConnection();
    }

    /**
     * A JDBC connection to the replica when it may serve a blocking read now (worker threads only);
     * empty when the primary is to serve it, on a connection the caller already holds or takes.
     */
    public Optional<Connection> replicaConnection(Work work, boolean complete) {
        if (replica == null || replicaJdbc == null) {
            return Optional.empty();
        }
        Side side = side(true, complete).await().atMost(config.checkTimeout().multipliedBy(2).plus(config.catchUpWait()));
        if (side == Side.REPLICA) {
            try {
                Connection connection = replicaJdbc.getConnection();
                count(work, Side.REPLICA);
                return Optional.of(connection);
            } catch (SQLException e) {
                LOG.warnf("Read replica unreachable over JDBC (%s); %s reads from the primary", e.getMessage(), work.tag());
            }
        }
        count(work, Side.PRIMARY);
        return Optional.empty();
    }

    private Uni<Side> side(boolean jdbc, boolean complete) {
        if (jdbc && replicaJdbc == null) {
            return ON_PRIMARY;
        }
        return lag.chain(seconds -> !(seconds <= config.maxLag().toNanos() / 1e9) ? ON_PRIMARY
                : complete ? caughtUp() : ON_REPLICA);
    }

    private Uni<Side> caughtUp() {
        long deadline = System.nanoTime() + config.catchUpWait().toNanos();
        return primary.query(PRIMARY_POSITION_SQL).execute()
                .map(rows -> rows.iterator().next().getString(0))
                .chain(position -> awaitReplay(position, deadline))
                .ifNoItem().after(config.checkTimeout().plus(config.catchUpWait())).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Read replica not caught up (%s)", failure.getMessage());
                    return Side.PRIMARY;
                });
    }

    private Uni<Side> awaitReplay(String position, long deadline) {
        return replica.preparedQuery(REPLAYED_SQL).execute(Tuple.of(position))
                .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)))
                .chain(replayed -> replayed ? ON_REPLICA
                        : System.nanoTime() - deadline > 0 ? ON_PRIMARY
                        : Uni.createFrom().voidItem().onItem().delayIt().by(REPLAY_POLL)
                                .chain(() -> awaitReplay(position, deadline)));
    }

    private Uni<Double> measureLag() {
        return replica.query(LAG_SQL).execute()
                .map(rows -> {
                    Double seconds = rows.iterator().next().getDouble(0);
                    return seconds == null ? Double.NaN : Math.max(0, seconds);
                })
                .ifNoItem().after(config.checkTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Read replica unreachable (%s)", failure.getMessage());
                    return Double.NaN;
                })
                .invoke(seconds -> lastLag = seconds);
    }

    /** For the gauge: the last measurement, with a new one started in the background when it is due. */
    private double refreshedLag() {
        lag.subscribe().with(seconds -> { }, failure -> { });
        return lastLag;
    }

    private void count(Work work, Side side) {
        reads.get(work).get(side).increment();
    }
}
