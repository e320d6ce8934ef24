package io.careerdata.cache.analytics;

import io.careerdata.cache.analytics.CacheWindows.Count;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One category's figures over one window of this replica. {@code gets} are the reads that asked
 * Redis (hits and misses); {@code fallbacks} the reads served without it. Load times are the upper
 * edges of their buckets (+-20 %); null without loads, as the hit ratio is null without gets.
 */
@RegisterForReflection
public record WindowFigures(String window, long gets, long hits, long misses, Double hitRatio, long fallbacks,
        long loads, long loadFailures, Double loadP50Millis, Double loadP99Millis, long puts, long bytesWritten,
        long evictions, long expiredReloads, long reloadsSoonAfterExpiry, long missesOfLiveEntries) {

    static WindowFigures of(String window, long[] s) {
        long hits = s[Count.HITS.ordinal()];
        long misses = s[Count.MISSES.ordinal()];
        long gets = hits + misses;
        return new WindowFigures(window, gets, hits, misses, gets == 0 ? null : (double) hits / gets,
                s[Count.FALLBACKS.ordinal()], s[Count.LOADS.ordinal()], s[Count.LOAD_FAILURES.ordinal()],
                LoadTimeBuckets.percentileMillis(s, CacheWindows.COUNTS, 0.50),
                LoadTimeBuckets.percentileMillis(s, CacheWindows.COUNTS, 0.99),
                s[Count.PUTS.ordinal()], s[Count.BYTES.ordinal()], s[Count.EVICTIONS.ordinal()],
                s[Count.EXPIRED_RELOADS.ordinal()], s[Count.SOON_RELOADS.ordinal()], s[Count.LIVE_MISSES.ordinal()]);
    }
}
