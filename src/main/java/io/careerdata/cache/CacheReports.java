package io.careerdata.cache;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the admin API tells about the cache: counts per category, Redis' own figures, health. */
@Singleton
public class CacheReports {

    @RegisterForReflection
    public record CategoryStats(String category, String tier, long ttlSeconds, long hits, long misses, double hitRate,
            long puts, long evictions, long errors, long fallbacks, long loads) {
    }

    /** Redis' figures; null fields when Redis could not be asked. */
    @RegisterForReflection
    public record RedisStats(boolean reachable, Long usedMemoryBytes, Long keys, Long evictedKeys,
            Long keyspaceHits, Long keyspaceMisses) {
    }

    @RegisterForReflection
    public record Stats(boolean degraded, String circuit, List<CategoryStats> categories, RedisStats redis) {
    }

    @RegisterForReflection
    public record Health(boolean reachable, Double latencyMillis, boolean degraded, String circuit) {
    }

    private final CacheMetrics metrics;
    private final CacheTtls ttls;
    private final GuardedRedis redis;

    CacheReports(CacheMetrics metrics, CacheTtls ttls, GuardedRedis redis) {
        this.metrics = metrics;
        this.ttls = ttls;
        this.redis = redis;
    }

    public Uni<Stats> stats() {
        List<CategoryStats> categories = Arrays.stream(CacheCategory.values()).map(category -> {
            CacheMetrics.Counts c = metrics.counts(category);
            long gets = c.hits() + c.misses();
            return new CategoryStats(category.label, category.tier.name().toLowerCase(), ttls.ttl(category).toSeconds(),
                    c.hits(), c.misses(), gets == 0 ? 0 : (double) c.hits() / gets, c.puts(), c.evictions(),
                    c.errors(), c.fallbacks(), c.loads() + c.loadFailures());
        }).toList();
        return redisStats().map(redisStats -> new Stats(redis.degraded(), redis.state().name().toLowerCase(),
                categories, redisStats));
    }

    public Uni<Health> health() {
        return redis.ping()
                .map(nanos -> new Health(true, nanos / 1_000_000.0, redis.degraded(), redis.state().name().toLowerCase()))
                .onFailure().recoverWithItem(() -> new Health(false, null, redis.degraded(),
                        redis.state().name().toLowerCase()));
    }

    private Uni<RedisStats> redisStats() {
        return redis.batch(List.of(Request.cmd(Command.INFO).arg("memory"), Request.cmd(Command.INFO).arg("stats"),
                        Request.cmd(Command.DBSIZE)))
                .map(replies -> {
                    Map<String, String> info = new HashMap<>();
                    parseInfo(replies.get(0).toString(), info);
                    parseInfo(replies.get(1).toString(), info);
                    return new RedisStats(true, number(info.get("used_memory")), replies.get(2).toLong(),
                            number(info.get("evicted_keys")), number(info.get("keyspace_hits")),
                            number(info.get("keyspace_misses")));
                })
                .onFailure().recoverWithItem(new RedisStats(false, null, null, null, null, null));
    }

    private static void parseInfo(String text, Map<String, String> into) {
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                into.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
