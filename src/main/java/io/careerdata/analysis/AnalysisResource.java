package io.careerdata.analysis;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/analyses")
@Tag(name = "Analyses")
public class AnalysisResource extends OwnedResource<Analysis, AnalysisRequest> {

    @Produces
    static final OwnedCollection<Analysis> COLLECTION = new OwnedCollection<>(Analysis.class, Analysis::new, CacheCategory.ANALYSES, "Analysis");

    public AnalysisResource() {
        super(COLLECTION);
    }
}
