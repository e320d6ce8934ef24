package io.careerdata.cache;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Turns a change into the invalidations it calls for. Services call it after commit, before answering. */
@Singleton
public class CacheInvalidator {

    private final CacheLayer cache;

    CacheInvalidator(CacheLayer cache) {
        this.cache = cache;
    }

    /**
     * @param userId whose data changed (for events that name a user's data)
     * @param entityId the record that changed, for records of no user (a job posting)
     */
    public Uni<Void> changed(CacheEvent event, UUID userId, Object entityId) {
        List<InvalidationScope> scopes = event.drops.stream().map(category -> InvalidationScope.of(category, userId, entityId)).toList();
        return cache.invalidate(scopes, event.wholeUser ? List.of(userId) : List.of());
    }

    /** All cached data of one user, in one command. */
    public Uni<Void> userChanged(UUID userId) {
        return changed(CacheEvent.USER_DATA_REPLACED, userId, null);
    }
}
