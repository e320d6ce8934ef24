package io.careerdata.dashboard;

import io.careerdata.analysis.Analysis;
import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.WarmupReads;
import io.careerdata.cache.CachedRead;
import io.careerdata.application.Application;
import io.careerdata.interview.InterviewSession;
import io.careerdata.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** A user's dashboard, served through the cache (hot tier); every change of the user's data drops it. */
@ApplicationScoped
public class DashboardService implements WarmupReads {

    @Inject
    CacheLayer cache;

    static final int RECENT = 5;

    /** The counted collections, by the name they have in the API. */
    private static final Map<String, String> COUNTED = countedTables();

    private static Map<String, String> countedTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("skills", "skills");
        tables.put("resumes", "resumes");
        tables.put("jobDescriptions", "job_descriptions");
        tables.put("applications", "applications");
        tables.put("analyses", "analyses");
        tables.put("generatedResumes", "generated_resumes");
        tables.put("interviewSessions", "interview_sessions");
        tables.put("networkingContacts", "networking_contacts");
        tables.put("careerRoadmaps", "career_roadmaps");
        tables.put("agentTasks", "agent_tasks");
        return tables;
    }

    // one round trip for all counts; each uses the table's (user_id, created_at) index
    private static final String COUNTS_SQL = "select " + COUNTED.values().stream()
            .map(table -> "(select count(*) from " + table + " where user_id = :user) as " + table)
            .collect(Collectors.joining(", "));

    /** The dashboard, or null when there is no such user. */
    public Uni<Dashboard> load(UUID userId) {
        return cache.get(dashboardRead(userId));
    }

    @Override
    public List<CachedRead<?>> warmupReads(UUID userId) {
        return List.of(dashboardRead(userId));
    }

    private static CachedRead<Dashboard> dashboardRead(UUID userId) {
        return CachedRead.of(CacheKey.ofUser(CacheCategory.DASHBOARD, userId), Dashboard.class,
                () -> Panache.withSession(() -> compute(userId)));
    }

    private static Uni<Dashboard> compute(UUID userId) {
        return Panache.getSession().chain(session -> session.find(User.class, userId)
                .onItem().ifNotNull().transformToUni(user -> counts(session, userId)
                        .chain(counts -> byStatus(session, userId)
                                .chain(byStatus -> recent(session, Application.class, userId)
                                        .chain(applications -> recent(session, Analysis.class, userId)
                                                .chain(analyses -> recent(session, InterviewSession.class, userId)
                                                        .map(interviews -> new Dashboard(userId, counts, byStatus,
                                                                applications, analyses, interviews, Instant.now()))))))));
    }

    private static Uni<Map<String, Long>> counts(Mutiny.Session session, UUID userId) {
        return session.createNativeQuery(COUNTS_SQL, Object[].class)
                .setParameter("user", userId)
                .getSingleResult()
                .map(row -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    int i = 0;
                    for (String name : COUNTED.keySet()) {
                        counts.put(name, ((Number) row[i++]).longValue());
                    }
                    return counts;
                });
    }

    private static Uni<Map<String, Long>> byStatus(Mutiny.Session session, UUID userId) {
        return session.createSelectionQuery(
                        "select status, count(*) from Application where userId = :user group by status order by status",
                        Object[].class)
                .setParameter("user", userId)
                .getResultList()
                .map(rows -> {
                    Map<String, Long> byStatus = new LinkedHashMap<>();
                    rows.forEach(row -> byStatus.put(row[0].toString(), ((Number) row[1]).longValue()));
                    return byStatus;
                });
    }

    private static <E> Uni<List<E>> recent(Mutiny.Session session, Class<E> type, UUID userId) {
        return session.createSelectionQuery("from " + type.getSimpleName()
                        + " where userId = :user order by createdAt desc, id", type)
                .setParameter("user", userId)
                .setMaxResults(RECENT)
                .getResultList();
    }
}
