package io.careerdata.cache.analytics;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheTraffic;
import io.careerdata.cache.CacheTtls;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The cache's events of this replica over sliding windows of 1 minute, 5 minutes and 1 hour, per
 * category: a ring of 30 ten-second buckets (1 and 5 minutes) and one of 12 five-minute buckets
 * (the hour). Memory is fixed (42 buckets x categories x {@link #SLOTS} longs, about 450 KB); an
 * event costs two atomic adds.
 *
 * <p>Expiries: Redis does not tell when a key expires (keyspace notifications need a server
 * setting, and every replica would hear every expiry of all of them). What is counted instead is
 * what a replica can see: a miss of an entry it wrote whose TTL had passed ({@link ExpiryTracker}),
 * and whether it came less than one TTL after the expiry, the sign of a TTL that is too short.
 * Entries that expire and are never asked for again are not seen.
 */
@Singleton
public class CacheWindows implements CacheTraffic {

    /** A window of the answer: which ring, and how many of its newest buckets. */
    public enum Window {
        ONE_MINUTE("1m", false, 6), FIVE_MINUTES("5m", false, 30), ONE_HOUR("1h", true, 12);

        public final String label;
        final boolean coarse;
        final int buckets;

        Window(String label, boolean coarse, int buckets) {
            this.label = label;
            this.coarse = coarse;
            this.buckets = buckets;
        }
    }

    /** What one slot counts. */
    enum Count {
        HITS, MISSES, FALLBACKS, LOADS, LOAD_FAILURES, PUTS, BYTES, EVICTIONS, EXPIRED_RELOADS, SOON_RELOADS, LIVE_MISSES
    }

    static final int COUNTS = Count.values().length;
    static final int SLOTS = COUNTS + LoadTimeBuckets.COUNT;
    private static final int CATEGORIES = CacheCategory.values().length;

    private final BucketRing fine = new BucketRing(10_000, 30, CATEGORIES, SLOTS);
    private final BucketRing coarse = new BucketRing(300_000, 12, CATEGORIES, SLOTS);
    private final ExpiryTracker expiries;
    private final ToLongFunction<CacheCategory> ttlSeconds;
    private final LongSupplier clock;

    @Inject
    CacheWindows(CacheAnalyticsConfig config, CacheTtls ttls) {
        this(config.expirySlots(), category -> ttls.ttl(category).toSeconds(), System::currentTimeMillis);
    }

    CacheWindows(int expirySlots, ToLongFunction<CacheCategory> ttlSeconds, LongSupplier clock) {
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
        this.expiries = new ExpiryTracker(expirySlots, clock.getAsLong());
    }

    @Override
    public void get(CacheCategory category, String entry, boolean hit) {
        long now = clock.getAsLong();
        if (hit) {
            add(now, category, Count.HITS, 1);
            return;
        }
        add(now, category, Count.MISSES, 1);
        long since = expiries.missed(entry, now);
        if (since == ExpiryTracker.ALIVE) {
            add(now, category, Count.LIVE_MISSES, 1);
        } else if (since != ExpiryTracker.UNKNOWN) {
            add(now, category, Count.EXPIRED_RELOADS, 1);
            if (since < ttlSeconds.applyAsLong(category)) {
                add(now, category, Count.SOON_RELOADS, 1);
            }
        }
    }

    @Override
    public void load(CacheCategory category, long nanos, boolean succeeded) {
        long now = clock.getAsLong();
        add(now, category, succeeded ? Count.LOADS : Count.LOAD_FAILURES, 1);
        int slot = COUNTS + LoadTimeBuckets.index(nanos);
        fine.add(now, category.ordinal(), slot, 1);
        coarse.add(now, category.ordinal(), slot, 1);
    }

    @Override
    public void put(CacheCategory category, String entry, long bytes, long ttlSeconds) {
        long now = clock.getAsLong();
        add(now, category, Count.PUTS, 1);
        add(now, category, Count.BYTES, bytes);
        expiries.put(entry, ttlSeconds, now);
    }

    @Override
    public void eviction(CacheCategory category, long count) {
        add(clock.getAsLong(), category, Count.EVICTIONS, count);
    }

    @Override
    public void fallback(CacheCategory category) {
        add(clock.getAsLong(), category, Count.FALLBACKS, 1);
    }

    /** The figures of one category over one window, as of now. */
    public WindowFigures figures(CacheCategory category, Window window) {
        long[] s = (window.coarse ? coarse : fine).sum(clock.getAsLong(), window.buckets, category.ordinal());
        return WindowFigures.of(window.label, s);
    }

    private void add(long now, CacheCategory category, Count count, long delta) {
        fine.add(now, category.ordinal(), count.ordinal(), delta);
        coarse.add(now, category.ordinal(), count.ordinal(), delta);
    }
}
