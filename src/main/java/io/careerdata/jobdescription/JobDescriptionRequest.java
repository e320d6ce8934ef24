package io.careerdata.jobdescription;

import io.careerdata.posting.JobPosting;
import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record JobDescriptionRequest(
        UUID jobPostingId,
        @NotBlank @Size(max = 300) String title,
        @Size(max = 200) String company,
        @NotBlank @Size(max = 100_000) String content) implements OwnedRequest<JobDescription> {

    @Override
    public void applyTo(JobDescription description) {
        description.jobPostingId = jobPostingId;
        description.title = title.trim();
        description.company = company;
        description.content = content;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("jobPostingId", JobPosting.class, jobPostingId));
    }
}
