package io.careerdata.jobdescription;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/job-descriptions")
@Tag(name = "Job descriptions")
public class JobDescriptionResource extends OwnedResource<JobDescription, JobDescriptionRequest> {

    @Produces
    static final OwnedCollection<JobDescription> COLLECTION = new OwnedCollection<>(JobDescription.class, JobDescription::new, CacheCategory.JOB_DESCRIPTIONS, "Job description");

    public JobDescriptionResource() {
        super(COLLECTION);
    }
}
