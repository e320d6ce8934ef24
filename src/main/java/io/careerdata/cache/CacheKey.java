package io.careerdata.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One cached entry: its category, the scope whose generation it carries, and the ids that tell it
 * apart within the scope (a record id, a page). {@link RedisKeys} turns it into Redis keys.
 */
public record CacheKey(CacheCategory category, UUID userId, String scopeId, List<String> parts) {

    private static final String SHARED_SCOPE = "all";

    public CacheKey {
        parts = List.copyOf(parts);
    }

    /** An entry of one user's data; dropped with the user's category, or with all of the user's data. */
    public static CacheKey ofUser(CacheCategory category, UUID userId, Object... parts) {
        require(category, CacheCategory.Owner.USER);
        return new CacheKey(category, userId, userId.toString(), strings(parts));
    }

    /** An entry about one record that belongs to no user (a job posting, an AI result). */
    public static CacheKey ofEntity(CacheCategory category, Object entityId, Object... parts) {
        require(category, CacheCategory.Owner.ENTITY);
        return new CacheKey(category, null, entityId.toString(), strings(parts));
    }

    /** An entry shared by all callers (a job search, platform totals). */
    public static CacheKey shared(CacheCategory category, Object... parts) {
        require(category, CacheCategory.Owner.SHARED);
        return new CacheKey(category, null, SHARED_SCOPE, strings(parts));
    }

    /** What an invalidation names to drop this entry together with the rest of its scope. */
    public InvalidationScope scope() {
        return new InvalidationScope(category, scopeId);
    }

    /** A short, key-safe stand-in for free text such as a search query. */
    public static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(CacheCategory category, CacheCategory.Owner owner) {
        if (category.owner != owner) {
            throw new IllegalArgumentException(category + " is " + category.owner + "-owned, not " + owner);
        }
    }

    private static List<String> strings(Object[] parts) {
        return java.util.Arrays.stream(parts).map(String::valueOf).toList();
    }
}
