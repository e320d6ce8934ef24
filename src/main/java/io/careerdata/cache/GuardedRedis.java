package io.careerdata.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Redis behind a short timeout and a circuit breaker: while Redis is down, callers learn it in
 * microseconds ({@link #available()} is false) and serve from PostgreSQL instead.
 *
 * <p>Commands travel over a few long-lived connections that all requests share: many requests'
 * commands are then pipelined on one connection, which costs Redis and this process far fewer system
 * calls than a pooled connection per request. (Each answer still arrives on its caller's context.)
 *
 * <p>An invalidation that could not reach Redis is remembered: the circuit opens at once, and it
 * only closes after the probe has changed the epoch, which drops every entry written before.
 * So a write made while Redis was unreachable never leaves an old value to be served later.
 */
@Singleton
public class GuardedRedis {

    private static final Logger LOG = Logger.getLogger(GuardedRedis.class);

    /** Thrown instead of calling Redis while the circuit is open; no stack trace, it is not a bug. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Unavailable OPEN = new Unavailable("the circuit to Redis is open");
    private static final Unavailable TIMEOUT = new Unavailable("Redis did not answer in time");

    private final io.vertx.mutiny.redis.client.Redis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final GenerationStamps stamps;
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    private final AtomicBoolean invalidationLost = new AtomicBoolean();
    private final AtomicReferenceArray<RedisConnection> shared;
    private final AtomicReferenceArray<Boolean> connecting;
    private final AtomicInteger turn = new AtomicInteger();
    /** Redis Cluster: a batch is pipelined per master ({@link ClusterBatch}). */
    private final boolean cluster;

    GuardedRedis(ReactiveRedisDataSource dataSource, Vertx vertx, RedisKeys keys, CacheConfig config,
            GenerationStamps stamps,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") RedisClientType type,
            @ConfigProperty(name = "quarkus.redis.replicas", defaultValue = "never") RedisReplicas replicas) {
        if (replicas != RedisReplicas.NEVER) {
            // a replica may not have the generation a write has just set: its entry would be served stale
            throw new IllegalStateException("quarkus.redis.replicas=" + replicas.name().toLowerCase(java.util.Locale.ROOT)
                    + " would read cache entries from Redis replicas, which may lag behind a write's new generation;"
                    + " keep it at never (QUARKUS_REDIS_REPLICAS)");
        }
        this.redis = dataSource.getRedis();
        this.cluster = type == RedisClientType.CLUSTER;
        this.vertx = vertx;
        this.keys = keys;
        this.stamps = stamps;
        this.timeoutMillis = Math.max(1, config.commandTimeout().toMillis());
        this.breaker = new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openDuration());
        this.shared = new AtomicReferenceArray<>(Math.max(1, config.sharedConnections()));
        this.connecting = new AtomicReferenceArray<>(shared.length());
    }

    /** True when Redis may be called now. When the open period is over, starts the probe (in the background). */
    public boolean available() {
        if (breaker.closed()) {
            return true;
        }
        if (breaker.claimProbe()) {
            probe();
        }
        return false;
    }

    public boolean degraded() {
        return !breaker.closed();
    }

    CircuitBreaker.State state() {
        return breaker.state();
    }

    Uni<Response> send(Request request) {
        if (cluster) {
            return guarded(() -> onConnection(connection -> ClusterBatch.send(connection, request)));
        }
        return guarded(() -> {
            RedisConnection connection = sharedConnection();
            return connection != null ? connection.send(request) : redis.send(request);
        });
    }

    Uni<List<Response>> batch(List<Request> requests) {
        if (cluster) {
            return guarded(() -> onConnection(connection -> ClusterBatch.send(connection, requests)));
        }
        return guarded(() -> {
            RedisConnection connection = sharedConnection();
            return connection != null ? connection.batch(requests) : redis.batch(requests);
        });
    }

    /** The call on a shared connection, or on one of the pool's while that is (re)connecting. */
    private <T> Uni<T> onConnection(java.util.function.Function<RedisConnection, Uni<T>> call) {
        RedisConnection connection = sharedConnection();
        return connection != null ? call.apply(connection)
                : redis.connect().chain(opened -> call.apply(opened).eventually(opened::close));
    }

    boolean cluster() {
        return cluster;
    }


    /** One of the shared connections, in turn; null while it is (re)connecting: the pool serves meanwhile. */
    private RedisConnection sharedConnection() {
        int slot = (turn.getAndIncrement() & Integer.MAX_VALUE) % shared.length();
        RedisConnection connection = shared.get(slot);
        if (connection == null && connecting.compareAndSet(slot, null, Boolean.TRUE)) {
            redis.connect().subscribe().with(opened -> {
                opened.exceptionHandler(failure -> drop(slot, opened));
                opened.endHandler(() -> drop(slot, opened));
                shared.set(slot, opened);
                connecting.set(slot, null);
            }, failure -> connecting.set(slot, null));
        }
        return connection;
    }

    /** A shared connection failed or closed: the next call opens a new one. */
    private void drop(int slot, RedisConnection connection) {
        if (shared.compareAndSet(slot, connection, null)) {
            connection.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    /** An invalidation did not reach Redis: stop using the cache until the epoch has changed. */
    void invalidationLost() {
        invalidationLost.set(true);
        // Open: the next probe sees the flag and changes the epoch first; pushing that probe back on every
        // write would keep the cache off for as long as writes come. A probe in flight may have read the flag
        // before this loss: it must not close the circuit, but the next call may probe again at once.
        switch (breaker.state()) {
            case OPEN:
                return;
            case HALF_OPEN:
                if (breaker.reprobe() || breaker.state() == CircuitBreaker.State.OPEN) {
                    return;
                }
                break; // closed by the probe meanwhile: open it again below
            default:
                break;
        }
        if (breaker.open()) {
            LOG.warn("A cache invalidation could not reach Redis; the cache is bypassed until Redis answers again");
        }
    }

    /** A PING that ignores the circuit (for health reports), in nanoseconds. */
    Uni<Long> ping() {
        long start = System.nanoTime();
        return timed(() -> redis.send(Request.cmd(Command.PING))).map(ignored -> System.nanoTime() - start);
    }

    private <T> Uni<T> guarded(Supplier<Uni<T>> call) {
        if (!available()) {
            return Uni.createFrom().failure(OPEN);
        }
        return timed(call).onItemOrFailure().transformToUni((item, failure) -> {
            if (failure == null) {
                breaker.recordSuccess();
                return Uni.createFrom().item(item);
            }
            if (breaker.recordFailure()) {
                LOG.warnf("Redis failed %s; the cache is bypassed for now (%s)", failure.getMessage(), breaker.state());
            }
            return Uni.createFrom().failure(failure);
        });
    }

    /**
     * The call with a timeout run by a Vert.x timer, so that a timeout is reported on the caller's
     * context (where its database session lives), not on a scheduler thread.
     */
    private <T> Uni<T> timed(Supplier<Uni<T>> call) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            Context caller = Vertx.currentContext();
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (settled.compareAndSet(false, true)) {
                    emitter.fail(TIMEOUT);
                }
            });
            call.get().subscribe().with(item -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    onContext(caller, () -> emitter.complete(item));
                }
            }, failure -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    onContext(caller, () -> emitter.fail(failure));
                }
            });
        });
    }

    /**
     * Runs {@code answer} on the caller's context. The cluster client may answer on another one (where
     * it fetched its slot map or opened the connection: seen after a lost connection, a request's
     * database session then continued on a Redis connection's thread), and a session must not.
     */
    private static void onContext(Context caller, Runnable answer) {
        if (caller == null || Vertx.currentContext() == caller) {
            answer.run();
        } else {
            caller.runOnContext(ignored -> answer.run());
        }
    }

    /** Is Redis back? If invalidations were lost meanwhile, the epoch changes before the circuit closes. */
    private void probe() {
        boolean lost = invalidationLost.getAndSet(false);
        Uni<Response> check = timed(() -> redis.send(Request.cmd(Command.PING)));
        if (lost) {
            check = check.chain(() -> timed(() -> redis.send(
                    Request.cmd(Command.SET).arg(keys.epoch()).arg(stamps.next()))));
        }
        check.subscribe().with(ignored -> {
            if (breaker.probeSucceeded()) {
                LOG.info(lost ? "Redis answers again; the epoch changed, so entries from before the outage are dropped"
                        : "Redis answers again; the cache is used again");
            }
        }, failure -> {
            if (lost) {
                invalidationLost.set(true);
            }
            breaker.open();
        });
    }
}
