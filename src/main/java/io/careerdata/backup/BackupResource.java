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

    private final BackupService service;

    public BackupResource(BackupService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Start a backup", description = "type=full (default) or incremental; answers the job")
    public Uni<RestResponse<BackupJobs.JobView>> start(@QueryParam("type") String type, @Context UriInfo uri) {
        return service.startBackup(type(type)).map(job -> accepted(uri, job));
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(summary = "State and progress of a backup, verify or restore job")
    public Uni<BackupJobs.JobView> job(@PathParam("jobId") UUID jobId) {
        return service.job(jobId);
    }

    @GET
    @Operation(summary = "List backups, newest first")
    public Uni<Page<BackupRepository.Summary>> list(@BeanParam PageRequest page) {
        return service.list(page);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The manifest of a backup")
    public Uni<Manifest> manifest(@PathParam("id") String id) {
        return service.manifest(checked(id));
    }

    @POST
    @Path("/{id}/verify")
    @Operation(summary = "Verify a backup and its chain (checksums, decryption, row counts)")
    public Uni<RestResponse<BackupJobs.JobView>> verify(@PathParam("id") String id, @Context UriInfo uri) {
        return service.startVerify(checked(id)).map(job -> accepted(uri, job));
    }

    @POST
    @Path("/{id}/restore")
    @Operation(summary = "Restore a backup (with its chain) in one transaction; dryRun=true only reports what would change")
    public Uni<RestResponse<BackupJobs.JobView>> restore(@PathParam("id") String id, @QueryParam("dryRun") String dryRun,
            @Context UriInfo uri) {
        return service.startRestore(checked(id), flag("dryRun", dryRun)).map(job -> accepted(uri, job));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a backup that no other backup depends on")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
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
