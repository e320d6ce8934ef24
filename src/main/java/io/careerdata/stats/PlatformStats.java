package io.careerdata.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Totals over the whole platform, for administrators. */
@RegisterForReflection
public record PlatformStats(
        long users,
        long activeUsers,
        Map<String, Long> totals,
        Map<String, Long> applicationsByStatus,
        BigDecimal averageMatchScore,
        BigDecimal averageInterviewScore,
        Instant generatedAt) {
}
