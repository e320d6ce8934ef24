package io.careerdata.cache;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Deletes cached entries from Redis: one user's (through their key set, no scan), one category's,
 * or all (SCAN and UNLINK). Serving nothing stale does not depend on it: the generations that
 * {@link CacheLayer} changes do that; this frees the memory and is what erasure and clearing ask for.
 */
@Singleton
public class CacheRemoval {

    private final CacheConfig config;
    private final RedisKeys keys;
    private final CacheTtls ttls;
    private final GuardedRedis redis;
    private final CacheMetrics metrics;
    private final GenerationStamps stamps;
    private final CacheLayer layer;
    private final ClusterMasters masters;

    CacheRemoval(CacheConfig config, RedisKeys keys, CacheTtls ttls, GuardedRedis redis, CacheMetrics metrics,
            GenerationStamps stamps, CacheLayer layer, ClusterMasters masters) {
        this.masters = masters;
        this.config = config;
        this.keys = keys;
        this.ttls = ttls;
        this.redis = redis;
        this.metrics = metrics;
        this.stamps = stamps;
        this.layer = layer;
    }

    /**
     * Drops all of a user's entries (new generation) and deletes them from Redis (found through the
     * user's key set, no scan). Fails when Redis cannot be reached: then nothing cached is served
     * until the epoch has changed, but the copies may still exist.
     */
    public Uni<Void> evictUser(UUID userId) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        if (!redis.available()) {
            redis.invalidationLost();
            return Uni.createFrom().failure(new GuardedRedis.Unavailable("Redis is unreachable"));
        }
        String index = keys.userIndex(userId);
        return redis.batch(List.of(stamps.set(keys.userGeneration(userId), ttls.userGenerationSeconds()),
                        Request.cmd(Command.SMEMBERS).arg(index)))
                .chain(replies -> {
                    List<String> entries = new ArrayList<>();
                    replies.get(1).forEach(entry -> entries.add(entry.toString()));
                    countCleared(entries);
                    Request unlink = Request.cmd(Command.UNLINK).arg(index);
                    entries.forEach(unlink::arg);
                    return redis.send(unlink);
                })
                .onFailure().invoke(redis::invalidationLost)
                .replaceWithVoid();
    }

    /**
     * Removes one category's entries, or all (null), with SCAN and UNLINK; answers how many keys went.
     * Clearing all changes the epoch first, so nothing is served while the scan runs. In a Redis
     * Cluster the scan visits every master; the found keys are unlinked through the cluster client,
     * which sends each to its slot.
     */
    public Uni<Long> clear(CacheCategory category) {
        List<String> patterns = category == null ? List.of(keys.everything()) : keys.categoryPatterns(category);
        Uni<Long> total = category == null ? layer.invalidateAll().replaceWith(0L) : Uni.createFrom().item(0L);
        for (String pattern : patterns) {
            total = total.chain(sum -> scanAndUnlink(pattern).map(removed -> sum + removed));
        }
        return total;
    }

    private Uni<Long> scanAndUnlink(String pattern) {
        return redis.cluster() ? masters.sumOverEach(node -> scanAndUnlink(node, pattern, "0", 0))
                : scanAndUnlink(redis::send, pattern, "0", 0);
    }

    /** Walks one node's keys that match with {@code scan}, unlinking each page's through the guarded client. */
    private Uni<Long> scanAndUnlink(Function<Request, Uni<Response>> scan, String pattern, String cursor, long removed) {
        return scan.apply(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
                .chain(page -> {
                    String next = page.get(0).toString();
                    List<String> found = new ArrayList<>();
                    page.get(1).forEach(key -> found.add(key.toString()));
                    Uni<Long> unlinked = Uni.createFrom().item(0L);
                    if (!found.isEmpty()) {
                        unlinked = unlink(found);
                        countCleared(found);
                    }
                    return unlinked.chain(count -> "0".equals(next)
                            ? Uni.createFrom().item(removed + count)
                            : scanAndUnlink(scan, pattern, next, removed + count));
                });
    }

    /**
     * One UNLINK per key, in one batch: the keys of a page lie in many slots, and a Redis Cluster
     * refuses a command whose keys lie in several (the batch is pipelined per slot there).
     */
    private Uni<Long> unlink(List<String> found) {
        List<Request> unlinks = new ArrayList<>(found.size());
        found.forEach(key -> unlinks.add(Request.cmd(Command.UNLINK).arg(key)));
        return redis.batch(unlinks).map(replies -> {
            long count = 0;
            for (Response reply : replies) {
                count += reply.toLong();
            }
            return count;
        });
    }

    private void countCleared(List<String> found) {
        int start = config.keyPrefix().length() + 1;
        for (String key : found) {
            int end = key.indexOf(':', start);
            CacheCategory.byLabel(end < 0 ? key.substring(start) : key.substring(start, end))
                    .ifPresent(category -> metrics.eviction(category, 1));
        }
    }
}
