package io.careerdata.interview;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A practice or real interview: its kind, state, score and feedback. */
@Entity
@Table(name = "interview_sessions")
public class InterviewSession extends OwnedEntity {

    /** The constants are the values on the wire and in the column. */
    @Schema(name = "InterviewType")
    public enum Type {
        behavioral, technical, system_design, case_study, mixed
    }

    /** The constants are the values on the wire and in the column. */
    @Schema(name = "InterviewSessionStatus")
    public enum Status {
        scheduled, in_progress, completed, cancelled
    }

    @Column(nullable = false)
    public String role;

    @Enumerated(EnumType.STRING)
    @Column(name = "interview_type", nullable = false)
    public Type interviewType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** 0 to 100. */
    public BigDecimal score;

    public String feedback;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
