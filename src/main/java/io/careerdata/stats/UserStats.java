package io.careerdata.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One user's figures: where their applications stand, how well they match, how interviews go. */
@RegisterForReflection
public record UserStats(
        UUID userId,
        long applications,
        Map<String, Long> applicationsByStatus,
        long analyses,
        BigDecimal averageMatchScore,
        List<InterviewScore> interviewScores,
        Instant generatedAt) {

    /** One scored interview session, in time order. */
    @RegisterForReflection
    public record InterviewScore(Instant at, BigDecimal score, String role, String interviewType) {
    }
}
