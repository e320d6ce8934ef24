package io.careerdata.cache;

import java.util.UUID;

/** A group of entries invalidated together by bumping one generation: a category of one user, one record, or all. */
public record InvalidationScope(CacheCategory category, String id) {

    public static InvalidationScope of(CacheCategory category, UUID userId, Object entityId) {
        return switch (category.owner) {
            case USER -> new InvalidationScope(category, require(userId, category).toString());
            case ENTITY -> new InvalidationScope(category, require(entityId, category).toString());
            case SHARED -> CacheKey.shared(category).scope();
        };
    }

    private static Object require(Object id, CacheCategory category) {
        if (id == null) {
            throw new IllegalArgumentException(category + " needs " + (category.owner == CacheCategory.Owner.USER
                    ? "a user id" : "an entity id"));
        }
        return id;
    }
}
