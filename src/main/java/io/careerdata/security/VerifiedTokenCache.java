package io.careerdata.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature and claims smallrye-jwt verified, keyed by the whole token string (so a
 * changed character is a different key and is verified afresh). Only a successful verification is
 * kept; an entry lives until smallrye would refuse the token (exp plus clock skew, token age) or
 * {@code security.token-cache.max-age} passes, whichever is first, and the time bounds are checked
 * again on every use. Meters: {@code cache.gets{cache="verified-tokens",result=hit|miss}},
 * {@code cache.puts}, {@code cache.evictions}, {@code cache.size}.
 */
@Singleton
public class VerifiedTokenCache {

    static final String NAME = "verified-tokens";

    /** Verifies a token; smallrye's parser in production. */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private record Entry(JsonWebToken token, TokenWindow window) {
    }

    /** Carries a failed verification out of Caffeine's loader, which caches nothing when it throws. */
    private static final class Refused extends RuntimeException {
        Refused(ParseException cause) {
            super(cause);
        }
    }

    private final TokenCacheConfig config;
    private final JWTAuthContextInfo rules;
    private final Cache<String, Entry> entries;

    VerifiedTokenCache(TokenCacheConfig config, JWTAuthContextInfo rules, MeterRegistry registry) {
        this.config = config;
        this.rules = rules;
        long maxAgeNanos = config.maxAge().toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.maxSize())
                .expireAfter(Expiry.<String, Entry>creating((token, entry) -> {
                    long untilRefused = TimeUnit.MILLISECONDS.toNanos(entry.window().millisLeft(System.currentTimeMillis()));
                    return Duration.ofNanos(Math.min(maxAgeNanos, untilRefused));
                }))
                .recordStats()
                .build();
        register(registry);
    }

    /** Whether {@code token} may be served from (and stored in) the cache at all. */
    public boolean accepts(String token) {
        return config.enabled() && token != null && token.length() <= config.maxTokenLength();
    }

    /**
     * The verified identity of {@code token}: from the cache while its time bounds hold, otherwise
     * from {@code verifier}, whose success is cached and whose failure is thrown and never cached.
     */
    public JsonWebToken verified(String token, Verifier verifier) throws ParseException {
        Entry entry;
        try {
            entry = entries.get(token, t -> load(t, verifier));
        } catch (Refused e) {
            throw (ParseException) e.getCause();
        }
        if (!entry.window().contains(System.currentTimeMillis() / 1000)) {
            // expired (or not yet valid) since it was stored: Caffeine's own expiry was not due yet
            entries.asMap().remove(token, entry);
            throw new ParseException("The token is outside its validity period");
        }
        return entry.token();
    }

    private Entry load(String token, Verifier verifier) {
        try {
            JsonWebToken verified = verifier.verify(token);
            return new Entry(verified, TokenWindow.of(verified, rules));
        } catch (ParseException e) {
            throw new Refused(e);
        }
    }

    /** The cache's own numbers (hits, misses, loads, evictions), for tests and reports. */
    public CacheStats stats() {
        return entries.stats();
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    public void clear() {
        entries.invalidateAll();
        entries.cleanUp();
    }

    private void register(MeterRegistry registry) {
        counter(registry, "cache.gets", "hit", s -> s.hitCount(), "Requests whose token was already verified");
        counter(registry, "cache.gets", "miss", s -> s.missCount(), "Requests whose token had to be verified");
        counter(registry, "cache.puts", null, s -> s.loadSuccessCount(), "Tokens verified and stored");
        counter(registry, "cache.evictions", null, s -> s.evictionCount(),
                "Tokens dropped for size or age (expiry included)");
        Gauge.builder("cache.size", entries, Cache::estimatedSize).tag("cache", NAME)
                .description("Verified tokens held").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String result, ToDoubleFunction<CacheStats> count,
            String description) {
        FunctionCounter.Builder<Cache<String, Entry>> builder = FunctionCounter
                .builder(name, entries, c -> count.applyAsDouble(c.stats())).tag("cache", NAME)
                .description(description);
        if (result != null) {
            builder.tag("result", result);
        }
        builder.register(registry);
    }
}
