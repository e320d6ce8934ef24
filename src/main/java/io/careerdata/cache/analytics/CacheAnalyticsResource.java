package io.careerdata.cache.analytics;

import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cache's analytics for admins. A read like the cache's stats: not written to the audit log,
 * so that dashboards may poll it.
 */
@Path("/api/v1/data-management/cache/analytics")
@Tag(name = "Cache")
public class CacheAnalyticsResource {

    @Inject
    CacheAnalytics analytics;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getCacheAnalytics", summary = "Per category over 1 min, 5 min and 1 h (this replica): "
            + "gets, hit ratio, loads and their p50/p99, puts, bytes, evictions, expiries; sampled Redis memory; TTL advice")
    public Uni<CacheAnalytics.Report> analytics() {
        return analytics.report();
    }
}
