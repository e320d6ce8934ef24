package io.careerdata.stats;

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

/** A user's statistics: the user or an admin. */
@Path("/api/v1/users/{userId}/stats")
@Tag(name = "Statistics")
public class UserStatsResource {

    @Inject
    StatsService stats;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getUserStats", summary = "A user's statistics")
    public Uni<UserStats> get(@RestPath UUID userId) {
        caller.requireAccessTo(userId);
        return stats.forUser(userId).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId));
    }
}
