package io.careerdata.interview;

import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

@RegisterForReflection
public record InterviewSessionRequest(
        @NotBlank @Size(max = 200) String role,
        @NotNull InterviewSession.Type interviewType,
        InterviewSession.Status status,
        @DecimalMin("0") @DecimalMax("100") BigDecimal score,
        @Size(max = 20_000) String feedback,
        Instant scheduledAt) implements OwnedRequest<InterviewSession> {

    @Override
    public void applyTo(InterviewSession session) {
        InterviewSession.Status next = status == null ? InterviewSession.Status.scheduled : status;
        if (next == InterviewSession.Status.completed && session.status != InterviewSession.Status.completed) {
            // PostgreSQL keeps microseconds: the answer shows the time a later read returns
            session.completedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        session.role = role.trim();
        session.interviewType = interviewType;
        session.status = next;
        session.score = score;
        session.feedback = feedback;
        session.scheduledAt = scheduledAt;
    }
}
