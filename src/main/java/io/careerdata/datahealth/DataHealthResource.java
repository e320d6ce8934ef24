package io.careerdata.datahealth;

import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The whole data layer in one answer, for operators: always 200 with the document (its status says
 * how things are), within about 1 s. Not a probe: readiness stays {@code /q/health/ready}. A read,
 * not written to the audit log, so that dashboards may poll it.
 */
@Path("/api/v1/data-management/health")
@Tag(name = "Data layer health")
public class DataHealthResource {

    @Inject
    DataHealthService service;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getDataLayerHealth", summary = "PostgreSQL, Redis, cache, backups, exports and schema, "
            + "each UP, DEGRADED, DOWN or UNKNOWN with a reason, and the overall status")
    public Uni<DataHealthService.DataHealth> health() {
        return service.check();
    }
}
