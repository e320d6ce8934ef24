package io.careerdata.cache;

import io.careerdata.privacy.UserDataEvictor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Erasure's hook into the cache: after a person's rows are gone, so are their cached copies. */
@ApplicationScoped
public class CacheUserDataEvictor implements UserDataEvictor {

    private final CacheRemoval removal;
    private final CacheInvalidator invalidator;

    CacheUserDataEvictor(CacheRemoval removal, CacheInvalidator invalidator) {
        this.removal = removal;
        this.invalidator = invalidator;
    }

    /** The person's entries are dropped and deleted; platform totals, which counted them, are dropped too. */
    @Override
    public Uni<Void> evictUser(UUID userId) {
        return invalidator.changed(CacheEvent.USER_DATA_REPLACED, userId, null).chain(() -> removal.evictUser(userId));
    }
}
