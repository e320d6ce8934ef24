package io.careerdata.cache.analytics;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheTtls;
import io.careerdata.cache.analytics.CacheWindows.Window;
import io.careerdata.cache.analytics.RedisMemorySampler.CategoryMemory;
import io.careerdata.cache.analytics.RedisMemorySampler.RedisInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The analytics answer: each category's windows, its sampled Redis memory, and whether its TTL
 * looks too short or too long by the rules stated in the answer. No key and no user id appears.
 */
@Singleton
public class CacheAnalytics {

    static final String SCOPE = "Figures of this replica only (in memory, since its start-up at most); "
            + "Redis memory and INFO are of the whole Redis.";

    /** One category: TTL, the three windows, the memory sample, and the TTL advice (null: nothing to say). */
    @RegisterForReflection
    public record CategoryAnalytics(String category, String tier, long ttlSeconds, List<WindowFigures> windows,
            CategoryMemory memory, String ttlAdvice) {
    }

    /** The rules the advice follows, with the thresholds in force. */
    @RegisterForReflection
    public record Rules(String ttlTooShort, String ttlTooLong, String expiries, String evictions) {
    }

    @RegisterForReflection
    public record Report(String scope, Instant at, List<CategoryAnalytics> categories, List<String> ttlTooShort,
            List<String> ttlTooLong, RedisInfo redis, Rules rules) {
    }

    private final CacheWindows windows;
    private final RedisMemorySampler sampler;
    private final CacheTtls ttls;
    private final CacheAnalyticsConfig.Advice advice;
    private final Rules rules;
    private final Duration timeBudget;

    CacheAnalytics(CacheWindows windows, RedisMemorySampler sampler, CacheTtls ttls, CacheAnalyticsConfig config) {
        this.windows = windows;
        this.sampler = sampler;
        this.ttls = ttls;
        this.advice = config.advice();
        this.timeBudget = config.memory().timeBudget();
        this.rules = new Rules(
                "over the last hour, at least " + advice.minEvents() + " loads were of entries that had expired less "
                        + "than one TTL before, and they are at least " + percent(advice.shortReloadShare())
                        + " of the category's loads: a longer TTL would have served them",
                "over the last hour, at least " + advice.minEvents() + " entries were written and they got fewer than "
                        + advice.longReadsPerPut() + " hits per entry written: entries sit in Redis mostly unread",
                "expiredReloads counts misses of entries this replica wrote whose TTL had passed; entries that "
                        + "expire and are never read again are not seen (no keyspace notifications)",
                "evictions are the service's own (invalidations and entries cleared); Redis' maxmemory "
                        + "evictions are redis.evictedKeys, for the whole Redis");
    }

    /** Figures of one category over one window (for the data-layer health). */
    public WindowFigures figures(CacheCategory category, Window window) {
        return windows.figures(category, window);
    }

    public Uni<Report> report() {
        Uni<RedisInfo> info = sampler.info().ifNoItem().after(timeBudget).fail().onFailure().recoverWithNull();
        return info.chain(redis -> (redis == null ? Uni.createFrom().item(unsampled())
                : sampler.sampleAll(redis.keys() == null ? 0 : redis.keys())).map(memory -> build(redis, memory)));
    }

    private Report build(RedisInfo redis, List<CategoryMemory> memory) {
        List<CategoryAnalytics> categories = new ArrayList<>();
        List<String> tooShort = new ArrayList<>();
        List<String> tooLong = new ArrayList<>();
        for (CacheCategory category : CacheCategory.values()) {
            List<WindowFigures> figures = Arrays.stream(Window.values()).map(w -> windows.figures(category, w)).toList();
            String verdict = advise(figures.get(Window.ONE_HOUR.ordinal()), advice);
            if ("too-short".equals(verdict)) {
                tooShort.add(category.label);
            } else if ("too-long".equals(verdict)) {
                tooLong.add(category.label);
            }
            categories.add(new CategoryAnalytics(category.label, category.tier.name().toLowerCase(),
                    ttls.ttl(category).toSeconds(), figures, memory.get(category.ordinal()), verdict));
        }
        return new Report(SCOPE, Instant.now(), categories, tooShort, tooLong, redis, rules);
    }

    /** The advice for one category from its last hour; null when the figures say nothing. */
    static String advise(WindowFigures hour, CacheAnalyticsConfig.Advice advice) {
        long loads = hour.loads() + hour.loadFailures();
        if (hour.reloadsSoonAfterExpiry() >= advice.minEvents()
                && hour.reloadsSoonAfterExpiry() >= advice.shortReloadShare() * loads) {
            return "too-short";
        }
        if (hour.puts() >= advice.minEvents() && hour.hits() < advice.longReadsPerPut() * hour.puts()) {
            return "too-long";
        }
        return null;
    }

    private static List<CategoryMemory> unsampled() {
        return Arrays.stream(CacheCategory.values()).map(CategoryMemory::notSampled).toList();
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}
