package io.careerdata.cache;

import java.util.List;
import java.util.UUID;

/**
 * Implemented by services whose reads the warming job fills for active users (profile, dashboard,
 * first page of each collection). The reads are the ones the service answers requests with.
 */
public interface WarmupReads {

    List<CachedRead<?>> warmupReads(UUID userId);
}
