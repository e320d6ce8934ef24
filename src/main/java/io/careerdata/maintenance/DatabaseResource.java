package io.careerdata.maintenance;

import io.careerdata.common.ProblemException;
import io.careerdata.common.QueryParams;
import io.careerdata.security.AuditLog;
import io.careerdata.security.Caller;
import io.careerdata.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Database maintenance and insight for admins. Every call is written to the audit log. Names in a
 * request (index, table, query) are only looked up in catalogues; no SQL comes from a request.
 */
@Path("/api/v1/data-management/database")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Database maintenance")
public class DatabaseResource {

    @Inject
    MaintenanceService service;

    @Inject
    IndexInspector indexes;

    @Inject
    TableInspector tables;

    @Inject
    SlowQueries slowQueries;

    @Inject
    ActivityInspector activity;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    /** The body of {@code POST /vacuum}: a table of the schema, or null for all of them. */
    @RegisterForReflection
    public record VacuumRequest(String table, Boolean analyzeOnly) {
    }

    /** One entry of the EXPLAIN catalogue. */
    @RegisterForReflection
    public record CatalogueEntry(String name, String description, String sql) {
    }

    @GET
    @Path("/indexes")
    @Operation(summary = "Indexes of the schema: validity, size, scans; missing, unused and redundant ones;"
            + " unindexed foreign keys")
    public Uni<IndexReport> indexes() {
        return audited("database.indexes.read", "indexes", Map.of(), indexes.report());
    }

    @POST
    @Path("/indexes/{name}/rebuild")
    @Operation(summary = "Rebuild a declared index concurrently (REINDEX, or the migration's CREATE INDEX when"
            + " missing); answers the job")
    public Uni<RestResponse<MaintenanceJob>> rebuild(@PathParam("name") String name, @Context UriInfo uri) {
        return Uni.createFrom().deferred(() -> service.rebuild(name, caller.actor()))
                .call(job -> record("database.index.rebuild", name, Map.of("job", job.id().toString(), "kind", job.kind())))
                .map(job -> accepted(uri, job));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "State of a rebuild or vacuum job (queued, running, succeeded, failed)")
    public Uni<MaintenanceJob> job(@PathParam("id") UUID id) {
        return audited("database.job.read", id.toString(), Map.of(), Uni.createFrom().item(() -> service.job(id)));
    }

    @GET
    @Path("/tables")
    @Operation(summary = "Tables of the schema: rows, sizes, dead tuples, estimated bloat, vacuum history;"
            + " worst dead ratio first")
    public Uni<List<TableReport>> tables() {
        return audited("database.tables.read", "tables", Map.of(), tables.tables());
    }

    @GET
    @Path("/slow-queries")
    @Operation(summary = "Top statements by total execution time, from pg_stat_statements when it is available")
    public Uni<SlowQueries.Answer> slowQueries(@QueryParam("limit") String limit) {
        int top = limit(limit);
        return audited("database.slow-queries.read", "slow-queries", Map.of("limit", top), slowQueries.top(top));
    }

    @GET
    @Path("/explain")
    @Operation(summary = "The catalogue of the service's queries that can be explained")
    public Uni<List<CatalogueEntry>> catalogue() {
        return audited("database.explain.list", "explain", Map.of(), Uni.createFrom().item(() -> ExplainCatalogue.all()
                .stream().map(e -> new CatalogueEntry(e.name(), e.description(), e.sql())).toList()));
    }

    @GET
    @Path("/explain/{name}")
    @Operation(summary = "EXPLAIN (FORMAT JSON) of a catalogue query, in a read-only transaction that is rolled back")
    public Uni<ExplainRunner.Explained> explain(@PathParam("name") String name, @QueryParam("analyze") String analyze,
            @QueryParam("buffers") String buffers) {
        boolean analyzed = QueryParams.flag("analyze", analyze);
        boolean withBuffers = QueryParams.flag("buffers", buffers);
        return audited("database.explain", name, Map.of("analyze", analyzed, "buffers", withBuffers),
                Uni.createFrom().deferred(() -> service.explain(name, analyzed, withBuffers)));
    }

    @POST
    @Path("/vacuum")
    @Operation(summary = "VACUUM (ANALYZE) or ANALYZE of one table of the schema, or of all; answers the job")
    public Uni<RestResponse<MaintenanceJob>> vacuum(VacuumRequest request, @Context UriInfo uri) {
        String table = request == null ? null : request.table();
        boolean analyzeOnly = request != null && Boolean.TRUE.equals(request.analyzeOnly());
        Map<String, Object> details = new HashMap<>();
        details.put("analyzeOnly", analyzeOnly);
        return service.vacuum(table, analyzeOnly, caller.actor())
                .call(job -> {
                    details.put("job", job.id().toString());
                    return record("database.vacuum", table == null ? "*" : table, details);
                })
                .map(job -> accepted(uri, job));
    }

    @GET
    @Path("/activity")
    @Operation(summary = "Sessions of this database by state, waiting locks, the oldest open transaction")
    public Uni<ActivityInspector.Activity> activity() {
        return audited("database.activity.read", "activity", Map.of(), activity.activity());
    }

    /** Answers {@code work}'s result once the audit line of the call is written. */
    private <T> Uni<T> audited(String action, String target, Map<String, Object> details, Uni<T> work) {
        return work.call(() -> record(action, target, details));
    }

    private Uni<Void> record(String action, String target, Map<String, Object> details) {
        return Panache.withTransaction(() -> audit.record(action, "database", target, null, details));
    }

    private static RestResponse<MaintenanceJob> accepted(UriInfo uri, MaintenanceJob job) {
        return RestResponse.ResponseBuilder.<MaintenanceJob>accepted(job)
                .location(uri.getBaseUriBuilder().path(DatabaseResource.class).path("jobs").path(job.id().toString())
                        .build())
                .build();
    }

    private static int limit(String raw) {
        Integer value = QueryParams.parse("limit", raw, Integer::valueOf, "a whole number");
        if (value == null) {
            return 20;
        }
        if (value < 1 || value > 100) {
            throw ProblemException.badRequest("limit", "must be between 1 and 100");
        }
        return value;
    }
}
