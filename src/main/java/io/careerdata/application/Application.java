package io.careerdata.application;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's application for a job, and where it stands. */
@Entity
@Table(name = "applications")
public class Application extends OwnedEntity {

    /** Null once an admin deletes the posting; the application keeps its own title and company. */
    @Column(name = "job_posting_id")
    public UUID jobPostingId;

    @Column(name = "resume_id")
    public UUID resumeId;

    @Column(name = "job_title", nullable = false)
    public String jobTitle;

    @Column(nullable = false)
    public String company;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Column(name = "applied_at")
    public Instant appliedAt;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    public String notes;
}
