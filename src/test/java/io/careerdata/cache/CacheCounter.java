package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Caffeine's style: {@code stats().hits(h).misses(m)}. */
    CacheCounter assertHitsMisses(long hits, long misses) {
        assertThat(hits()).as("hits of " + category).isEqualTo(hits);
        assertThat(misses()).as("misses of " + category).isEqualTo(misses);
        return this;
    }
}
