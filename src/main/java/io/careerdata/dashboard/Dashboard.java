package io.careerdata.dashboard;

import io.careerdata.analysis.Analysis;
import io.careerdata.application.Application;
import io.careerdata.interview.InterviewSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's overview in one answer: how much of everything, and the latest of what moves. */
@RegisterForReflection
public record Dashboard(
        UUID userId,
        Map<String, Long> counts,
        Map<String, Long> applicationsByStatus,
        List<Application> recentApplications,
        List<Analysis> recentAnalyses,
        List<InterviewSession> recentInterviewSessions,
        Instant generatedAt) {
}
