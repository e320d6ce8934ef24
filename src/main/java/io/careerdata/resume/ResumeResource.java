package io.careerdata.resume;

import io.careerdata.cache.CacheCategory;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/users/{userId}/resumes")
@Tag(name = "Resumes")
// the roles of OwnedResource cover only the methods it declares; the version routes need their own
@RolesAllowed({Roles.USER, Roles.ADMIN})
public class ResumeResource extends OwnedResource<Resume, ResumeRequest> {

    @Produces
    static final OwnedCollection<Resume> COLLECTION =
            new OwnedCollection<>(Resume.class, Resume::new, CacheCategory.RESUMES, "Resume");

    @Inject
    ResumeVersions versions;

    public ResumeResource() {
        super(COLLECTION);
    }

    @Override
    protected Uni<Void> afterWrite(Mutiny.Session session, Resume resume, ResumeRequest request, boolean created) {
        return session.persist(ResumeVersion.of(resume, request.content()));
    }

    /** The resume's versions, newest first. */
    @GET
    @Path("{resumeId}/versions")
    @Operation(operationId = "listResumeVersions", summary = "A resume's versions, newest first")
    public Uni<Page<ResumeVersion>> versions(@RestPath UUID userId, @RestPath UUID resumeId, @BeanParam PageRequest page) {
        caller.requireAccessTo(userId);
        return versions.list(userId, resumeId, page).onItem().ifNull().failWith(() -> notFound(resumeId));
    }

    @GET
    @Path("{resumeId}/versions/{version}")
    @Operation(operationId = "getResumeVersion", summary = "One version of a resume")
    public Uni<ResumeVersion> version(@RestPath UUID userId, @RestPath UUID resumeId,
            @Parameter(description = "The version number, from 1", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1")) @RestPath String version) {
        caller.requireAccessTo(userId);
        int number = parseVersion(version);
        return versions.get(userId, resumeId, number)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Version " + number + " of resume " + resumeId));
    }

    private static int parseVersion(String raw) {
        try {
            int number = Integer.parseInt(raw);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.badRequest("version", "must be a whole number from 1");
    }
}
