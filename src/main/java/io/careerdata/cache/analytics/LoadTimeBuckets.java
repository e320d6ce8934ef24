package io.careerdata.cache.analytics;

/**
 * Load times as counts in logarithmic buckets, two per doubling, from 1 microsecond to about 16 s:
 * a percentile is known to within the bucket (+-20 %), at a fixed cost of {@link #COUNT} longs per
 * time bucket and category, which an exact histogram could not promise.
 */
final class LoadTimeBuckets {

    /** Bucket {@code i} starts at {@link #lowerMicros}(i); the last one holds everything slower. */
    static final int COUNT = 48;

    private LoadTimeBuckets() {
    }

    static int index(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        int octave = 63 - Long.numberOfLeadingZeros(micros);
        int half = octave == 0 ? 0 : (int) ((micros >> (octave - 1)) & 1);
        return Math.min(COUNT - 1, 2 * octave + half);
    }

    static double lowerMicros(int index) {
        return Math.pow(2, index / 2) * (index % 2 == 0 ? 1.0 : 1.5);
    }

    /**
     * The upper edge, in milliseconds, of the bucket holding the {@code quantile} of the counts
     * (so "p99 = 12 ms" means 99 % of loads took at most about 12 ms); null without loads.
     */
    static Double percentileMillis(long[] slots, int offset, double quantile) {
        long total = 0;
        for (int i = 0; i < COUNT; i++) {
            total += slots[offset + i];
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < COUNT; i++) {
            seen += slots[offset + i];
            if (seen >= rank) {
                return lowerMicros(i + 1) / 1000.0;
            }
        }
        return lowerMicros(COUNT) / 1000.0;
    }
}
