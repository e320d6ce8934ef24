package io.careerdata.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The read-through cache: Redis in front of PostgreSQL.
 *
 * <p><b>No stale set.</b> Every entry is stamped with the generations it depends on (the epoch, the
 * user's, its scope's), read in the same MGET as the entry itself. A write changes the generations
 * of what it touched after its transaction commits and before it answers. A reader that loaded the
 * old row before the write may still store it afterwards, but under the old stamp, which no reader
 * accepts any more: after the write has answered, every read sees the new generation and misses.
 * Generations are random tokens, so a counter that expired and was created again never matches an
 * old stamp. Dropping all of a user's entries, or all job searches, is one SET.
 *
 * <p><b>Stampede.</b> Misses of one entry with one stamp share one load per process
 * ({@link SingleFlight}); across processes a short Redis lock lets one load while the others poll
 * for its value, and load themselves only if it does not come in time.
 *
 * <p><b>Redis failures</b> never fail a read: it is served from PostgreSQL ({@link GuardedRedis}).
 * How an entry's bytes look (stamp, JSON, compression) is {@link CacheEntryCodec}'s; an entry that
 * does not decode is a miss.
 *
 * <p><b>Near cache.</b> Shared categories are also held in this process ({@link NearCache}): a
 * read asks it first, and offers it what Redis answered; an invalidation drops its scopes there
 * once Redis has the new generations, and publishes them for the other replicas in the same batch.
 *
 * <p>Deleting entries from Redis (a user's, a category's, all) is {@link CacheRemoval}'s. What
 * stays here, and makes this file longer than most, is one protocol, read together to see that no
 * stale value survives a write: the stamp check, the load lock, the store, the near cache's part
 * and the invalidations.
 */
@Singleton
public class CacheLayer {

    private static final Logger LOG = Logger.getLogger(CacheLayer.class);
    private static final String DELETE_IF_UNCHANGED =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /** What a lookup found: the value, whether this lookup wrote it to Redis, and its entry as Redis has it. */
    private record Lookup<T>(T value, boolean written, String stamp, byte[] bytes) {
        Lookup(T value, boolean written) {
            this(value, written, null, null);
        }
    }

    private final CacheConfig config;
    private final RedisKeys keys;
    private final CacheTtls ttls;
    private final GuardedRedis redis;
    private final CacheMetrics metrics;
    private final CacheEntryCodec codec;
    private final Vertx vertx;
    private final GenerationStamps stamps;
    private final NearCache near;
    private final SingleFlight flights = new SingleFlight();
    /** Value of the load locks this process holds, to tell them apart from other instances' locks. */
    private final String lockOwner;

    CacheLayer(CacheConfig config, RedisKeys keys, CacheTtls ttls, GuardedRedis redis, CacheMetrics metrics,
            CacheEntryCodec codec, Vertx vertx, GenerationStamps stamps, NearCache near) {
        this.config = config;
        this.keys = keys;
        this.ttls = ttls;
        this.redis = redis;
        this.metrics = metrics;
        this.codec = codec;
        this.vertx = vertx;
        this.stamps = stamps;
        this.near = near;
        this.lockOwner = stamps.next();
    }

    /** The value from Redis when current, else from the read's loader (and then written to Redis). */
    public <T> Uni<T> get(CachedRead<T> read) {
        return lookup(read).map(Lookup::value);
    }

    /** Loads and writes the entry unless a current one is cached; true when this call wrote it. */
    public Uni<Boolean> warm(CachedRead<?> read) {
        return lookup(read).map(Lookup::written);
    }

