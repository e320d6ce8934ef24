package io.careerdata.cache;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Fills the cache for the most recently active users, most recent first: their profile, dashboard
 * and the first page of each collection (whatever the {@link WarmupReads} services offer). Runs on a
 * schedule ({@code cache.warming.every}, off in tests) and on demand from the admin API. Every
 * replica fires the schedule; a PostgreSQL advisory lock (as for backups, under a key of its own)
 * lets one of them warm and the others skip the run.
 */
@ApplicationScoped
public class CacheWarmer {

    private static final Logger LOG = Logger.getLogger(CacheWarmer.class);
    static final String LOCK = "hashtext('career-data-service:cache-warming')";

    /** What a warming run did. */
    @RegisterForReflection
    public record Report(int users, int entriesWritten, int failures) {
        Report plus(Report other) {
            return new Report(users + other.users, entriesWritten + other.entriesWritten, failures + other.failures);
        }
    }

    @Inject
    CacheLayer cache;

    @Inject
    @Any
    Instance<WarmupReads> sources;

    @Inject
    CacheConfig config;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Scheduled(identity = "cache-warming", every = "${cache.warming.every:30m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> warmOnSchedule() {
        return warmOnOneReplica()
                .invoke(report -> report.ifPresentOrElse(
                        done -> LOG.infof("Cache warming: %d users, %d entries written, %d failed",
                                done.users(), done.entriesWritten(), done.failures()),
                        () -> LOG.debug("Cache warming skipped: another replica is warming")))
                .onFailure().invoke(failure -> LOG.warnf("Cache warming failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The scheduled run: empty when another replica holds the warming lock. */
    Uni<Optional<Report>> warmOnOneReplica() {
        // the lock is the session's: it is taken and given back on one connection, held while warming
        return pool.withConnection(connection -> connection.query("SELECT pg_try_advisory_lock(" + LOCK + ")").execute()
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(Optional.<Report>empty())
                        : warmMostRecentlyActive(config.warming().users()).map(Optional::of)
                                .eventually(() -> connection.query("SELECT pg_advisory_unlock(" + LOCK + ")").execute())));
    }

    public Uni<Report> warmMostRecentlyActive(int limit) {
        return onNewContext(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createSelectionQuery("select id from User where active = true"
                                + " order by lastActiveAt desc nulls last, updatedAt desc", UUID.class)
                        .setMaxResults(limit)
                        .getResultList())))
                .chain(this::warm);
    }

    /** Warms the users in the given order, a few at a time. */
    public Uni<Report> warm(List<UUID> users) {
        return Multi.createFrom().iterable(users)
                .onItem().transformToUni(user -> onNewContext(() -> warmUser(user)))
                .merge(Math.max(1, config.warming().concurrency()))
                .collect().with(java.util.stream.Collectors.reducing(new Report(0, 0, 0), Report::plus));
    }

    private Uni<Report> warmUser(UUID user) {
        List<CachedRead<?>> reads = sources.stream().flatMap(source -> source.warmupReads(user).stream()).toList();
        return Multi.createFrom().iterable(reads)
                .onItem().transformToUniAndConcatenate(read -> cache.warm(read)
                        .map(written -> new Report(0, written ? 1 : 0, 0))
                        .onFailure().recoverWithItem(new Report(0, 0, 1)))
                .collect().with(java.util.stream.Collectors.reducing(new Report(1, 0, 0), Report::plus));
    }

    /**
     * Each user is warmed on a Vert.x context of its own, so the users warmed at the same time never
     * share a database session (one session must not run two operations at once).
     */
    private <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
