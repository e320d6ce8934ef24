package io.careerdata.application;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Applications; a status change must follow {@link ApplicationStatus}'s table, or it is a 409. */
@Path("/api/v1/users/{userId}/applications")
@Tag(name = "Applications")
public class ApplicationResource extends OwnedResource<Application, ApplicationRequest> {

    @Produces
    static final OwnedCollection<Application> COLLECTION = new OwnedCollection<>(Application.class, Application::new, CacheCategory.APPLICATIONS, "Application");

    public ApplicationResource() {
        super(COLLECTION);
    }
}
