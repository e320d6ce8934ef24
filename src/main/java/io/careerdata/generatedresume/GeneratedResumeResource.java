package io.careerdata.generatedresume;

import io.careerdata.owned.OwnedResource;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/generated-resumes")
@Tag(name = "Generated resumes")
public class GeneratedResumeResource extends OwnedResource<GeneratedResume, GeneratedResumeRequest> {

    public GeneratedResumeResource() {
        super(GeneratedResume.class, GeneratedResume::new, "Generated resume");
    }
}
