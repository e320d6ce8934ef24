package io.careerdata.owned;

import io.careerdata.cache.CacheCategory;
import java.util.function.Supplier;

/**
 * One kind of user-owned record, as its resource declares it: the entity, how to make a new one,
 * the cache category its reads are kept under, and the name its answers use ("Skill 1a2b... not found").
 * Named here rather than derived from the entity's table, so a renamed table cannot break the cache.
 */
public record OwnedCollection<E extends OwnedEntity>(Class<E> type, Supplier<E> factory, CacheCategory category,
        String label) {
}
