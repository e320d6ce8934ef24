package io.careerdata.backup;

import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Jobs;
import io.careerdata.testing.Sql;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Data for backup tests, whole-database snapshots to compare, and the job round trips of the API. */
public final class BackupFixtures {

    static final String BACKUPS = "/api/v1/data-management/backups";

    /** The tables of the first migration; every one gets rows from {@link #seedEveryTable}. */
    static final List<String> DOMAIN_TABLES = List.of("users", "skills", "resumes", "resume_versions", "job_postings",
            "job_descriptions", "applications", "analyses", "generated_resumes", "interview_sessions",
            "networking_contacts", "career_roadmaps", "agent_tasks", "audit_log");

    private BackupFixtures() {
    }

    static UUID seedEveryTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return seedEveryTable(c);
        }
    }

    /** Adds a user with rows in every table, values chosen to trip up a text format: tabs, newlines, backslashes, NULLs, unicode. */
    static UUID seedEveryTable(Connection c) throws SQLException {
        UUID user = UUID.randomUUID();
        UUID resume = UUID.randomUUID();
        UUID posting = UUID.randomUUID();
        UUID description = UUID.randomUUID();
        String tag = user.toString().substring(0, 8);
        exec(c, "INSERT INTO users (id, email, full_name, headline, phone, preferences, last_active_at) VALUES ('" + user
                + "', 'seed-" + tag + "@example.org', E'Zoë \\\\ \"Tab\\there\"', E'line one\\nline two', NULL,"
                + " '{\"theme\": \"dark\", \"nested\": {\"a\": [1, 2.5, null]}}', '2024-02-29 23:59:59.123456+05:30')");
        exec(c, "INSERT INTO skills (id, user_id, name, level, years_experience) VALUES ('" + UUID.randomUUID() + "', '"
                + user + "', 'Kotlin " + tag + "', 'expert', 12.5), ('" + UUID.randomUUID() + "', '" + user
                + "', 'SQL " + tag + "', 'beginner', NULL)");
        exec(c, "INSERT INTO resumes (id, user_id, title, current_version) VALUES ('" + resume + "', '" + user
                + "', 'Résumé ✓', 2)");
        exec(c, "INSERT INTO resume_versions (id, resume_id, version, raw_text, redacted_text) VALUES ('"
                + UUID.randomUUID() + "', '" + resume + "', 1, E'raw\\r\\nwith CRLF', 'redacted'), ('" + UUID.randomUUID()
                + "', '" + resume + "', 2, repeat('long text ', 500), '')");
        exec(c, "INSERT INTO job_postings (id, title, company, location, salary_min, salary_max, currency, posted_date)"
                + " VALUES ('" + posting + "', 'Engineer " + tag + "', 'ACME', 'Berlin', 50000.50, 90000, 'EUR', '2024-01-15')");
        exec(c, "INSERT INTO job_descriptions (id, user_id, job_posting_id, title, content) VALUES ('" + description
                + "', '" + user + "', '" + posting + "', 'Backend', 'Build things')");
        exec(c, "INSERT INTO applications (id, user_id, job_posting_id, resume_id, job_title, company, status, applied_at)"
                + " VALUES ('" + UUID.randomUUID() + "', '" + user + "', '" + posting + "', '" + resume
                + "', 'Engineer', 'ACME', 'applied', now())");
        exec(c, "INSERT INTO analyses (id, user_id, resume_id, job_description_id, match_score, semantic_similarity,"
                + " missing_keywords) VALUES ('" + UUID.randomUUID() + "', '" + user + "', '" + resume + "', '"
                + description + "', 87.25, 0.1234567890123, '[\"k8s\", \"go\"]')");
        exec(c, "INSERT INTO generated_resumes (id, user_id, resume_id, model_used, content, generation_metadata) VALUES ('"
                + UUID.randomUUID() + "', '" + user + "', '" + resume + "', 'model-x', 'text', '{\"tokens\": 1234}')");
        exec(c, "INSERT INTO interview_sessions (id, user_id, role, interview_type, score, scheduled_at) VALUES ('"
                + UUID.randomUUID() + "', '" + user + "', 'SRE', 'technical', 70, '2030-01-01T10:00:00Z')");
        exec(c, "INSERT INTO networking_contacts (id, user_id, name, email) VALUES ('" + UUID.randomUUID() + "', '" + user
                + "', 'Ada', NULL)");
        exec(c, "INSERT INTO career_roadmaps (id, user_id, title, progress, milestones) VALUES ('" + UUID.randomUUID()
                + "', '" + user + "', 'Staff', 40, '[{\"step\": \"lead\"}]')");
        exec(c, "INSERT INTO agent_tasks (id, user_id, agent, task_type, priority, payload) VALUES ('" + UUID.randomUUID()
                + "', '" + user + "', 'matcher', 'match', 7, '{}')");
        exec(c, "INSERT INTO audit_log (actor, action, target_type, target_id, subject_user_id, details) VALUES ('seed',"
                + " 'seed', 'user', '" + user + "', '" + user + "', '{\"why\": \"test\"}')");
        return user;
    }

    /**
     * Every row of every table the backups cover, as JSON text, sorted. The audit entries of backup
     * operations themselves are left out: a restore adds its own.
     */
    static Map<String, List<String>> snapshot(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            for (String table : tableNames(c)) {
                String filter = table.equals("audit_log") ? " WHERE t.target_type <> 'backup'" : "";
                List<String> rows = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT to_jsonb(t)::text AS r FROM \"" + table + "\" t" + filter
                                + " ORDER BY r")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                tables.put(table, rows);
            }
            return tables;
        }
    }

    static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                        + " AND relkind = 'r' AND relname <> 'flyway_schema_history' AND relname NOT LIKE 'backup\\_%'"
                        + " ORDER BY relname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static void exec(DataSource dataSource, String... statements) throws SQLException {
        Sql.exec(dataSource, statements);
    }

    static long count(DataSource dataSource, String sql, Object... args) throws SQLException {
        return Sql.count(dataSource, sql, args);
    }

    /** Starts a job through the API and waits until it has ended; answers the job as JSON. */
    public static JsonPath runJob(String path, Object... pathParams) {
        String jobId = asAdmin().post(path, pathParams).then().statusCode(202).extract().path("id");
        return awaitJob(jobId);
    }

    public static JsonPath awaitJob(String jobId) {
        return Jobs.awaitEnd(BACKUPS + "/jobs", jobId);
    }

    /** Takes a backup through the API and answers its id. */
    public static String backup(String type) {
        JsonPath job = runJob(BACKUPS + "?type=" + type);
        assertThat(job.getString("state")).as("backup job: %s", job.getString("error")).isEqualTo("succeeded");
        return job.getString("backupId");
    }

    public static JsonPath restore(String backupId) {
        return runJob(BACKUPS + "/{id}/restore", backupId);
    }

    static JsonPath verify(String backupId) {
        return runJob(BACKUPS + "/{id}/verify", backupId);
    }

    /** The value of the first line of {@code /q/metrics} text that starts with {@code prefix}. */
    static double gauge(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(prefix + " not in /q/metrics"));
    }
}
