package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.careerdata.testing.RedisTopologyResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one Redis: each is a cache layer of its own (its own near cache, channel
 * subscription, Redis connections and circuit), built here the way the container builds the one of
 * the service, so that both run in this test's process against the test's Redis. The service's own
 * layer has no near cache under the test profile, which keeps the other tests' hit counts exact.
 */
@QuarkusTest
class NearCacheTest extends CacheTestSupport {

    /** Long enough that only the channel can explain a change seen on the other replica in time. */
    private static final Duration LONG_AGE = Duration.ofMinutes(5);
    private static final Duration MESSAGE_BOUND = Duration.ofSeconds(3);

    /** A posting as the "database" holds it. */
    public record Posting(String title, long version) {
    }

    private record Replica(CacheLayer layer, NearCache near, GuardedRedis redis, SimpleMeterRegistry registry) {

        double nearHits(CacheCategory category) {
            return registry.get("cache.near.gets").tag("cache", category.label).tag("result", "hit").counter().count();
        }
    }

    @Inject
    ReactiveRedisDataSource dataSource;

    @Inject
    Vertx vertx;

    @Inject
    CacheConfig config;

    @Inject
    CacheTtls ttls;

    @Inject
    GenerationStamps stamps;

    @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone")
    RedisClientType clientType;

    @Test
    void writeOnA_isNeverStaleOnA_andReachesBThroughTheChannel() {
        Replica a = replica(LONG_AGE);
        Replica b = replica(LONG_AGE);
        AtomicReference<Posting> database = new AtomicReference<>(new Posting("v1", 1));
        CachedRead<Posting> read = posting(UUID.randomUUID(), database, new AtomicInteger());

        for (Replica replica : List.of(a, b)) {
            assertThat(get(replica, read)).isEqualTo(new Posting("v1", 1));
            assertThat(get(replica, read)).isEqualTo(new Posting("v1", 1));
            assertThat(replica.nearHits(CacheCategory.JOB_POSTINGS)).isEqualTo(1);
        }

        database.set(new Posting("v2", 2));
        a.layer().invalidate(List.of(read.key().scope())).await().atMost(WAIT);

        assertThat(get(a, read)).isEqualTo(new Posting("v2", 2));
        Eventually.within(MESSAGE_BOUND, () -> assertThat(get(b, read)).isEqualTo(new Posting("v2", 2)));
        assertThat(get(b, read)).isEqualTo(new Posting("v2", 2));
        assertThat(b.nearHits(CacheCategory.JOB_POSTINGS)).isGreaterThan(1);
    }

    @Test
    void lostMessage_isBoundedByTheMaximumAge() {
        Duration maxAge = Duration.ofSeconds(2);
        Replica b = replica(maxAge);
        AtomicReference<Posting> database = new AtomicReference<>(new Posting("v1", 1));
        CachedRead<Posting> read = posting(UUID.randomUUID(), database, new AtomicInteger());
        assertThat(get(b, read)).isEqualTo(new Posting("v1", 1));

        // a write whose replica could not publish: the scope's generation changes, no message is sent
        database.set(new Posting("v2", 2));
        redis.value(String.class).set(keys.scopeGeneration(read.key().scope()), "changed-elsewhere");

        Eventually.within(maxAge.plusSeconds(2), () -> assertThat(get(b, read)).isEqualTo(new Posting("v2", 2)));
    }

    @Test
    void staleSet_readersOnTheWritingReplicaNeverSeeAnOlderValue() throws Exception {
        Replica a = replica(LONG_AGE);
        AtomicReference<Posting> database = new AtomicReference<>(new Posting("v0", 0));
        CachedRead<Posting> read = posting(UUID.randomUUID(), database, new AtomicInteger());

        LinearizabilityCheck.Outcome outcome = LinearizabilityCheck.run(4, 40, () -> {
            Posting written = database.updateAndGet(p -> new Posting("v" + (p.version() + 1), p.version() + 1));
            a.layer().invalidate(List.of(read.key().scope())).await().atMost(WAIT);
            return written.version();
        }, 6, reader -> () -> get(a, read).version());

        assertThat(outcome.violations()).isEmpty();
        assertThat(get(a, read).version()).isEqualTo(160);
        assertThat(get(a, read).version()).isEqualTo(160);
        assertThat(a.nearHits(CacheCategory.JOB_POSTINGS)).isGreaterThan(0);
    }

