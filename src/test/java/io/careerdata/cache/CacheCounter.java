package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import java.time.Duration;

/** The cache's own numbers for one category, counted from the moment it is made (tests share the meters). */
final class CacheCounter {

    private final CacheMetrics metrics;
    private final CacheCategory category;
    private final CacheMetrics.Counts start;

    private CacheCounter(CacheMetrics metrics, CacheCategory category) {
        this.metrics = metrics;
        this.category = category;
        this.start = metrics.counts(category);
    }

    static CacheCounter of(CacheMetrics metrics, CacheCategory category) {
        return new CacheCounter(metrics, category);
    }

    long hits() {
        return metrics.counts(category).hits() - start.hits();
    }

    long misses() {
        return metrics.counts(category).misses() - start.misses();
    }

    long loads() {
        CacheMetrics.Counts now = metrics.counts(category);
        return now.loads() + now.loadFailures() - start.loads() - start.loadFailures();
    }

    long fallbacks() {
        return metrics.counts(category).fallbacks() - start.fallbacks();
    }

    long puts() {
        return metrics.counts(category).puts() - start.puts();
    }

    /** Waits until the cache uses Redis (an earlier test may have stopped it); asking starts the probe. */
    static void awaitRedisInUse(GuardedRedis redis) {
        Eventually.within(Duration.ofSeconds(30), () -> {
            redis.available();
            assertThat(redis.degraded()).as("cache degraded").isFalse();
        });
    }

    /** Caffeine's style: {@code stats().hits(h).misses(m)}. */
    CacheCounter assertHitsMisses(long hits, long misses) {
        assertThat(hits()).as("hits of " + category).isEqualTo(hits);
        assertThat(misses()).as("misses of " + category).isEqualTo(misses);
        return this;
    }
}
