package io.careerdata.cache;

import java.util.UUID;

/** A group of entries invalidated together by bumping one generation: a category of one user, one record, or all. */
public record CacheScope(CacheCategory category, String id) {

    public static CacheScope of(CacheCategory category, UUID userId, Object entityId) {
        return switch (category.scope) {
            case USER -> new CacheScope(category, require(userId, category).toString());
            case ENTITY -> new CacheScope(category, require(entityId, category).toString());
            case SHARED -> CacheKey.shared(category).scope();
        };
    }

    private static Object require(Object id, CacheCategory category) {
        if (id == null) {
            throw new IllegalArgumentException(category + " needs " + (category.scope == CacheCategory.Scope.USER
                    ? "a user id" : "an entity id"));
        }
        return id;
    }
}
