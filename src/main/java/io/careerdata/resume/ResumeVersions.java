package io.careerdata.resume;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.owned.OwnedStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Reads a resume's version history; versions are written by {@link ResumeResource} on each save. */
@ApplicationScoped
public class ResumeVersions {

    @Inject
    OwnedStore store;

    /** The versions, newest first; null when the user has no such resume. */
    @WithSession
    public Uni<Page<ResumeVersion>> list(UUID userId, UUID resumeId, PageRequest request) {
        int page = request.page();
        int size = request.size();
        return store.get(Resume.class, userId, resumeId).onItem().ifNotNull().transformToUni(resume -> ResumeVersion
                .<ResumeVersion>find("resumeId = ?1 order by version desc", resumeId)
                .page(page, size).list()
                .map(items -> new Page<>(items, page, size, resume.currentVersion)));
    }

    /** Version {@code number}; null when the user has no such resume or version. */
    @WithSession
    public Uni<ResumeVersion> get(UUID userId, UUID resumeId, int number) {
        return store.get(Resume.class, userId, resumeId).onItem().ifNotNull().transformToUni(resume -> ResumeVersion
                .<ResumeVersion>find("resumeId = ?1 and version = ?2", resumeId, number).firstResult());
    }
}
