package io.careerdata.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the stored form of entries costs and saves, per category: bytes written as plain entries
 * would have been ({@code cache.bytes.raw}), bytes actually written ({@code cache.bytes.stored}),
 * and entries that could not be decoded ({@code cache.decode.failures}). The only tag is the
 * category; the ratio of the two byte counters is the compression's gain.
 */
@Singleton
public class CacheEntryMetrics {

    /** The totals of one category since start. */
    public record Sizes(long rawBytes, long storedBytes, long decodeFailures) {
    }

    private record Meters(Counter raw, Counter stored, Counter decodeFailures) {
    }

    private final Map<CacheCategory, Meters> meters = new EnumMap<>(CacheCategory.class);

    CacheEntryMetrics(MeterRegistry registry) {
        for (CacheCategory category : CacheCategory.values()) {
            String cache = category.label;
            meters.put(category, new Meters(
                    Counter.builder("cache.bytes.raw").tag("cache", cache)
                            .description("Bytes of the entries written, as plain JSON entries would have been")
                            .register(registry),
                    Counter.builder("cache.bytes.stored").tag("cache", cache)
                            .description("Bytes of the entries written, as stored in Redis (after compression)")
                            .register(registry),
                    Counter.builder("cache.decode.failures").tag("cache", cache)
                            .description("Entries that could not be decoded: read as misses and deleted")
                            .register(registry)));
        }
    }

    void written(CacheCategory category, long rawBytes, long storedBytes) {
        Meters m = meters.get(category);
        m.raw.increment(rawBytes);
        m.stored.increment(storedBytes);
    }

    void decodeFailed(CacheCategory category) {
        meters.get(category).decodeFailures.increment();
    }

    public Sizes sizes(CacheCategory category) {
        Meters m = meters.get(category);
        return new Sizes((long) m.raw.count(), (long) m.stored.count(), (long) m.decodeFailures.count());
    }
}
