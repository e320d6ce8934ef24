package io.careerdata.posting;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheEvent;
import io.careerdata.cache.CacheInvalidator;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.CachedRead;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.security.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Job postings; detail and search results are cached, and every change of a posting drops all searches. */
@ApplicationScoped
public class JobPostingService {

    @Inject
    AuditLog audit;

    @Inject
    CacheLayer cache;

    @Inject
    CacheInvalidator invalidator;

    public Uni<Page<JobPosting>> search(JobSearch search, PageRequest request) {
        JobSearch.Query query = search.toQuery();
        int page = request.page();
        int size = request.size();
        // the same search spelled differently (parameter order, spaces) shares one entry
        String normalized = query.where() + query.orderBy() + new TreeMap<>(query.parameters()) + page + "/" + size;
        return cache.get(CachedRead.page(CacheKey.shared(CacheCategory.JOB_SEARCH, CacheKey.digest(normalized)),
                JobPosting.class, () -> Panache.withSession(() -> load(query, page, size))));
    }

    private static Uni<Page<JobPosting>> load(JobSearch.Query query, int page, int size) {
        return Panache.getSession().chain(session -> bind(session
                        .createSelectionQuery("from JobPosting" + query.where() + query.orderBy(), JobPosting.class), query)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList()
                .chain(items -> bind(session
                                .createSelectionQuery("select count(*) from JobPosting" + query.where(), Long.class), query)
                        .getSingleResult()
                        .map(total -> new Page<>(items, page, size, total))));
    }

    public Uni<JobPosting> get(UUID id) {
        return cache.get(CachedRead.of(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, id), JobPosting.class,
                () -> Panache.withSession(() -> JobPosting.<JobPosting>findById(id))));
    }

    public Uni<JobPosting> create(JobPostingRequest request) {
        JobPosting posting = new JobPosting();
        request.applyTo(posting);
        return Panache.withTransaction(() -> posting.<JobPosting>persist()
                        .call(created -> audit.record("job.create", "job_posting", created.id, null, Map.of())))
                .call(created -> changed(created.id));
    }

    /** The updated posting, or null when there is none with that id. */
    public Uni<JobPosting> update(UUID id, JobPostingRequest request) {
        return Panache.withTransaction(() -> JobPosting.<JobPosting>findById(id).onItem().ifNotNull()
                        .transformToUni(posting -> {
                            request.applyTo(posting);
                            return audit.record("job.update", "job_posting", id, null, Map.of())
                                    .call(Panache::flush)
                                    .replaceWith(posting);
                        }))
                .call(updated -> updated == null ? Uni.createFrom().voidItem() : changed(id));
    }

    /** True when the posting existed and is gone now. */
    public Uni<Boolean> delete(UUID id) {
        return Panache.withTransaction(() -> referencingUsers(id).chain(users -> JobPosting.deleteById(id)
                        .call(deleted -> deleted ? audit.record("job.delete", "job_posting", id, null, Map.of())
                                : Uni.createFrom().voidItem())
                        .map(deleted -> deleted ? users : null)))
                .call(users -> users == null ? Uni.createFrom().voidItem() : changed(id)
                        .chain(() -> Multi.createFrom().iterable(users)
                                .onItem().transformToUniAndConcatenate(
                                        user -> invalidator.changed(CacheEvent.JOB_POSTING_UNLINKED, user, null))
                                .collect().last()))
                .map(users -> users != null);
    }

    private Uni<Void> changed(UUID postingId) {
        return invalidator.changed(CacheEvent.JOB_POSTING_CHANGED, null, postingId);
    }

    /** Users whose applications or job descriptions point at the posting (its deletion clears those ids). */
    private static Uni<List<UUID>> referencingUsers(UUID postingId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select user_id from applications where job_posting_id = :posting"
                                + " union select user_id from job_descriptions where job_posting_id = :posting", UUID.class)
                .setParameter("posting", postingId)
                .getResultList());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, JobSearch.Query search) {
        search.parameters().forEach(query::setParameter);
        return query;
    }
}