    @Test
    void lostSubscription_emptiesTheNearCache_untilItIsBack() {
        Replica b = replica(LONG_AGE);
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Posting> read = posting(UUID.randomUUID(), new AtomicReference<>(new Posting("v1", 1)), loads);
        get(b, read);
        assertThat(b.near().size()).isEqualTo(1);

        if (clientType == RedisClientType.CLUSTER) {
            RedisTopologyResource.current().onEveryNode("CLIENT", "KILL", "TYPE", "pubsub"); // it may be on any node
        } else {
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
        }

        Eventually.within(Duration.ofSeconds(10), () -> assertThat(b.near().size()).isZero());
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(b.near().subscribed()).isTrue());
        double hits = b.nearHits(CacheCategory.JOB_POSTINGS);
        get(b, read); // from Redis again, then held
        get(b, read);
        assertThat(b.nearHits(CacheCategory.JOB_POSTINGS)).isEqualTo(hits + 1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void openCircuit_emptiesTheNearCache() {
        Replica b = replica(LONG_AGE);
        CachedRead<Posting> read = posting(UUID.randomUUID(), new AtomicReference<>(new Posting("v1", 1)),
                new AtomicInteger());
        get(b, read);
        assertThat(b.near().size()).isEqualTo(1);

        b.redis().invalidationLost(); // as when a write could not reach Redis: the circuit opens
        assertThat(get(b, read)).isEqualTo(new Posting("v1", 1));

        assertThat(b.near().size()).isZero();
        Eventually.within(Duration.ofSeconds(30), () -> {
            b.redis().available();
            assertThat(b.redis().degraded()).isFalse();
        });
    }

    @Test
    void perUserCategories_areNotHeld() {
        Replica b = replica(LONG_AGE);
        CachedRead<Posting> profile = new CachedRead<>(CacheKey.ofUser(CacheCategory.PROFILE, UUID.randomUUID()),
                mapper.constructType(Posting.class), () -> Uni.createFrom().item(new Posting("me", 1)));

        get(b, profile);
        get(b, profile);

        assertThat(b.near().size()).isZero();
        assertThat(b.registry().find("cache.near.gets").tag("cache", "profile").counter()).isNull();
    }

    private Replica replica(Duration maxAge) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GuardedRedis guarded = new GuardedRedis(dataSource, vertx, keys, config, stamps, clientType, RedisReplicas.NEVER);
        CacheEntryCodec codec = new CacheEntryCodec(mapper, new CacheEntryMetrics(registry), true, 1024);
        NearCache near = new NearCache(true, maxAge, 1 << 20, keys, dataSource, vertx, guarded, codec, registry);
        // the Redis tier's counts are the service's (shared meters); the near cache's are this replica's own
        CacheLayer layer = new CacheLayer(config, keys, ttls, guarded, metrics, codec, vertx, stamps, near);
        near.subscribe();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(near.subscribed()).isTrue());
        return new Replica(layer, near, guarded, registry);
    }

    private CachedRead<Posting> posting(UUID id, AtomicReference<Posting> database, AtomicInteger loads) {
        return new CachedRead<>(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, id), mapper.constructType(Posting.class),
                () -> {
                    loads.incrementAndGet();
                    return Uni.createFrom().item(database::get);
                });
    }

    private static <T> T get(Replica replica, CachedRead<T> read) {
        return replica.layer().get(read).await().atMost(WAIT);
    }
}
