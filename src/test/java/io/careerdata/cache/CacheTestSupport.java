package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** What every cache test needs: the cache's meters, and Redis in use before it starts (an earlier test may have stopped it). */
abstract class CacheTestSupport {

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
}
