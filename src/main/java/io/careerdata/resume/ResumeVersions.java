package io.careerdata.resume;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.CachedRead;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.owned.OwnedStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Reads a resume's version history, through the cache (cold tier: versions never change; a save of
 * the resume drops them); versions are written by {@link ResumeResource} on each save.
 */
@ApplicationScoped
public class ResumeVersions {

    @Inject
    OwnedStore store;

    @Inject
    CacheLayer cache;

    /** The versions, newest first; null when the user has no such resume. */
    public Uni<Page<ResumeVersion>> list(UUID userId, UUID resumeId, PageRequest request) {
        int page = request.page();
        int size = request.size();
        CacheKey key = CacheKey.ofUser(CacheCategory.RESUME_VERSIONS, userId, resumeId, "list", page, size);
        return cache.get(CachedRead.page(key, ResumeVersion.class, () -> Panache.withSession(() -> store
                .get(ResumeResource.COLLECTION, userId, resumeId).onItem().ifNotNull().transformToUni(resume -> ResumeVersion
                        .<ResumeVersion>find("resumeId = ?1 order by version desc", resumeId)
                        .page(page, size).list()
                        .map(items -> new Page<>(items, page, size, resume.currentVersion))))));
    }

    /** Version {@code number}; null when the user has no such resume or version. */
    public Uni<ResumeVersion> get(UUID userId, UUID resumeId, int number) {
        CacheKey key = CacheKey.ofUser(CacheCategory.RESUME_VERSIONS, userId, resumeId, "v", number);
        return cache.get(CachedRead.of(key, ResumeVersion.class, () -> Panache.withSession(() -> store
                .get(ResumeResource.COLLECTION, userId, resumeId).onItem().ifNotNull().transformToUni(resume -> ResumeVersion
                        .<ResumeVersion>find("resumeId = ?1 and version = ?2", resumeId, number).firstResult()))));
    }
}
