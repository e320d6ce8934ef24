package io.careerdata.backup;

import io.careerdata.backup.storage.BackupNames;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Backups of the service's data (admin only). Long operations answer 202 with a job to follow at
 * {@code /jobs/{jobId}}. Backup ids are made by the service; anything else in their place is
 * refused before it comes near the storage.
 */
@Path("/api/v1/data-management/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Backups")
public class BackupResource {

    private static final String ACCEPTED = "Accepted: the job, to follow at Location";
    private static final String BUSY = "Conflict: another backup operation is running; try again later";
    private static final String BACKUP_ID = "A backup id as the service made it, e.g. 20250101-020000-full-1a2b3c4d";
    private static final String NO_SUCH_BACKUP = "Not Found: no backup of that id";

    private final BackupService service;
    private final BackupKeyUsage keyUsage;

    public BackupResource(BackupService service, BackupKeyUsage keyUsage) {
        this.service = service;
        this.keyUsage = keyUsage;
    }

    @POST
    @Operation(operationId = "startBackup", summary = "Start a backup", description = "type=full (default) or incremental; answers the job")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupJobs.JobView.class)))
    @APIResponse(responseCode = "409", description = BUSY)
    public Uni<RestResponse<BackupJobs.JobView>> start(@Parameter(description = "full (default) or incremental",
            schema = @Schema(enumeration = {"full", "incremental"}, defaultValue = "full")) @QueryParam("type") String type, @Context UriInfo uri) {
        return service.startBackup(type(type)).map(job -> accepted(uri, job));
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(operationId = "getBackupJob", summary = "State and progress of a backup, verify or restore job")
    public Uni<BackupJobs.JobView> job(@PathParam("jobId") UUID jobId) {
        return service.job(jobId);
    }

    @GET
    @Operation(operationId = "listBackups", summary = "List backups, newest first")
    public Uni<Page<BackupRepository.Summary>> list(@BeanParam PageRequest page) {
        return service.list(page);
    }

    @GET
    @Path("/keys")
    @Operation(operationId = "listBackupKeys", summary = "The configured backup keys and the backups that need each",
            description = "A configured key that no backup lists may be removed; 'missing' names keys that backups need and that are not configured")
    public Uni<BackupKeyUsage.KeysView> keys() {
        return keyUsage.view();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBackupManifest", summary = "The manifest of a backup")
    @APIResponseSchema(value = Manifest.class, responseDescription = "The manifest")
    @APIResponse(responseCode = "404", description = NO_SUCH_BACKUP)
    public Uni<Manifest> manifest(@Parameter(description = BACKUP_ID) @PathParam("id") String id) {
        return service.manifest(checked(id));
    }

    @POST
    @Path("/{id}/verify")
    @Operation(operationId = "verifyBackup", summary = "Verify a backup and its chain (checksums, decryption, row counts)")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupJobs.JobView.class)))
    @APIResponse(responseCode = "409", description = BUSY)
    @APIResponse(responseCode = "404", description = NO_SUCH_BACKUP)
    public Uni<RestResponse<BackupJobs.JobView>> verify(@Parameter(description = BACKUP_ID) @PathParam("id") String id, @Context UriInfo uri) {
        return service.startVerify(checked(id)).map(job -> accepted(uri, job));
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreBackup",
            summary = "Restore a backup (with its chain) in one transaction; dryRun=true only reports what would change")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupJobs.JobView.class)))
    @APIResponse(responseCode = "409", description = BUSY + "; or a backup of the chain was encrypted with a key that is not configured")
    @APIResponse(responseCode = "404", description = NO_SUCH_BACKUP)
    public Uni<RestResponse<BackupJobs.JobView>> restore(@Parameter(description = BACKUP_ID) @PathParam("id") String id,
            @Parameter(description = "true: only report per table what would change",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("dryRun") String dryRun,
            @Context UriInfo uri) {
        boolean onlyDry = flag("dryRun", dryRun);
        return keyUsage.requireKeys(checked(id)).chain(() -> service.startRestore(id, onlyDry)).map(job -> accepted(uri, job));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteBackup", summary = "Delete a backup that no other backup depends on")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Conflict: a kept backup uses it as its base")
    @APIResponse(responseCode = "404", description = NO_SUCH_BACKUP)
    public Uni<RestResponse<Void>> delete(@Parameter(description = BACKUP_ID) @PathParam("id") String id) {
        return service.delete(checked(id)).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<BackupJobs.JobView> accepted(UriInfo uri, BackupJobs.JobView job) {
        return RestResponse.ResponseBuilder.<BackupJobs.JobView>accepted(job)
                .location(uri.getBaseUriBuilder().path(BackupResource.class).path("jobs").path(job.id().toString()).build())
                .build();
    }

    private static String checked(String id) {
        if (!BackupNames.isBackupId(id)) {
            throw ProblemException.badRequest("id", "is not a backup id");
        }
        return id;
    }

    private static BackupType type(String value) {
        if (value == null || value.isBlank()) {
            return BackupType.FULL;
        }
        try {
            return BackupType.of(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("type", "must be full or incremental");
        }
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false");
        };
    }
}
