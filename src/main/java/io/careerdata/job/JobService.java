package io.careerdata.job;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.security.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
public class JobService {

    @Inject
    AuditLog audit;

    @WithSession
    public Uni<Page<JobPosting>> search(JobSearch search, PageRequest request) {
        JobSearch.Query query = search.toQuery();
        int page = request.page();
        int size = request.size();
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

    @WithSession
    public Uni<JobPosting> get(UUID id) {
        return JobPosting.findById(id);
    }

    @WithTransaction
    public Uni<JobPosting> create(JobPostingRequest request) {
        JobPosting posting = new JobPosting();
        request.applyTo(posting);
        return posting.<JobPosting>persist()
                .call(created -> audit.record("job.create", "job_posting", created.id, null, Map.of()));
    }

    /** The updated posting, or null when there is none with that id. */
    @WithTransaction
    public Uni<JobPosting> update(UUID id, JobPostingRequest request) {
        return JobPosting.<JobPosting>findById(id).onItem().ifNotNull().transformToUni(posting -> {
            request.applyTo(posting);
            return audit.record("job.update", "job_posting", id, null, Map.of())
                    .call(Panache::flush)
                    .replaceWith(posting);
        });
    }

    /** True when the posting existed and is gone now. */
    @WithTransaction
    public Uni<Boolean> delete(UUID id) {
        return JobPosting.deleteById(id)
                .call(deleted -> deleted ? audit.record("job.delete", "job_posting", id, null, Map.of())
                        : Uni.createFrom().voidItem());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, JobSearch.Query search) {
        search.parameters().forEach(query::setParameter);
        return query;
    }
}
