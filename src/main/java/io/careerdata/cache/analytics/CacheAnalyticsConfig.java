package io.careerdata.cache.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache analytics: expiry tracking, Redis memory sampling, and the TTL advice's thresholds. */
@ConfigMapping(prefix = "cache-analytics")
public interface CacheAnalyticsConfig {

    /** Slots of the table that remembers when written entries expire (8 bytes each; rounded down to a power of two). */
    @WithDefault("16384")
    int expirySlots();

    Memory memory();

    Advice advice();

    /** {@code MEMORY USAGE} of a sample of each category's keys, found with SCAN (never KEYS). */
    interface Memory {

        /** Keys measured per category. */
        @WithDefault("20")
        int sampleSize();

        /** COUNT hint of each SCAN step. */
        @WithDefault("200")
        int scanCount();

        /** SCAN steps per category at most; past them the key count is extrapolated. */
        @WithDefault("10")
        int maxScanSteps();

        /** Time for the whole sampling; categories not reached in it are reported as not sampled. */
        @WithDefault("500MS")
        Duration timeBudget();
    }

    /** When a category's TTL looks too short or too long, judged over the last hour. */
    interface Advice {

        /** Fewer events than this (reloads after expiry, or puts) say nothing. */
        @WithDefault("20")
        long minEvents();

        /** Too short: at least this share of the loads were of entries that had expired less than one TTL before. */
        @WithDefault("0.25")
        double shortReloadShare();

        /** Too long: fewer hits than this per entry written (entries mostly written and never read). */
        @WithDefault("1.0")
        double longReadsPerPut();
    }
}
