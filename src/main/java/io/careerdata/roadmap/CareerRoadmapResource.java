package io.careerdata.roadmap;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/career-roadmaps")
@Tag(name = "Career roadmaps")
public class CareerRoadmapResource extends OwnedResource<CareerRoadmap, CareerRoadmapRequest> {

    @Produces
    static final OwnedCollection<CareerRoadmap> COLLECTION = new OwnedCollection<>(CareerRoadmap.class, CareerRoadmap::new, CacheCategory.CAREER_ROADMAPS, "Career roadmap");

    public CareerRoadmapResource() {
        super(COLLECTION);
    }
}
