package io.careerdata.dashboard;

import io.careerdata.common.ProblemException;
import io.careerdata.security.Caller;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/users/{userId}/dashboard")
@Tag(name = "Dashboard")
public class DashboardResource {

    @Inject
    DashboardService dashboards;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getDashboard", summary = "Counts of every collection, applications by status, recent items")
    public Uni<Dashboard> get(@RestPath UUID userId) {
        caller.requireAccessTo(userId);
        return dashboards.load(userId).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId));
    }
}
