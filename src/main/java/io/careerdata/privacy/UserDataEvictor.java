package io.careerdata.privacy;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Deletes the copies of a person's data that live outside their database rows (export files,
 * cached entries). {@link ErasureService} calls every implementation once the rows are erased.
 */
public interface UserDataEvictor {

    /** Completes once no copy of {@code userId}'s data is left here; fails if that could not be ensured. */
    Uni<Void> evictUser(UUID userId);
}
