package io.careerdata.cache;

/**
 * Hears what the cache does, one call per event, on the request's thread: it must be cheap and
 * never block. {@link CacheMetrics} forwards every event to each bean of this type (the sliding
 * windows of the cache analytics). Entry keys may hold user ids: a listener may hash them, never
 * keep or report them.
 */
public interface CacheTraffic {

    /** A read found a current entry ({@code hit}) or not; {@code entry} is the Redis key looked up. */
    void get(CacheCategory category, String entry, boolean hit);

    /** A value was loaded from PostgreSQL in {@code nanos}. */
    void load(CacheCategory category, long nanos, boolean succeeded);

    /** An entry of {@code bytes} was written to Redis with this TTL. */
    void put(CacheCategory category, String entry, long bytes, long ttlSeconds);

    /** The service dropped entries: {@code count} invalidations (generation changes) or entries cleared. */
    void eviction(CacheCategory category, long count);

    /** A read went to PostgreSQL without the cache (Redis failed or the circuit is open). */
    void fallback(CacheCategory category);
}
