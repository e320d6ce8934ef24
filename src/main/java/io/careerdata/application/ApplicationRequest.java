package io.careerdata.application;

import io.careerdata.common.ProblemException;
import io.careerdata.posting.JobPosting;
import io.careerdata.owned.OwnedRequest;
import io.careerdata.resume.Resume;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** An application as clients send it. A missing status keeps the current one (saved for a new one). */
@RegisterForReflection
public record ApplicationRequest(
        UUID jobPostingId,
        UUID resumeId,
        @NotBlank @Size(max = 300) String jobTitle,
        @NotBlank @Size(max = 200) String company,
        ApplicationStatus status,
        @Size(max = 10_000) String notes) implements OwnedRequest<Application> {

    @Override
    public void applyTo(Application application) {
        ApplicationStatus current = application.status;
        ApplicationStatus next = status != null ? status : current != null ? current : ApplicationStatus.saved;
        if (current == null && !next.isInitial()) {
            throw new ProblemException(409, "Conflict", "A new application starts as saved or applied, not " + next);
        }
        if (current != null && next != current && !current.canMoveTo(next)) {
            throw new ProblemException(409, "Conflict", "An application cannot move from " + current + " to " + next
                    + (current.next().isEmpty() ? " (" + current + " is final)" : "; allowed: " + current.next()));
        }
        if (next != current) {
            // PostgreSQL keeps microseconds: the answer shows the time a later read returns
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            application.statusChangedAt = now;
            if (next == ApplicationStatus.applied && application.appliedAt == null) {
                application.appliedAt = now;
            }
        }
        application.status = next;
        application.jobPostingId = jobPostingId;
        application.resumeId = resumeId;
        application.jobTitle = jobTitle.trim();
        application.company = company.trim();
        application.notes = notes;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("jobPostingId", JobPosting.class, jobPostingId),
                new Reference("resumeId", Resume.class, resumeId));
    }
}
