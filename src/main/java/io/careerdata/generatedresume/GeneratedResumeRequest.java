package io.careerdata.generatedresume;

import io.careerdata.jobdescription.JobDescription;
import io.careerdata.owned.OwnedRequest;
import io.careerdata.resume.Resume;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RegisterForReflection
public record GeneratedResumeRequest(
        UUID resumeId,
        UUID jobDescriptionId,
        @NotBlank @Size(max = 100) String modelUsed,
        @NotBlank @Size(max = 200_000) String content,
        @Size(max = 100) Map<String, Object> generationMetadata) implements OwnedRequest<GeneratedResume> {

    @Override
    public void applyTo(GeneratedResume generated) {
        generated.resumeId = resumeId;
        generated.jobDescriptionId = jobDescriptionId;
        generated.modelUsed = modelUsed.trim();
        generated.content = content;
        generated.generationMetadata = generationMetadata == null ? Map.of() : generationMetadata;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("resumeId", Resume.class, resumeId),
                new Reference("jobDescriptionId", JobDescription.class, jobDescriptionId));
    }
}
