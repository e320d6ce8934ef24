package io.careerdata.stats;

import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform totals, for admins. */
@Path("/api/v1/stats")
@Tag(name = "Statistics")
public class PlatformStatsResource {

    @Inject
    StatsService stats;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getPlatformStats", summary = "Platform totals (admin)")
    public Uni<PlatformStats> get() {
        return stats.platform();
    }
}
