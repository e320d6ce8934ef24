package io.careerdata.export.erasure;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Removes every cached copy of a person's data. Called after their rows are erased. The cache
 * provides the implementation; until it does, {@link NoUserDataEvictor} stands in.
 */
public interface UserDataEvictor {

    /** Completes once no cache holds anything of {@code userId}; fails if that could not be ensured. */
    Uni<Void> evictUser(UUID userId);
}
