package io.careerdata.maintenance;

import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's own queries that {@code GET /explain/{name}} may plan, each with fixed sample
 * parameters. Nothing from a request becomes SQL: a request only picks a name from this list.
 * The statements mirror what the services send (job search, dashboard, a user's pages).
 */
final class ExplainCatalogue {

    /** A statement of the service and the parameters it is planned with. */
    record Entry(String name, String description, String sql, Tuple parameters) {
    }

    // a user id that no account has: the plans are those of a real request, and ANALYZE reads little
    private static final UUID SAMPLE_USER = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("job-search", "Job search by title, location, salary and posting date, newest first (one page)",
                "SELECT * FROM job_postings WHERE title ILIKE $1 ESCAPE '\\' AND lower(location) = lower($2)"
                        + " AND salary_max >= $3 AND posted_date >= $4 ORDER BY posted_date DESC NULLS LAST, id LIMIT 20",
                Tuple.of("%engineer%", "Berlin", new BigDecimal("50000"), LocalDate.of(2024, 1, 1)));
        add("job-search-company", "Job search by company name, newest first (one page)",
                "SELECT * FROM job_postings WHERE company ILIKE $1 ESCAPE '\\'"
                        + " ORDER BY posted_date DESC NULLS LAST, id LIMIT 20",
                Tuple.of("%acme%"));
        add("job-search-count", "The total of a job search by source and salary range",
                "SELECT count(*) FROM job_postings WHERE source = $1 AND salary_max >= $2 AND salary_min <= $3",
                Tuple.of("linkedin", new BigDecimal("40000"), new BigDecimal("90000")));
        add("dashboard-counts", "A user's dashboard: rows of every collection, in one round trip",
                "SELECT " + String.join(", ", List.of("skills", "resumes", "job_descriptions", "applications", "analyses",
                        "generated_resumes", "interview_sessions", "networking_contacts", "career_roadmaps", "agent_tasks")
                        .stream().map(t -> "(SELECT count(*) FROM " + t + " WHERE user_id = $1) AS " + t).toList()),
                Tuple.of(SAMPLE_USER));
        add("dashboard-applications-by-status", "A user's applications counted by status (dashboard, statistics)",
                "SELECT status, count(*) FROM applications WHERE user_id = $1 GROUP BY status ORDER BY status",
                Tuple.of(SAMPLE_USER));
        add("applications-page", "A user's applications, newest first (first page of 20)",
                "SELECT * FROM applications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 20 OFFSET 0",
                Tuple.of(SAMPLE_USER));
        add("resumes-page", "A user's resumes, newest first (first page of 20)",
                "SELECT * FROM resumes WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 20 OFFSET 0",
                Tuple.of(SAMPLE_USER));
        add("users-page", "The admin user list, newest first (first page of 20)",
                "SELECT * FROM users ORDER BY created_at DESC, id LIMIT 20 OFFSET 0", Tuple.tuple());
        add("agent-task-queue", "Pending and running agent tasks by priority",
                "SELECT * FROM agent_tasks WHERE status IN ('pending', 'running') ORDER BY status, priority DESC, created_at"
                        + " LIMIT 20",
                Tuple.tuple());
        add("audit-by-subject", "Audit entries about one person, newest first (exports, erasure)",
                "SELECT * FROM audit_log WHERE subject_user_id = $1 ORDER BY occurred_at DESC LIMIT 50",
                Tuple.of(SAMPLE_USER));
    }

    private ExplainCatalogue() {
    }

    private static void add(String name, String description, String sql, Tuple parameters) {
        ENTRIES.put(name, new Entry(name, description, sql, parameters));
    }

    static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }

    static Optional<Entry> find(String name) {
        return Optional.ofNullable(ENTRIES.get(name));
    }
}
