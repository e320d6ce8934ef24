package io.careerdata.posting;

import io.careerdata.common.Created;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Job postings: every signed-in caller searches them; admins maintain them. */
@Path("/api/v1/jobs")
@Tag(name = "Jobs")
public class JobPostingResource {

    @Inject
    JobPostingService jobs;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "searchJobPostings", summary = "Search job postings")
    public Uni<Page<JobPosting>> search(@BeanParam JobSearch search, @BeanParam PageRequest page) {
        return jobs.search(search, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getJobPosting", summary = "Get a job posting")
    public Uni<JobPosting> get(@RestPath UUID id) {
        return jobs.get(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createJobPosting", summary = "Create a job posting (admin, audited)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobPosting.class)))
    public Uni<RestResponse<JobPosting>> create(@Valid @NotNull JobPostingRequest request, UriInfo uri) {
        return jobs.create(request).map(posting -> Created.at(uri, posting.id, posting));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateJobPosting", summary = "Update a job posting (admin, audited)")
    public Uni<JobPosting> update(@RestPath UUID id, @Valid @NotNull JobPostingRequest request) {
        return jobs.update(id, request).onItem().ifNull().failWith(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteJobPosting", summary = "Delete a job posting (admin, audited)")
    public Uni<Void> delete(@RestPath UUID id) {
        return jobs.delete(id).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Job posting " + id);
    }
}
