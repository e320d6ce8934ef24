package io.careerdata.user;

import io.careerdata.common.Created;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.privacy.ErasureService;
import io.careerdata.security.Caller;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/users")
@Tag(name = "Users")
public class UserResource {

    @Inject
    UserService users;

    @Inject
    Caller caller;

    @Inject
    ErasureService erasure;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listUsers", summary = "List users (admin)")
    public Uni<Page<User>> list(@BeanParam PageRequest page) {
        return users.list(page);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createUser", summary = "Create a user (admin)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = User.class)))
    @APIResponse(responseCode = "409", description = "Conflict: a user with this email (in any case) exists already")
    public Uni<RestResponse<User>> create(@Valid @NotNull UserRequest request, UriInfo uri) {
        return users.create(request)
                .map(user -> Created.at(uri, user.id, user));
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getCurrentUser", summary = "The caller's profile")
    @APIResponseSchema(value = User.class, responseDescription = "The caller's profile")
    @APIResponse(responseCode = "404", description = "Not Found: the caller has no profile")
    public Uni<User> me() {
        UUID id = caller.requireUserId();
        return users.get(id).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + id));
    }

    @GET
    @Path("{userId}")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getUser", summary = "Read a profile (the user or an admin)")
    public Uni<User> get(@RestPath UUID userId) {
        caller.requireAccessTo(userId);
        return users.get(userId).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId));
    }

    @PUT
    @Path("{userId}")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "updateUser", summary = "Update a profile (active only by admins)")
    @APIResponseSchema(value = User.class, responseDescription = "The updated profile")
    @APIResponse(responseCode = "409", description = "Conflict: a user with this email (in any case) exists already")
    public Uni<User> update(@RestPath UUID userId, @Valid @NotNull UserRequest request) {
        caller.requireAccessTo(userId);
        return users.update(userId, request, caller.isAdmin())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId));
    }

    /** Erases the person and everything the service holds about them (GDPR Art. 17): 204. */
    @DELETE
    @Path("{userId}")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "eraseUser", summary = "Erase the person and all their data (GDPR Art. 17)")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "503", description = "Service Unavailable: the rows are erased but copies remain; send it again")
    public Uni<Void> erase(@RestPath UUID userId) {
        caller.requireAccessTo(userId);
        return erasure.erase(userId);
    }
}