    /**
     * Drops the entries of these scopes, and all entries of these users, by giving them new
     * generations. Call after the change has committed and before answering the request.
     */
    public Uni<Void> invalidate(Collection<InvalidationScope> scopes, Collection<UUID> users) {
        if (!config.enabled() || (scopes.isEmpty() && users.isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        List<Request> sets = new ArrayList<>(scopes.size() + users.size());
        for (InvalidationScope scope : scopes) {
            sets.add(stamps.set(keys.scopeGeneration(scope), ttls.scopeGenerationSeconds(scope.category())));
        }
        for (UUID user : users) {
            sets.add(stamps.set(keys.userGeneration(user), ttls.userGenerationSeconds()));
        }
        List<CacheCategory> dropped = new ArrayList<>();
        scopes.forEach(scope -> dropped.add(scope.category()));
        if (!users.isEmpty()) {
            for (CacheCategory category : CacheCategory.values()) {
                if (category.owner == CacheCategory.Owner.USER) {
                    dropped.add(category);
                }
            }
        }
        Request announce = near.announce(scopes);
        if (announce != null) {
            sets.add(announce); // after the SETs on one connection: a replica told of it reads the new generation
        }
        if (!redis.available()) {
            redis.invalidationLost();
            near.drop(scopes);
            return Uni.createFrom().voidItem();
        }
        return redis.batch(sets).onItemOrFailure().transform((ignored, failure) -> {
            near.drop(scopes); // after Redis has the new generations: no read that starts later finds the old entry
            if (failure != null) {
                dropped.forEach(metrics::error);
                redis.invalidationLost();
            } else {
                dropped.forEach(category -> metrics.eviction(category, 1));
            }
            return null;
        });
    }

    public Uni<Void> invalidate(Collection<InvalidationScope> scopes) {
        return invalidate(scopes, List.of());
    }

    public Uni<Void> invalidateUser(UUID userId) {
        return invalidate(List.of(), List.of(userId));
    }

    /**
     * Drops every entry at once by changing the epoch, which every stamp contains: for changes too
     * wide to name, such as a restore of a backup.
     */
    public Uni<Void> invalidateAll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        if (!redis.available()) {
            redis.invalidationLost();
            near.dropAll();
            return Uni.createFrom().voidItem();
        }
        return redis.batch(List.of(Request.cmd(Command.SET).arg(keys.epoch()).arg(stamps.next()), near.announceAll()))
                .onItemOrFailure().transform((ignored, failure) -> {
                    near.dropAll();
                    if (failure != null) {
                        redis.invalidationLost();
                    }
                    return null;
                });
    }

    private <T> Uni<Lookup<T>> lookup(CachedRead<T> read) {
        CacheCategory category = read.key().category();
        if (!config.enabled()) {
            return loadOnly(read);
        }
        if (!redis.available()) {
            metrics.fallback(category);
            near.redisUnavailable();
            return loadOnly(read);
        }
        String entry = keys.entry(read.key());
        CacheEntryCodec.Decoded<T> held = near.read(entry, read);
        if (held != null) {
            return Uni.createFrom().item(new Lookup<>(held.value(), false));
        }
        long mark = near.mark();
        return fromRedis(read, entry).invoke(found -> {
            if (found.bytes() != null) {
                near.offer(entry, read.key().scope(), found.stamp(), found.bytes(), mark);
            }
        });
    }

    private <T> Uni<Lookup<T>> fromRedis(CachedRead<T> read, String entry) {
        CacheCategory category = read.key().category();
        List<String> generations = keys.generations(read.key());
        Request mget = Request.cmd(Command.MGET);
        generations.forEach(mget::arg);
        mget.arg(entry);
        return redis.send(mget).onItemOrFailure().transformToUni((values, failure) -> {
            if (failure != null) {
                return fallback(read, failure);
            }
            String stamp = GenerationStamps.join(values, generations.size());
            Lookup<T> cached = stamp == null ? null : current(read, entry, values.get(generations.size()), stamp);
            if (cached != null) {
                metrics.hit(category, entry);
                return Uni.createFrom().item(cached);
            }
            metrics.miss(category, entry);
            Uni<String> current = stamp != null ? Uni.createFrom().item(stamp) : createGenerations(read.key());
            return current.onItemOrFailure().transformToUni((s, f) -> f != null ? fallback(read, f)
                    // the stamp is part of the flight: a reader that saw a newer generation never joins an older load
                    : flights.run(entry + '|' + s, () -> lockAndLoad(read, entry, s)));
        });
    }

    /**
     * The entry's value when it carries {@code stamp}; null when it is absent or from another
     * generation, and when it does not decode (it is then deleted: a miss, never a failed read).
     */
    private <T> Lookup<T> current(CachedRead<T> read, String entry, Response raw, String stamp) {
        if (raw == null) {
            return null;
        }
        CacheCategory category = read.key().category();
        byte[] bytes = raw.toBytes();
        CacheEntryCodec.Decoded<T> decoded = codec.decode(category, bytes, stamp, read.type());
        switch (decoded.status()) {
            case CURRENT:
                return new Lookup<>(decoded.value(), false, stamp, bytes);
            case UNREADABLE:
                LOG.debugf("An entry of %s does not decode as %s; it is deleted and loaded again", category,
                        read.type());
                // deleted only while it still holds these bytes, so a late delete never drops a newer fill
                redis.send(Request.cmd(Command.EVAL).arg(DELETE_IF_UNCHANGED).arg(1).arg(entry).arg(bytes))
                        .subscribe().with(ignored -> { }, ignored -> { });
                return null;
            default:
                return null;
        }
    }

    /** Creates the missing generation counters (never replacing one) and answers the stamp they make. */
    private Uni<String> createGenerations(CacheKey key) {
        List<String> generations = keys.generations(key);
        List<Request> batch = new ArrayList<>();
        Request mget = Request.cmd(Command.MGET);
        for (int i = 0; i < generations.size(); i++) {
            Request create = Request.cmd(Command.SET).arg(generations.get(i)).arg(stamps.next()).arg("NX");
            long ttl = generationSeconds(key, i, generations.size());
            batch.add(ttl > 0 ? create.arg("EX").arg(ttl) : create);
            mget.arg(generations.get(i));
        }
        batch.add(mget);
        return redis.batch(batch).map(responses -> {
            String stamp = GenerationStamps.join(responses.get(responses.size() - 1), generations.size());
            if (stamp == null) {
                throw new IllegalStateException("a generation counter vanished while it was created");
            }
            return stamp;
        });
    }

    /** TTL of the i-th counter of {@link RedisKeys#generations}: the epoch never expires, the last is the scope's. */
    private long generationSeconds(CacheKey key, int index, int count) {
        if (index == 0) {
            return 0;
        }
        return index == count - 1 ? ttls.scopeGenerationSeconds(key.category()) : ttls.userGenerationSeconds();
    }

    private <T> Uni<Lookup<T>> lockAndLoad(CachedRead<T> read, String entry, String stamp) {
        String lock = keys.lock(entry);
        List<Request> batch = List.of(
                Request.cmd(Command.SET).arg(lock).arg(lockOwner).arg("NX").arg("PX").arg(config.lock().ttl().toMillis()),
                Request.cmd(Command.GET).arg(entry));
        return redis.batch(batch).onItemOrFailure().transformToUni((responses, failure) -> {
            if (failure != null) {
                metrics.error(read.key().category());
                return loadOnly(read);
            }
            boolean locked = responses.get(0) != null && "OK".equals(responses.get(0).toString());
            // another flight (here or elsewhere) may have filled it since this reader looked
            Lookup<T> filled = current(read, entry, responses.get(1), stamp);
            if (filled != null) {
                return locked ? release(lock).replaceWith(filled) : Uni.createFrom().item(filled);
            }
            if (locked) {
                return loadAndFill(read, entry, stamp, lock);
            }
            long deadline = System.nanoTime() + config.lock().maxWait().toNanos();
            return awaitOtherInstance(read, entry, stamp, deadline)
                    .onItem().ifNull().switchTo(() -> loadAndFill(read, entry, stamp, null));
        });
    }

    /** Polls for the value another instance is loading; null when it does not come before the deadline. */
    private <T> Uni<Lookup<T>> awaitOtherInstance(CachedRead<T> read, String entry, String stamp, long deadline) {
        if (System.nanoTime() - deadline >= 0) {
            return Uni.createFrom().nullItem();
        }
        return delay(config.lock().pollInterval().toMillis())
                .chain(() -> redis.send(Request.cmd(Command.GET).arg(entry)))
                .onItemOrFailure().transformToUni((raw, failure) -> {
                    if (failure != null) {
                        return Uni.createFrom().nullItem();
                    }
                    Lookup<T> found = current(read, entry, raw, stamp);
                    return found != null ? Uni.createFrom().item(found) : awaitOtherInstance(read, entry, stamp, deadline);
                });
    }

    private <T> Uni<Lookup<T>> loadAndFill(CachedRead<T> read, String entry, String stamp, String lock) {
        return load(read)
                .onFailure().call(() -> lock == null ? Uni.createFrom().voidItem() : release(lock))
                .chain(value -> fill(read.key(), entry, stamp, value, lock)
                        .map(stored -> new Lookup<>(value, stored != null, stamp, stored)));
    }

    /**
     * Writes the entry under the stamp seen before loading, refreshes its counters' TTLs, frees the
     * lock; answers the bytes written, or null when nothing was.
     */
    private Uni<byte[]> fill(CacheKey key, String entry, String stamp, Object value, String lock) {
        CacheCategory category = key.category();
        if (!redis.available()) {
            return Uni.createFrom().nullItem();
        }
        byte[] payload;
        try {
            payload = codec.encode(category, stamp, value);
        } catch (JsonProcessingException e) {
            LOG.warnf(e, "A value of %s cannot be written as JSON; it is not cached", category);
            return Uni.createFrom().nullItem();
        }
        List<Request> batch = new ArrayList<>(4);
        long ttl = ttls.entrySeconds(category, value == null);
        batch.add(Request.cmd(Command.SET).arg(entry).arg(payload).arg("EX").arg(ttl));
        List<String> generations = keys.generations(key);
        for (int i = 1; i < generations.size(); i++) {
            batch.add(Request.cmd(Command.EXPIRE).arg(generations.get(i)).arg(generationSeconds(key, i, generations.size())));
        }
        if (key.userId() != null) {
            String index = keys.userIndex(key.userId());
            batch.add(Request.cmd(Command.SADD).arg(index).arg(entry));
            batch.add(Request.cmd(Command.EXPIRE).arg(index).arg(ttls.userGenerationSeconds()));
        }
        if (lock != null) {
            // a plain DEL: should the lock have expired and been taken meanwhile, one more load may happen, nothing worse
            batch.add(Request.cmd(Command.DEL).arg(lock));
        }
        return redis.batch(batch).onItemOrFailure().transform((ignored, failure) -> {
            if (failure != null) {
                metrics.error(category);
                return null;
            }
            metrics.put(category, entry, payload, ttl);
            return payload;
        });
    }

    private Uni<Void> release(String lock) {
        return redis.send(Request.cmd(Command.DEL).arg(lock)).onItemOrFailure().transform((r, f) -> null);
    }

    private <T> Uni<Lookup<T>> fallback(CachedRead<T> read, Throwable failure) {
        CacheCategory category = read.key().category();
        metrics.error(category);
        metrics.fallback(category);
        LOG.debugf("Cache read of %s served from PostgreSQL: %s", category, failure.getMessage());
        return loadOnly(read);
    }

    private <T> Uni<Lookup<T>> loadOnly(CachedRead<T> read) {
        return load(read).map(value -> new Lookup<>(value, false));
    }

    private <T> Uni<T> load(CachedRead<T> read) {
        CacheCategory category = read.key().category();
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return read.loader().get()
                    .onItemOrFailure().invoke((value, failure) -> metrics.load(category, System.nanoTime() - start,
                            failure == null));
        });
    }

    /** A pause on the caller's Vert.x context (a Mutiny delay would continue on a scheduler thread). */
    private Uni<Void> delay(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), id -> emitter.complete(null)));
    }

}
