package io.careerdata.cache;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The TTL of each category, from configuration, checked against its tier when the service starts. */
@Startup
@Singleton
public class CacheTtls {

    private final Map<CacheCategory, Duration> ttls = new EnumMap<>(CacheCategory.class);
    private final double jitter;
    private final Duration negative;
    private final Duration userGeneration;

    CacheTtls(CacheConfig config) {
        for (String name : config.ttl().keySet()) {
            if (CacheCategory.byLabel(name).isEmpty()) {
                throw new IllegalStateException("cache.ttl." + name + " names no cache category");
            }
        }
        for (CacheCategory category : CacheCategory.values()) {
            Duration ttl = config.ttl().getOrDefault(category.label, category.defaultTtl);
            if (!category.tier.allows(ttl)) {
                throw new IllegalStateException("cache.ttl." + category.label + "=" + ttl + " is outside the "
                        + category.tier + " tier (" + category.tier.min + " to " + category.tier.max + ")");
            }
            ttls.put(category, ttl);
        }
        if (config.ttlJitter() < 0 || config.ttlJitter() > 0.5) {
            throw new IllegalStateException("cache.ttl-jitter must be between 0 and 0.5");
        }
        this.jitter = config.ttlJitter();
        this.negative = config.negativeTtl();
        this.userGeneration = config.userGenerationTtl();
    }

    public Duration ttl(CacheCategory category) {
        return ttls.get(category);
    }

    /** The TTL of one write: the category's, plus up to the configured jitter. */
    long entrySeconds(CacheCategory category, boolean absent) {
        Duration base = absent ? negative : ttls.get(category);
        long seconds = Math.max(1, base.toSeconds());
        return seconds + (long) (seconds * jitter * ThreadLocalRandom.current().nextDouble());
    }

    /** A scope's counter outlives the entries stamped with it, so they are not dropped early. */
    long scopeGenerationSeconds(CacheCategory category) {
        return 2 * Math.max(60, ttls.get(category).toSeconds());
    }

    long userGenerationSeconds() {
        return userGeneration.toSeconds();
    }
}
