package io.careerdata.cache;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one place where Redis keys are spelled. Entries are {@code <prefix>:<category>:{<tag>}:<ids...>};
 * generation counters live under {@code <prefix>:gen:...}, load locks under {@code <prefix>:lock:...}
 * and each user's set of entry keys under {@code <prefix>:keys:{<user>}},
 * so a category's entries can be found by the pattern {@code <prefix>:<category>:*}.
 *
 * <p><b>Hash tags.</b> The part in braces decides a key's slot in Redis Cluster: the user for
 * per-user data, the record for an entity's, the category for shared data. So an entry, its lock,
 * its scope's and its user's counters and the user's key set share one slot, and what is written
 * together with an entry is one batch on one node. Only the epoch stands apart (every stamp holds it).
 * Outside a cluster the braces are plain characters.
 */
@Singleton
public class RedisKeys {

    private final String prefix;

    RedisKeys(CacheConfig config) {
        this.prefix = config.keyPrefix();
    }

    public String entry(CacheKey key) {
        StringBuilder out = new StringBuilder(prefix).append(':').append(key.category().label)
                .append(":{").append(tagOf(key.category(), key.scopeId())).append('}');
        for (String part : key.parts()) {
            out.append(':').append(part);
        }
        return out.toString();
    }

    /** The counters an entry's stamp is made of, in stamp order: epoch, the user's (if any), the scope's. */
    public List<String> generations(CacheKey key) {
        List<String> keys = new ArrayList<>(3);
        keys.add(epoch());
        if (key.userId() != null) {
            keys.add(userGeneration(key.userId()));
        }
        keys.add(scopeGeneration(key.scope()));
        return keys;
    }

    /** Changed when invalidations may have been lost while Redis was unreachable: drops every entry. */
    public String epoch() {
        return prefix + ":gen:epoch";
    }

    public String userGeneration(UUID userId) {
        return prefix + ":gen:user:{" + userId + '}';
    }

    public String scopeGeneration(InvalidationScope scope) {
        return prefix + ":gen:" + scope.category().label + ":{" + tagOf(scope.category(), scope.id()) + '}';
    }

    /** The set of one user's entry keys, so erasure finds them without scanning the keyspace. */
    public String userIndex(UUID userId) {
        return prefix + ":keys:{" + userId + '}';
    }

    /** What goes in a scope's braces: a user's scopes share the user's tag (a user's scope id is the user id). */
    private static String tagOf(CacheCategory category, String scopeId) {
        return category.owner == CacheCategory.Owner.SHARED ? category.label : scopeId;
    }

    public String lock(String entryKey) {
        return prefix + ":lock:" + entryKey.substring(prefix.length() + 1);
    }

    /** The pub/sub channel on which replicas tell each other which near-cached scopes a write changed. */
    public String nearCacheChannel() {
        return prefix + ":near-cache";
    }

    /** Entries of one category, and its generation counters, for SCAN. */
    public List<String> categoryPatterns(CacheCategory category) {
        return List.of(prefix + ":" + category.label + ":*", prefix + ":gen:" + category.label + ":*");
    }

    /** Everything this service keeps in Redis, for SCAN. */
    public String everything() {
        return prefix + ":*";
    }
}
