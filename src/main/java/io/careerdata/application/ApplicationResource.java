package io.careerdata.application;

import io.careerdata.owned.OwnedResource;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Applications; a status change must follow {@link ApplicationStatus}'s table, or it is a 409. */
@Path("/api/v1/users/{userId}/applications")
@Tag(name = "Applications")
public class ApplicationResource extends OwnedResource<Application, ApplicationRequest> {

    public ApplicationResource() {
        super(Application.class, Application::new, "Application");
    }
}
