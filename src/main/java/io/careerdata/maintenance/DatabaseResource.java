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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    private static final String ACCEPTED = "Accepted: the job, to follow at Location";

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
    @Operation(operationId = "getDatabaseIndexes", summary = "Indexes of the schema: validity, size, scans; missing, unused and redundant ones;"
            + " unindexed foreign keys")
    public Uni<IndexReport> indexes() {
        return audited("database.indexes.read", "indexes", Map.of(), indexes.report());
    }

    @POST
    @Path("/indexes/{name}/rebuild")
    @Operation(operationId = "rebuildDatabaseIndex", summary = "Rebuild a declared index concurrently (REINDEX, or the migration's CREATE INDEX when"
            + " missing); answers the job")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MaintenanceJob.class)))
    @APIResponse(responseCode = "404", description = "Not Found: no migration declares an index of that name")
    public Uni<RestResponse<MaintenanceJob>> rebuild(@PathParam("name") String name, @Context UriInfo uri) {
        return Uni.createFrom().deferred(() -> service.rebuild(name, caller.actor()))
                .call(job -> record("database.index.rebuild", name, Map.of("job", job.id().toString(), "kind", job.kind())))
                .map(job -> accepted(uri, job));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(operationId = "getDatabaseMaintenanceJob", summary = "State of a rebuild or vacuum job (queued, running, succeeded, failed)")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MaintenanceJob.class)))
    @APIResponse(responseCode = "404", description = "Not Found: no job of that id on this replica")
    public Uni<MaintenanceJob> job(@PathParam("id") UUID id) {
        return audited("database.job.read", id.toString(), Map.of(), Uni.createFrom().item(() -> service.job(id)));
    }

    @GET
    @Path("/tables")
    @Operation(operationId = "getDatabaseTables", summary = "Tables of the schema: rows, sizes, dead tuples, estimated bloat, vacuum history;"
            + " worst dead ratio first")
    public Uni<List<TableReport>> tables() {
        return audited("database.tables.read", "tables", Map.of(), tables.tables());
    }

    @GET
    @Path("/slow-queries")
    @Operation(operationId = "getSlowQueries", summary = "Top statements by total execution time, from pg_stat_statements when it is available")
    public Uni<SlowQueries.Answer> slowQueries(@Parameter(description = "how many statements, 1 to 100",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit) {
        int top = limit(limit);
        return audited("database.slow-queries.read", "slow-queries", Map.of("limit", top), slowQueries.top(top));
    }

    @GET
    @Path("/explain")
    @Operation(operationId = "listExplainQueries", summary = "The catalogue of the service's queries that can be explained")
    public Uni<List<CatalogueEntry>> catalogue() {
        return audited("database.explain.list", "explain", Map.of(), Uni.createFrom().item(() -> ExplainCatalogue.all()
                .stream().map(e -> new CatalogueEntry(e.name(), e.description(), e.sql())).toList()));
    }

    @GET
    @Path("/explain/{name}")
    @Operation(operationId = "explainQuery", summary = "EXPLAIN (FORMAT JSON) of a catalogue query, in a read-only transaction that is rolled back")
    @APIResponse(responseCode = "200", description = "The plan as PostgreSQL gives it, and its summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExplainRunner.Explained.class)))
    @APIResponse(responseCode = "404", description = "Not Found: no catalogue query of that name")
    public Uni<ExplainRunner.Explained> explain(@Parameter(description = "a name from GET /explain") @PathParam("name") String name,
            @Parameter(description = "true: run the query (read-only, rolled back) and report actual times and rows",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("analyze") String analyze,
            @Parameter(description = "true: report buffer usage",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("buffers") String buffers) {
        boolean analyzed = QueryParams.flag("analyze", analyze);
        boolean withBuffers = QueryParams.flag("buffers", buffers);
        return audited("database.explain", name, Map.of("analyze", analyzed, "buffers", withBuffers),
                Uni.createFrom().deferred(() -> service.explain(name, analyzed, withBuffers)));
    }

    @POST
    @Path("/vacuum")
    @Operation(operationId = "vacuumDatabase", summary = "VACUUM (ANALYZE) or ANALYZE of one table of the schema, or of all; answers the job")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MaintenanceJob.class)))
    @APIResponse(responseCode = "404", description = "Not Found: no table of that name in the schema")
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
    @Operation(operationId = "getDatabaseActivity", summary = "Sessions of this database by state, waiting locks, the oldest open transaction")
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
