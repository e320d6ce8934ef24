package io.careerdata.roadmap;

import io.careerdata.owned.OwnedRequest;
import io.careerdata.roadmap.CareerRoadmap.Milestone;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@RegisterForReflection
public record CareerRoadmapRequest(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 200) String targetRole,
        CareerRoadmap.Status status,
        @Min(0) @Max(100) Integer progress,
        @Size(max = 200) List<@NotNull @Valid Milestone> milestones) implements OwnedRequest<CareerRoadmap> {

    @Override
    public void applyTo(CareerRoadmap roadmap) {
        roadmap.title = title.trim();
        roadmap.targetRole = targetRole;
        roadmap.status = status == null ? CareerRoadmap.Status.active : status;
        roadmap.progress = progress == null ? 0 : progress;
        roadmap.milestones = milestones == null ? List.of() : milestones;
    }
}
