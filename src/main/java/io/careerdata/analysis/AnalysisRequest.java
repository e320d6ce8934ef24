package io.careerdata.analysis;

import io.careerdata.jobdescription.JobDescription;
import io.careerdata.owned.OwnedRequest;
import io.careerdata.resume.Resume;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record AnalysisRequest(
        UUID resumeId,
        UUID jobDescriptionId,
        @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal matchScore,
        @DecimalMin("0") @DecimalMax("1") Double semanticSimilarity,
        @Size(max = 500) List<@NotNull @Size(max = 200) String> missingKeywords,
        @Size(max = 200) List<@NotNull @Size(max = 2000) String> suggestions) implements OwnedRequest<Analysis> {

    @Override
    public void applyTo(Analysis analysis) {
        analysis.resumeId = resumeId;
        analysis.jobDescriptionId = jobDescriptionId;
        analysis.matchScore = matchScore;
        analysis.semanticSimilarity = semanticSimilarity;
        analysis.missingKeywords = missingKeywords == null ? List.of() : missingKeywords;
        analysis.suggestions = suggestions == null ? List.of() : suggestions;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("resumeId", Resume.class, resumeId),
                new Reference("jobDescriptionId", JobDescription.class, jobDescriptionId));
    }
}
