package io.careerdata.cache.analytics;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis' own figures (INFO) and the memory of each category, measured with {@code MEMORY USAGE}
 * on a sample of its keys found with SCAN over {@code <prefix>:<category>:*} (never KEYS). Both
 * the sample and the time are bounded; the scan starts at cursor 0, whose order is the hash
 * table's, unrelated to the key names. Commands go straight to Redis, past the circuit breaker:
 * an operator asks while the cache is degraded, too.
 */
@Singleton
public class RedisMemorySampler {

    /** Redis as INFO tells; the fields are null when Redis did not say. */
    @RegisterForReflection
    public record RedisInfo(Long usedMemoryBytes, Long maxMemoryBytes, String maxMemoryPolicy, Long evictedKeys,
            Long expiredKeys, Long keys) {
    }

    /**
     * One category's sampled memory. {@code keysSeen} were matched by the scan; when the scan did not
     * finish ({@code scanComplete} false) {@code estimatedKeys} extrapolates them to the whole keyspace
     * by the share of it that was scanned, and {@code estimatedBytes} is that times the mean.
     */
    @RegisterForReflection
    public record CategoryMemory(String category, boolean sampled, int keysMeasured, Long meanBytes, Long maxBytes,
            long keysSeen, boolean scanComplete, Long estimatedKeys, Long estimatedBytes) {

        static CategoryMemory notSampled(CacheCategory category) {
            return new CategoryMemory(category.label, false, 0, null, null, 0, false, null, null);
        }
    }

    private final Redis redis;
    private final RedisKeys keys;
    private final CacheAnalyticsConfig.Memory config;

    RedisMemorySampler(ReactiveRedisDataSource dataSource, RedisKeys keys, CacheAnalyticsConfig config) {
        this.redis = dataSource.getRedis();
        this.keys = keys;
        this.config = config.memory();
    }

    /** INFO memory, stats and keyspace figures, and DBSIZE, in one round trip. */
    public Uni<RedisInfo> info() {
        return redis.batch(List.of(Request.cmd(Command.INFO).arg("memory"), Request.cmd(Command.INFO).arg("stats"),
                Request.cmd(Command.DBSIZE))).map(replies -> {
                    Map<String, String> info = new HashMap<>();
                    Arrays.stream((replies.get(0) + "\n" + replies.get(1)).split("\r?\n"))
                            .filter(line -> !line.startsWith("#") && line.indexOf(':') > 0)
                            .forEach(line -> info.put(line.substring(0, line.indexOf(':')),
                                    line.substring(line.indexOf(':') + 1).trim()));
                    return new RedisInfo(number(info, "used_memory"), number(info, "maxmemory"),
                            info.get("maxmemory_policy"), number(info, "evicted_keys"), number(info, "expired_keys"),
                            replies.get(2).toLong());
                });
    }

    /** Every category in turn, within the time budget; those it did not reach are marked not sampled. */
    public Uni<List<CategoryMemory>> sampleAll(long dbSize) {
        long deadline = System.nanoTime() + config.timeBudget().toNanos();
        return Multi.createFrom().items(CacheCategory.values())
                .onItem().transformToUniAndConcatenate(category -> System.nanoTime() - deadline >= 0
                        ? Uni.createFrom().item(CategoryMemory.notSampled(category))
                        : sample(category, dbSize, deadline))
                .collect().asList();
    }

    private Uni<CategoryMemory> sample(CacheCategory category, long dbSize, long deadline) {
        String pattern = keys.categoryPatterns(category).get(0);
        Scan scan = new Scan();
        return scan(pattern, "0", scan, deadline).chain(() -> measure(category, scan, dbSize, deadline))
                .onFailure().recoverWithItem(() -> CategoryMemory.notSampled(category));
    }

    /** Keys matched so far (the first {@code sampleSize} kept), steps taken, whether the cursor came back to 0. */
    private static final class Scan {
        final List<String> sample = new ArrayList<>();
        long seen;
        int steps;
        boolean complete;
    }

    private Uni<Void> scan(String pattern, String cursor, Scan scan, long deadline) {
        if (scan.steps >= config.maxScanSteps() || System.nanoTime() - deadline >= 0) {
            return Uni.createFrom().voidItem();
        }
        Request step = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(config.scanCount());
        return bounded(redis.send(step), deadline).chain(reply -> {
            scan.steps++;
            for (Response key : reply.get(1)) {
                scan.seen++;
                if (scan.sample.size() < config.sampleSize()) {
                    scan.sample.add(key.toString());
                }
            }
            String next = reply.get(0).toString();
            if ("0".equals(next)) {
                scan.complete = true;
                return Uni.createFrom().voidItem();
            }
            return scan(pattern, next, scan, deadline);
        });
    }

    private Uni<CategoryMemory> measure(CacheCategory category, Scan scan, long dbSize, long deadline) {
        Uni<List<Response>> usages = scan.sample.isEmpty() ? Uni.createFrom().item(List.of())
                : bounded(redis.batch(scan.sample.stream()
                        .map(key -> Request.cmd(Command.MEMORY).arg("USAGE").arg(key)).toList()), deadline);
        return usages.map(replies -> {
            long total = 0;
            long max = 0;
            int measured = 0;
            for (Response usage : replies) {
                if (usage != null) { // the key expired between SCAN and MEMORY USAGE
                    total += usage.toLong();
                    max = Math.max(max, usage.toLong());
                    measured++;
                }
            }
            Long mean = measured == 0 ? null : total / measured;
            long scanned = (long) scan.steps * config.scanCount();
            long estimated = scan.complete || scanned >= dbSize ? scan.seen
                    : Math.round(scan.seen * (double) dbSize / Math.max(1, scanned));
            return new CategoryMemory(category.label, true, measured, mean, measured == 0 ? null : max, scan.seen,
                    scan.complete, estimated, mean == null ? (estimated == 0 ? 0L : null) : mean * estimated);
        });
    }

    private static <T> Uni<T> bounded(Uni<T> call, long deadline) {
        return call.ifNoItem().after(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).fail();
    }

    private static Long number(Map<String, String> info, String name) {
        try {
            return info.containsKey(name) ? Long.parseLong(info.get(name)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
