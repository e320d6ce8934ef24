package io.careerdata.interview;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/interview-sessions")
@Tag(name = "Interview sessions")
public class InterviewSessionResource extends OwnedResource<InterviewSession, InterviewSessionRequest> {

    @Produces
    static final OwnedCollection<InterviewSession> COLLECTION = new OwnedCollection<>(InterviewSession.class, InterviewSession::new, CacheCategory.INTERVIEW_SESSIONS, "Interview session");

    public InterviewSessionResource() {
        super(COLLECTION);
    }
}
