package io.careerdata.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The cache of verified bearer tokens (see {@link VerifiedTokenCache}): a token whose signature and
 * claims passed once is reused, by its whole string, until it expires or {@link #maxAge()} passes.
 */
@ConfigMapping(prefix = "security.token-cache")
public interface TokenCacheConfig {

    /** When false, every request verifies its token's signature (the benchmark's baseline). */
    @WithDefault("true")
    boolean enabled();

    /** Most tokens kept; the least valuable are evicted beyond it. */
    @WithDefault("2000")
    int maxSize();

    /**
     * Longest time a verified token is reused before it is verified again against the current key
     * set: the bound on how long a token signed by a retired key stays accepted.
     */
    @WithDefault("5M")
    Duration maxAge();

    /** Longer tokens (characters) are verified on every request and never kept, so memory stays bounded. */
    @WithDefault("4096")
    int maxTokenLength();
}
