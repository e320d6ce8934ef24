package io.careerdata.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The near cache (L1): the entries of shared categories (job postings and searches, platform
 * statistics, AI results) held in this process, in front of Redis. Per-user categories are not held.
 *
 * <p>It keeps an entry's bytes as Redis has them, so every hit decodes a new object that no other
 * request shares. Staleness is bounded three ways:
 * <ul>
 * <li>a write on this replica drops the entries it touched before it answers ({@link #drop}); a read
 *     that started before such a drop cannot put its older value in afterwards ({@link #offer});</li>
 * <li>other replicas learn of the write through a Redis channel, and drop the same entries;</li>
 * <li>every entry is forgotten {@code cache.near.max-age} after it was put, which bounds what a lost
 *     message can cost. While the channel is not subscribed, or the circuit to Redis is open, the
 *     near cache is emptied and not used at all.</li>
 * </ul>
 */
@Singleton
public class NearCache {

    private static final Logger LOG = Logger.getLogger(NearCache.class);
    private static final String EVERYTHING = "*";
    private static final long RESUBSCRIBE_MILLIS = 1000;

    /** A held entry: the scope that drops it, and its bytes as stored under {@code stamp}. */
    record Held(InvalidationScope scope, String stamp, byte[] bytes) {
    }

    private record Meters(Counter hits, Counter misses) {
    }

    private final boolean enabled;
    private final Cache<String, Held> entries;
    private final ReactiveRedisDataSource dataSource;
    private final Vertx vertx;
    private final GuardedRedis redis;
    private final CacheEntryCodec codec;
    private final String channel;
    private final Map<CacheCategory, Meters> meters = new EnumMap<>(CacheCategory.class);
    /** Counts the drops, so that a read can tell whether one happened while it was reading. */
    private final AtomicLong drops = new AtomicLong();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean flushedForOutage = new AtomicBoolean();
    private final AtomicBoolean retryPlanned = new AtomicBoolean();
    private volatile boolean stopped;

    @Inject
    NearCache(CacheConfig config, RedisKeys keys, ReactiveRedisDataSource dataSource, Vertx vertx,
            GuardedRedis redis, CacheEntryCodec codec, MeterRegistry registry) {
        this(config.near().enabled(), config.near().maxAge(), config.near().maxSize().asLongValue(), keys, dataSource,
                vertx, redis, codec, registry);
    }

    NearCache(boolean enabled, Duration maxAge, long maxBytes, RedisKeys keys, ReactiveRedisDataSource dataSource,
            Vertx vertx, GuardedRedis redis, CacheEntryCodec codec, MeterRegistry registry) {
        this.enabled = enabled;
        this.codec = codec;
        this.entries = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumWeight(maxBytes)
                .weigher((String key, Held held) -> key.length() + held.bytes().length).build();
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.redis = redis;
        this.channel = keys.nearCacheChannel();
        for (CacheCategory category : CacheCategory.values()) {
            if (holds(category)) {
                String cache = category.label;
                meters.put(category, new Meters(
                        Counter.builder("cache.near.gets").tag("cache", cache).tag("result", "hit").tag("tier", "l1")
                                .description("Reads answered from this process's near cache").register(registry),
                        Counter.builder("cache.near.gets").tag("cache", cache).tag("result", "miss").tag("tier", "l1")
                                .description("Reads of a near-cached category that went on to Redis").register(registry)));
            }
        }
        Gauge.builder("cache.near.size", entries, Cache::estimatedSize).tag("tier", "l1")
                .description("Entries in this process's near cache").register(registry);
    }

    /** Only shared data is held: per-user entries stay in Redis. */
    static boolean holds(CacheCategory category) {
        return category.owner != CacheCategory.Owner.USER;
    }

    void start(@Observes StartupEvent event) {
        subscribe();
    }

    /** Subscribes to the channel; while it is not subscribed the near cache is not used. */
    void subscribe() {
        if (!enabled) {
            return;
        }
        dataSource.pubsub(String.class).subscribe(channel, this::received, this::subscriptionLost,
                        failure -> subscriptionLost())
                .subscribe().with(subscriber -> {
                    subscribed.set(true);
                    LOG.debug("Near cache subscribed to its invalidation channel");
                }, failure -> subscriptionLost());
    }

    /** The channel is gone: drop everything (messages may be missed from now on) and subscribe again soon. */
    void subscriptionLost() {
        if (subscribed.getAndSet(false)) {
            LOG.info("Near cache lost its invalidation channel; it is emptied until it is subscribed again");
        }
        dropAll();
        // the end and the failure of one connection both land here: one retry is planned, not two
        if (!stopped && retryPlanned.compareAndSet(false, true)) {
            vertx.setTimer(RESUBSCRIBE_MILLIS, id -> {
                retryPlanned.set(false);
                if (!subscribed.get() && !stopped) {
                    subscribe();
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    /** True when entries may be read and put: subscribed, and Redis in use (an outage empties it once). */
    private boolean usable() {
        if (!enabled || !subscribed.get()) {
            return false;
        }
        if (redis.degraded()) {
            redisUnavailable();
            return false;
        }
        flushedForOutage.set(false);
        return true;
    }

    /** The circuit to Redis is open: invalidations may be missed, so everything held is dropped (once per outage). */
    void redisUnavailable() {
        if (flushedForOutage.compareAndSet(false, true)) {
            dropAll();
        }
    }

    /**
     * The held value of the entry, decoded anew for this read; null when it is not held (or the near
     * cache is not usable now). Counts a hit or a miss.
     */
    <T> CacheEntryCodec.Decoded<T> read(String entry, CachedRead<T> read) {
        CacheCategory category = read.key().category();
        if (!holds(category) || !usable()) {
            return null;
        }
        Held held = entries.getIfPresent(entry);
        CacheEntryCodec.Decoded<T> decoded = held == null ? null
                : codec.decode(category, held.bytes(), held.stamp(), read.type());
        boolean hit = decoded != null && decoded.status() == CacheEntryCodec.Status.CURRENT;
        Meters m = meters.get(category);
        (hit ? m.hits : m.misses).increment();
        return hit ? decoded : null;
    }

    /** Where a read stands: pass it to {@link #offer} with what the read found. */
    long mark() {
        return drops.get();
    }

    /**
     * Holds what a read found in (or wrote to) Redis, unless a drop happened since the read's
     * {@link #mark}. The entry is put first and checked after: a drop that the check misses comes
     * after the put, so it removes the entry itself.
     */
    void offer(String entry, InvalidationScope scope, String stamp, byte[] bytes, long mark) {
        if (!holds(scope.category()) || !usable() || drops.get() != mark) {
            return;
        }
        Held held = new Held(scope, stamp, bytes);
        entries.put(entry, held);
        if (drops.get() != mark) {
            entries.asMap().remove(entry, held);
        }
    }

    /** Drops the entries of these scopes here; {@link #announce} tells the other replicas. */
    void drop(Collection<InvalidationScope> scopes) {
        Set<InvalidationScope> held = new HashSet<>();
        scopes.stream().filter(scope -> holds(scope.category())).forEach(held::add);
        if (held.isEmpty()) {
            return;
        }
        drops.incrementAndGet();
        entries.asMap().values().removeIf(entry -> held.contains(entry.scope()));
    }

    void dropAll() {
        drops.incrementAndGet();
        entries.invalidateAll();
    }

    /** The PUBLISH that tells the other replicas to drop these scopes; null when none is held anywhere. */
    Request announce(Collection<InvalidationScope> scopes) {
        StringJoiner message = new StringJoiner("\n");
        scopes.stream().filter(scope -> holds(scope.category()))
                .forEach(scope -> message.add(scope.category().label + ' ' + scope.id()));
        // published even when this replica holds nothing itself: others may
        return message.length() == 0 ? null
                : Request.cmd(Command.PUBLISH).arg(channel).arg(message.toString());
    }

    /** The PUBLISH that tells the other replicas to drop everything. */
    Request announceAll() {
        return Request.cmd(Command.PUBLISH).arg(channel).arg(EVERYTHING);
    }

    /** A message of the channel: one scope a line ({@code <category> <id>}), or {@code *} for all. */
    private void received(String message) {
        if (EVERYTHING.equals(message)) {
            dropAll();
            return;
        }
        Set<InvalidationScope> scopes = new HashSet<>();
        for (String line : message.split("\n")) {
            int space = line.indexOf(' ');
            CacheCategory category = space < 0 ? null : CacheCategory.byLabel(line.substring(0, space)).orElse(null);
            if (category == null) {
                dropAll(); // a message this version does not read: the safe answer is to forget everything
                return;
            }
            scopes.add(new InvalidationScope(category, line.substring(space + 1)));
        }
        drop(scopes);
    }

    boolean subscribed() {
        return subscribed.get();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
