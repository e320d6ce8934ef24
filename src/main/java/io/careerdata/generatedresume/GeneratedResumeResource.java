package io.careerdata.generatedresume;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/generated-resumes")
@Tag(name = "Generated resumes")
public class GeneratedResumeResource extends OwnedResource<GeneratedResume, GeneratedResumeRequest> {

    @Produces
    static final OwnedCollection<GeneratedResume> COLLECTION = new OwnedCollection<>(GeneratedResume.class,
            GeneratedResume::new, CacheCategory.GENERATED_RESUMES, "Generated resume");

    public GeneratedResumeResource() {
        super(COLLECTION);
    }
}
