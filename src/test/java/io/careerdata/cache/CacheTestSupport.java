package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerdata.testing.Eventually;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every cache test needs: the cache, its meters and keys, Redis itself, and Redis in use before
 * a test starts (an earlier test may have stopped it).
 */
abstract class CacheTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    CacheLayer cache;

    @Inject
    RedisKeys keys;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Inject
    CacheMetrics metrics;

    @Inject
    GuardedRedis guardedRedis;

    @BeforeEach
    void redisInUse() {
        awaitRedisInUse();
    }

    /** Waits until the circuit is closed; asking whether Redis is available starts the probe. */
    void awaitRedisInUse() {
        Eventually.within(Duration.ofSeconds(30), () -> {
            guardedRedis.available();
            assertThat(guardedRedis.degraded()).as("cache degraded").isFalse();
        });
    }

    <T> T get(CachedRead<T> read) {
        return cache.get(read).await().atMost(WAIT);
    }

    /** Makes sure the entry's generation counters exist (as a first miss would) and answers the stamp they make. */
    String prepareGenerations(CacheKey key) {
        List<String> stamp = new ArrayList<>();
        for (String generation : keys.generations(key)) {
            redis.value(String.class).setnx(generation, "t" + ThreadLocalRandom.current().nextInt(1_000_000));
            stamp.add(redis.value(String.class).get(generation));
        }
        return String.join(".", stamp);
    }
}
