package io.careerdata.export;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.Problem;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * GDPR data exports of the caller's data (an admin's of anyone's): asynchronous jobs whose file is
 * downloaded once ready. Ids are made by the service and are the only names a file is reached by.
 */
@Path("/api/v1/data-management/exports")
@Tag(name = "Data exports")
@RolesAllowed({Roles.USER, Roles.ADMIN})
public class ExportResource {

    @Inject
    ExportService exports;

    /** Starts an export: 202 with the job and its Location; 429 with Retry-After beyond the limits. */
    @POST
    @Operation(operationId = "createExport", summary = "Start an export of the caller's data (an admin: anyone's)")
    @APIResponse(responseCode = "202", description = "Accepted: the job, to follow at Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportJob.class)))
    @APIResponse(responseCode = "404", description = "Not Found: no such user that the caller may see")
    @APIResponse(responseCode = "429", description = "Too Many Requests: an export of this person is being made, "
            + "or the daily limit is reached; ask again after Retry-After seconds")
    public Uni<RestResponse<ExportJob>> request(@Valid @NotNull ExportRequest request, UriInfo uri) {
        return exports.request(request).map(job -> RestResponse.ResponseBuilder.<ExportJob>accepted()
                .location(uri.getAbsolutePathBuilder().path(job.id.toString()).build())
                .entity(job)
                .build());
    }

    /** The caller's exports, newest first; an admin may name another user. */
    @GET
    @Operation(operationId = "listExports", summary = "The caller's exports, newest first (an admin may name a user)")
    public Uni<Page<ExportJob>> list(@Parameter(description = "Whose exports (admins; a user sees their own)") @RestQuery UUID userId, @BeanParam PageRequest page) {
        return exports.list(userId, page);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getExport", summary = "An export and its progress")
    public Uni<ExportJob> get(@RestPath UUID id) {
        return exports.get(id).onItem().ifNull().failWith(() -> ExportService.notFound(id));
    }

    /** Streams the file; the name sent is made from the export's date and id, never from the request. */
    @GET
    @Path("{id}/download")
    @Operation(operationId = "downloadExport", summary = "Download the export's file")
    @APIResponse(responseCode = "200", description = "The file, named career-data-export-<date>-<id>.<ext>",
            headers = @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "409", description = "Conflict: the file is still being made")
    @APIResponse(responseCode = "410", description = "Gone: the export has expired or failed; ask for a new one")
    public Uni<RestResponse<java.nio.file.Path>> download(@RestPath UUID id) {
        return exports.download(id).map(download -> RestResponse.ResponseBuilder.ok(download.file())
                .header(HttpHeaders.CONTENT_TYPE, download.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteExport", summary = "Delete an export and its file")
    public Uni<Void> delete(@RestPath UUID id) {
        return exports.delete(id).invoke(deleted -> {
            if (!deleted) {
                throw ExportService.notFound(id);
            }
        }).replaceWithVoid();
    }

    @ServerExceptionMapper
    public Response tooMany(ExportService.TooManyRequests e) {
        return Response.status(429)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(e.toProblem())
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
