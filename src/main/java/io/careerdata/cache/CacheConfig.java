package io.careerdata.cache;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The read-through cache in Redis: key prefix, TTLs per category, and how it behaves when Redis fails. */
@ConfigMapping(prefix = "cache")
public interface CacheConfig {

    /** When false, every read goes to PostgreSQL and Redis is never called (the benchmark's baseline). */
    @WithDefault("true")
    boolean enabled();

    /** First segment of every key, so several services (or test runs) can share one Redis. */
    @WithDefault("cd")
    String keyPrefix();

    /**
     * TTL per category name (e.g. {@code cache.ttl.profile=30M}); a category left out keeps the
     * default of {@link CacheCategory}. A value outside the category's tier is refused at start-up.
     */
    Map<String, Duration> ttl();

    /** Up to this fraction is added at random to every TTL, so keys written together do not expire together. */
    @WithDefault("0.1")
    double ttlJitter();

    /** How long "this record does not exist" is remembered (negative caching). */
    @WithDefault("30S")
    Duration negativeTtl();

    /**
     * Lifetime of a per-user generation counter; it must exceed the longest TTL of a per-user
     * category, or entries are dropped early (never served stale).
     */
    @WithDefault("48H")
    Duration userGenerationTtl();

    /** Longest wait for one Redis command; a slower answer counts as a failure and the read goes to PostgreSQL. */
    @WithDefault("500MS")
    Duration commandTimeout();

    /** Long-lived connections that all requests share, pipelining their commands. */
    @WithDefault("4")
    int sharedConnections();

    Breaker breaker();

    Lock lock();

    Warming warming();

    Compression compression();

    Near near();

    /** The circuit breaker in front of Redis. */
    interface Breaker {

        /** Consecutive failed Redis commands that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long the circuit stays open before one probe checks whether Redis is back. */
        @WithDefault("2S")
        Duration openDuration();
    }

    /** The short Redis lock that keeps other instances from loading a key that one instance is loading. */
    interface Lock {

        /** Lifetime of the lock: a crashed holder blocks others no longer than this. */
        @WithDefault("3S")
        Duration ttl();

        /** How long an instance waits for another instance's load before it loads itself. */
        @WithDefault("500MS")
        Duration maxWait();

        /** How often a waiting instance looks for the other instance's value. */
        @WithDefault("20MS")
        Duration pollInterval();
    }

    /** The scheduled warming of the most recently active users' entries. */
    interface Warming {

        /** Period of the warming job, e.g. {@code 30m}; {@code off} disables it. */
        @WithDefault("30m")
        String every();

        /** How many of the most recently active users are warmed per run. */
        @WithDefault("200")
        int users();

        /** Users warmed at the same time (each on its own database session). */
        @WithDefault("4")
        int concurrency();
    }

    /** How values are stored: LZ4-compressed above a size, plain JSON below it. */
    interface Compression {

        /** When false, every value is written as plain JSON; compressed entries already in Redis still read. */
        @WithDefault("true")
        boolean enabled();

        /** Values whose JSON is longer than this are compressed (and kept so only when that makes them smaller). */
        @WithDefault("1K")
        MemorySize threshold();
    }

    /** The near cache (L1) of shared categories in each process, in front of Redis. */
    interface Near {

        /** When false, every read goes to Redis. */
        @WithDefault("true")
        boolean enabled();

        /** Longest time an entry is held: how stale a replica may be when an invalidation message is lost. */
        @WithDefault("3S")
        Duration maxAge();

        /** Bound of the entries' stored bytes (their size in Redis) held per process. */
        @WithDefault("32M")
        MemorySize maxSize();
    }
}
