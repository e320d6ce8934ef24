package io.careerdata.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cache's meters, in the names Micrometer uses for caches ({@code cache.gets{result=hit|miss}},
 * {@code cache.puts}, {@code cache.evictions}) plus errors, fallbacks, a load timer and a degraded
 * gauge. The only tag is the category: never a user id or a key. Every event is also handed to the
 * {@link CacheTraffic} listeners (the analytics' sliding windows).
 */
@Singleton
public class CacheMetrics {

    /** The counts of one category, as the admin API reports them. */
    public record Counts(long hits, long misses, long puts, long evictions, long errors, long fallbacks,
            long loads, long loadFailures) {
    }

    private static final class Meters {
        Counter hits;
        Counter misses;
        Counter puts;
        Counter evictions;
        Counter errors;
        Counter fallbacks;
        Timer loadSuccess;
        Timer loadFailure;
    }

    private final Map<CacheCategory, Meters> meters = new EnumMap<>(CacheCategory.class);
    private final CacheTraffic[] listeners;

    CacheMetrics(MeterRegistry registry, GuardedRedis redis, Instance<CacheTraffic> listeners) {
        this.listeners = listeners.stream().toArray(CacheTraffic[]::new);
        for (CacheCategory category : CacheCategory.values()) {
            Meters m = new Meters();
            String cache = category.label;
            m.hits = Counter.builder("cache.gets").tag("cache", cache).tag("result", "hit")
                    .description("Reads answered from Redis").register(registry);
            m.misses = Counter.builder("cache.gets").tag("cache", cache).tag("result", "miss")
                    .description("Reads that did not find a current entry in Redis").register(registry);
            m.puts = Counter.builder("cache.puts").tag("cache", cache)
                    .description("Entries written to Redis").register(registry);
            m.evictions = Counter.builder("cache.evictions").tag("cache", cache)
                    .description("Invalidations (generation changes) and entries cleared").register(registry);
            m.errors = Counter.builder("cache.errors").tag("cache", cache)
                    .description("Redis commands that failed or timed out").register(registry);
            m.fallbacks = Counter.builder("cache.fallbacks").tag("cache", cache)
                    .description("Reads served from PostgreSQL without the cache because Redis was unavailable")
                    .register(registry);
            m.loadSuccess = Timer.builder("cache.load").tag("cache", cache).tag("result", "success")
                    .description("Loads from PostgreSQL").register(registry);
            m.loadFailure = Timer.builder("cache.load").tag("cache", cache).tag("result", "failure")
                    .description("Loads from PostgreSQL").register(registry);
            meters.put(category, m);
        }
        Gauge.builder("cache.degraded", redis, r -> r.degraded() ? 1 : 0)
                .description("1 while Redis is bypassed (circuit open), 0 when the cache is in use")
                .register(registry);
    }

    void hit(CacheCategory category, String entry) {
        meters.get(category).hits.increment();
        for (CacheTraffic listener : listeners) {
            listener.get(category, entry, true);
        }
    }

    void miss(CacheCategory category, String entry) {
        meters.get(category).misses.increment();
        for (CacheTraffic listener : listeners) {
            listener.get(category, entry, false);
        }
    }

    /** An entry written: {@code payload} as sent to Redis (compressed or not: the bytes written). */
    void put(CacheCategory category, String entry, byte[] payload, long ttlSeconds) {
        meters.get(category).puts.increment();
        for (CacheTraffic listener : listeners) {
            listener.put(category, entry, payload.length, ttlSeconds);
        }
    }

    void eviction(CacheCategory category, long count) {
        meters.get(category).evictions.increment(count);
        for (CacheTraffic listener : listeners) {
            listener.eviction(category, count);
        }
    }

    void error(CacheCategory category) {
        meters.get(category).errors.increment();
    }

    void fallback(CacheCategory category) {
        meters.get(category).fallbacks.increment();
        for (CacheTraffic listener : listeners) {
            listener.fallback(category);
        }
    }

    void load(CacheCategory category, long nanos, boolean succeeded) {
        Meters m = meters.get(category);
        (succeeded ? m.loadSuccess : m.loadFailure).record(nanos, TimeUnit.NANOSECONDS);
        for (CacheTraffic listener : listeners) {
            listener.load(category, nanos, succeeded);
        }
    }

    public Counts counts(CacheCategory category) {
        Meters m = meters.get(category);
        return new Counts((long) m.hits.count(), (long) m.misses.count(), (long) m.puts.count(),
                (long) m.evictions.count(), (long) m.errors.count(), (long) m.fallbacks.count(),
                m.loadSuccess.count(), m.loadFailure.count());
    }
}
